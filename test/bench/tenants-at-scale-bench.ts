// Issue #7's benchmark: the Ctrl+K switcher's fuzzy search (the pure shared function, over realistic
// tenant lists of 1,000 and 10,000) and apply-to-many (one AI Response to 500 tenants with its
// preview, through the core's router on a real store). Called by run-bench.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore } from '../../electron/core/open-core';
import { createTenantSearchIndex, searchTenantIndex, type SearchableTenant } from '../../shared/logic/fuzzy-tenant-search';
import { seedTenants, tenantName } from './bench-data';
import { percentile, timeAsync, timeSync } from './stats';

interface Metric {
  metric: string;
  value: number;
  unit: string;
}

const CITIES = ['jakarta', 'surabaya', 'bandung', 'medan', 'semarang', 'makassar', 'denpasar', 'yogyakarta'];
const SEGMENTS = ['vip', 'retail', 'klinik', 'f&b', 'pilot', 'enterprise'];

/** Tenants as the switcher holds them: names like the bench's, one to three tags, a backend host each. */
export function switcherTenants(count: number): SearchableTenant[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `t${i}`,
    name: tenantName(i),
    tags: [CITIES[i % CITIES.length]!, ...(i % 3 === 0 ? [SEGMENTS[i % SEGMENTS.length]!] : []), ...(i % 7 === 0 ? ['q' + (1 + (i % 4))] : [])],
    backendUrl: `https://chat-${i + 1}.tenants.example/api/open/v1`,
  }));
}

/** What people type: prefixes of a name as it is typed, initials, a tag, a host fragment, a typo of omission. */
function queriesFor(tenants: SearchableTenant[], samples: number): string[] {
  const queries: string[] = [];
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  for (let s = 0; s < samples; s++) {
    const tenant = tenants[next() % tenants.length]!;
    const words = tenant.name.toLowerCase().split(' ');
    for (let n = 1; n <= Math.min(8, tenant.name.length); n++) queries.push(tenant.name.slice(0, n).toLowerCase());
    queries.push(words.map((w) => w[0]).join(''));
    queries.push(`${words[1]} ${words[words.length - 1]}`);
    queries.push(words[1]!.replace(/[aeiou]/g, ''));
    queries.push(tenant.tags![0]!);
    queries.push(`chat-${words[words.length - 1]}`);
  }
  return queries;
}

function benchSwitcher(count: number): Metric[] {
  const tenants = switcherTenants(count);
  let index = createTenantSearchIndex(tenants);
  const indexMs = timeSync(() => (index = createTenantSearchIndex(tenants)));
  const queries = queriesFor(tenants, 60);
  for (const query of queries.slice(0, 50)) searchTenantIndex(index, query); // warm-up
  const timings = queries.map((query) => timeSync(() => searchTenantIndex(index, query, { limit: 50 })));
  return [
    { metric: `switcher_query_p50_ms_${count}`, value: percentile(timings, 50), unit: 'ms' },
    { metric: `switcher_query_p99_ms_${count}`, value: percentile(timings, 99), unit: 'ms' },
    { metric: `switcher_index_build_ms_${count}`, value: indexMs, unit: 'ms' },
  ];
}

const APPLY_TARGETS = 500;

/** Apply one AI Response to 500 tenants: preview, then confirm, through the router on a real store. */
async function benchApply(): Promise<Metric[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-apply-'));
  const core = openCore({ dataDir: dir, appVersion: 'bench', transport: 'host' });
  try {
    const tenants = seedTenants(core, APPLY_TARGETS + 1);
    const [source, ...targets] = tenants;
    const draft = { ...source!.aiResponse, threshold: 15, handoverMessage: 'Mohon tunggu, tim Customer Support kami segera membantu Anda.' };
    await core.dispatcher.dispatch('settings.saveDraft', { tenantId: source!.id, kind: 'ai_response', draft });
    const input = { sourceTenantId: source!.id, targetTenantIds: targets.map((t) => t.id), what: { kind: 'ai_response' } };
    let previewMs = 0;
    let applied = 0;
    const totalMs = await timeAsync(async () => {
      previewMs = await timeAsync(async () => {
        const preview = await core.dispatcher.dispatch('apply.preview', input);
        if (!preview.ok) throw new Error(`apply.preview: ${preview.error.message}`);
      });
      const confirm = await core.dispatcher.dispatch('apply.confirm', input);
      if (!confirm.ok) throw new Error(`apply.confirm: ${confirm.error.message}`);
      applied = (confirm.value as { applied: string[] }).applied.length;
    });
    if (applied !== APPLY_TARGETS) throw new Error(`apply.confirm applied ${applied} of ${APPLY_TARGETS}`);
    const undoMs = await timeAsync(async () => {
      const batches = await core.dispatcher.dispatch('apply.batches', {});
      const batchId = (batches as { ok: true; value: Array<{ batchId: string }> }).value[0]!.batchId;
      const undo = await core.dispatcher.dispatch('apply.undo', { batchId });
      if (!undo.ok) throw new Error(`apply.undo: ${undo.error.message}`);
    });
    const listMs = await timeAsync(async () => {
      const list = await core.dispatcher.dispatch('tenants.list', {});
      if (!list.ok) throw new Error('tenants.list failed');
    });
    return [
      { metric: `apply_to_${APPLY_TARGETS}_ms`, value: totalMs, unit: 'ms' },
      { metric: `apply_preview_${APPLY_TARGETS}_ms`, value: previewMs, unit: 'ms' },
      { metric: `apply_undo_${APPLY_TARGETS}_ms`, value: undoMs, unit: 'ms' },
      { metric: `tenant_list_rpc_ms_${APPLY_TARGETS + 1}`, value: listMs, unit: 'ms' },
    ];
  } finally {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchTenantsAtScale(): Promise<Metric[]> {
  return [...benchSwitcher(1000), ...benchSwitcher(10_000), ...(await benchApply())];
}

/** Goals of issue #7, as lines for the report. */
export function tenantsAtScaleGoals(metrics: Metric[]): string[] {
  const value = (name: string) => metrics.find((m) => m.metric === name)?.value;
  const lines: string[] = [];
  for (const count of [1000, 10_000]) {
    const p99 = value(`switcher_query_p99_ms_${count}`);
    if (p99 !== undefined) lines.push(`switcher query p99 at ${count.toLocaleString('en')} tenants: ${p99.toFixed(3)} ms (goal ≤ 16 ms)`);
  }
  const apply = value(`apply_to_${APPLY_TARGETS}_ms`);
  if (apply !== undefined) lines.push(`apply one AI Response to ${APPLY_TARGETS} tenants with preview: ${apply.toFixed(0)} ms (goal ≤ 1,000 ms)`);
  return lines;
}

// Run on its own: npx tsx test/bench/tenants-at-scale-bench.ts
if (import.meta.url === `file://${process.argv[1]}`) {
  benchTenantsAtScale()
    .then((metrics) => {
      for (const m of metrics) console.log(`${m.metric.padEnd(32)} ${m.value.toFixed(3).padStart(12)} ${m.unit}`);
      for (const line of tenantsAtScaleGoals(metrics)) console.log(line);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
