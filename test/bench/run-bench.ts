// npm run bench [-- --json FILE]: the core's autosave, workspace load and cold open with 10 and
// 1,000 tenants of realistic data, the same edit through conf, and publishing 1,000 tenants to the
// sandbox against a plain HTTP client; the tenant switcher's search at 1,000 and 10,000 tenants and
// apply-to-many of one AI Response to 500 tenants (tenants-at-scale-bench.ts); the tenant list's first
// paint and the renderer's JS heap with 1,000 tenants in Chromium (renderer-bench.ts). Not a timed test: it reports.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore, type Core } from '../../electron/core/open-core';
import { seedTenants, type BenchTenant } from './bench-data';
import { measureConfAutosave } from './conf-baseline';
import { median, percentile, timeAsync, timeSync } from './stats';
import { benchTenantsAtScale, tenantsAtScaleGoals } from './tenants-at-scale-bench';
import { benchRenderer, rendererGoals } from './renderer-bench';

interface Metric {
  metric: string;
  value: number;
  unit: string;
}

const AUTOSAVE_SAMPLES = 5000;
const AUTOSAVE_WARMUP = 500;
const COLD_OPENS = 5;
const CONF_SAMPLES = { 10: 200, 1000: 40 } as Record<number, number>;

function open(dataDir: string): Core {
  return openCore({ dataDir, appVersion: 'bench', transport: 'host' });
}

async function dispatchOk(core: Core, channel: string, input: unknown): Promise<void> {
  const result = await core.dispatcher.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
}

/** Typing in the Handover message of one tenant: each keystroke is one autosave through the router. */
async function measureAutosave(core: Core, tenant: BenchTenant): Promise<number[]> {
  const timings: number[] = [];
  const base = tenant.aiResponse.handoverMessage;
  for (let i = 0; i < AUTOSAVE_WARMUP + AUTOSAVE_SAMPLES; i++) {
    const draft = { ...tenant.aiResponse, handoverMessage: `${base} ${i}` };
    const elapsed = await timeAsync(() => dispatchOk(core, 'settings.saveDraft', { tenantId: tenant.id, kind: 'ai_response', draft }));
    if (i >= AUTOSAVE_WARMUP) timings.push(elapsed);
  }
  return timings;
}

/** Opening a tenant's workspace: the tenant, both documents and the catalog, on a freshly opened store. */
async function measureTenantLoad(core: Core, tenants: BenchTenant[]): Promise<number[]> {
  const timings: number[] = [];
  for (const tenant of tenants) {
    timings.push(
      await timeAsync(async () => {
        await dispatchOk(core, 'tenants.get', { id: tenant.id });
        await dispatchOk(core, 'settings.get', { tenantId: tenant.id, kind: 'ai_response' });
        await dispatchOk(core, 'settings.get', { tenantId: tenant.id, kind: 'idle_action' });
        await dispatchOk(core, 'catalog.get', { tenantId: tenant.id });
      }),
    );
  }
  return timings;
}

async function benchAt(count: number, metrics: Metric[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), `bench-${count}-`));
  try {
    const dataDir = join(dir, 'data');
    let core = open(dataDir);
    let tenants: BenchTenant[] = [];
    const seedMs = timeSync(() => (tenants = seedTenants(core, count)));
    core.close();

    const opens: number[] = [];
    for (let i = 0; i < COLD_OPENS; i++) {
      opens.push(timeSync(() => (core = open(dataDir))));
      if (i < COLD_OPENS - 1) core.close();
    }
    const loads = await measureTenantLoad(core, tenants); // each tenant's first load: catalog not cached yet
    const autosave = await measureAutosave(core, tenants[Math.floor(tenants.length / 2)]!);
    core.close();
    const storeBytes = statSync(join(dataDir, 'store.sqlite')).size;

    const conf = measureConfAutosave(join(dir, 'conf'), tenants, CONF_SAMPLES[count] ?? 40);

    metrics.push(
      { metric: `autosave_p50_ms_${count}`, value: median(autosave), unit: 'ms' },
      { metric: `autosave_p99_ms_${count}`, value: percentile(autosave, 99), unit: 'ms' },
      { metric: `autosave_max_ms_${count}`, value: percentile(autosave, 100), unit: 'ms' },
      { metric: `tenant_load_p50_ms_${count}`, value: median(loads), unit: 'ms' },
      { metric: `tenant_load_p99_ms_${count}`, value: percentile(loads, 99), unit: 'ms' },
      { metric: `cold_open_ms_${count}`, value: median(opens), unit: 'ms' },
      { metric: `conf_autosave_p50_ms_${count}`, value: median(conf.timings), unit: 'ms' },
      { metric: `autosave_vs_conf_ratio_${count}`, value: median(conf.timings) / median(autosave), unit: 'x' },
      { metric: `seed_ms_${count}`, value: seedMs, unit: 'ms' },
      { metric: `store_file_kb_${count}`, value: storeBytes / 1024, unit: 'KiB' },
      { metric: `conf_file_kb_${count}`, value: conf.fileBytes / 1024, unit: 'KiB' },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The publish benchmark's runs: tenants × (AI response, idle action, 5 new API connections).
 * 1,000 tenants with connections whose values are all public; and, with a header value in the
 * keychain for each connection, the largest count whose set-up fits in about two minutes (GNOME
 * Keyring's writes slow down as it grows: 1,000 tenants' 5,000 secrets take about ten minutes to
 * store, before anything is timed).
 */
const PUBLISH_RUNS = [
  { tenants: 1000, connections: 5, secrets: false },
  { tenants: 300, connections: 5, secrets: true },
] as const;
const PUBLISH_GOAL_LABEL = '1000x7';

/**
 * publish_docs_per_s and publish_vs_raw_ratio (publish-bench.ts), in a child process inside
 * scripts/with-keyring.sh: sync keeps its tokens in a real keychain, and the bench must not touch
 * the user's own. Without the keyring tools it is skipped, and says so.
 */
function benchPublish(count: number, connections: number, secrets: boolean): Metric[] {
  const dir = mkdtempSync(join(tmpdir(), 'bench-publish-out-'));
  try {
    const out = join(dir, 'metrics.json');
    const args = ['test/bench/publish-bench.ts', String(count), String(connections), secrets ? '1' : '0', out];
    const child = spawnSync('bash', ['scripts/with-keyring.sh', process.execPath, '--import', 'tsx', ...args], {
      stdio: ['ignore', 'inherit', 'inherit'],
      timeout: 10 * 60_000,
    });
    if (child.status !== 0) {
      console.error(`publish bench skipped or failed (exit ${child.status}): it needs dbus and gnome-keyring (bash scripts/setup.sh)`);
      return [];
    }
    return JSON.parse(readFileSync(out, 'utf8')) as Metric[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function printTable(metrics: Metric[]): void {
  const width = Math.max(...metrics.map((m) => m.metric.length));
  console.log(`${'metric'.padEnd(width)}  ${'value'.padStart(12)}  unit`);
  for (const m of metrics) {
    const value = m.value >= 100 ? m.value.toFixed(1) : m.value.toFixed(4);
    console.log(`${m.metric.padEnd(width)}  ${value.padStart(12)}  ${m.unit}`);
  }
}

function jsonTarget(argv: string[]): string | null {
  const index = argv.indexOf('--json');
  if (index === -1) return null;
  const file = argv[index + 1];
  if (!file) throw new Error('--json needs a file name');
  return file;
}

async function main(): Promise<void> {
  const target = jsonTarget(process.argv.slice(2));
  const started = performance.now();
  const metrics: Metric[] = [];
  for (const count of [10, 1000]) await benchAt(count, metrics);
  for (const run of PUBLISH_RUNS) metrics.push(...benchPublish(run.tenants, run.connections, run.secrets));
  metrics.push(...(await benchTenantsAtScale()));
  metrics.push(...(await benchRenderer()));
  metrics.push({ metric: 'bench_total_s', value: (performance.now() - started) / 1000, unit: 's' });
  printTable(metrics);
  const goals = [
    `autosave p99 at 1,000 tenants: ${metrics.find((m) => m.metric === 'autosave_p99_ms_1000')!.value.toFixed(4)} ms (goal ≤ 1 ms)`,
    `autosave vs conf at 1,000 tenants: ${metrics.find((m) => m.metric === 'autosave_vs_conf_ratio_1000')!.value.toFixed(0)}x (goal ≥ 300x)`,
  ];
  const ratio = metrics.find((m) => m.metric === `publish_vs_raw_ratio_${PUBLISH_GOAL_LABEL}`);
  if (ratio) goals.push(`publish vs a plain HTTP client at 1,000 tenants × 7 documents: ${ratio.value.toFixed(2)}x the time (goal ≤ 2)`);
  goals.push(...tenantsAtScaleGoals(metrics));
  goals.push(...rendererGoals(metrics));
  for (const line of goals) console.log(line);
  if (target) writeFileSync(target, `${JSON.stringify(metrics, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
