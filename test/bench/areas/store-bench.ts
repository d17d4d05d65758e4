// The store: autosave (each keystroke one settings.saveDraft through the router), a tenant's
// workspace load (the tenant, both documents and the catalog), the store's cold open, and the
// same edit through conf (the JSON store under electron-store) as the baseline.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Core } from '../../../electron/core/open-core';
import type { BenchTenant } from '../bench-data';
import { measureConfAutosave } from '../data/conf-baseline';
import type { BenchPlan } from '../harness/bench-plan';
import type { MetricResults } from '../harness/metric-registry';
import { openBenchCore, type SeededStores } from '../harness/seeded-stores';
import { median, percentile, timeAsync } from '../harness/stats';
import { METRICS } from '../metrics';

async function dispatchOk(core: Core, channel: string, input: unknown): Promise<void> {
  const result = await core.dispatcher.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
}

/** Typing in the Handover message of one tenant: each keystroke is one autosave through the router. */
async function measureAutosave(core: Core, tenant: BenchTenant, warmup: number, samples: number): Promise<number[]> {
  const timings: number[] = [];
  const base = tenant.aiResponse.handoverMessage;
  for (let i = 0; i < warmup + samples; i++) {
    const draft = { ...tenant.aiResponse, handoverMessage: `${base} ${i}` };
    const elapsed = await timeAsync(() => dispatchOk(core, 'settings.saveDraft', { tenantId: tenant.id, kind: 'ai_response', draft }));
    if (i >= warmup) timings.push(elapsed);
  }
  return timings;
}

/** Opening a tenant's workspace: the tenant, both documents and the catalog, each tenant's first load. */
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

/** Every n-th tenant, so that at most `max` are taken from all over the store. */
function spread<T>(items: T[], max: number): T[] {
  const step = Math.max(1, Math.floor(items.length / max));
  return items.filter((_, i) => i % step === 0).slice(0, max);
}

async function benchStoreAt(count: number, plan: BenchPlan['store'], stores: SeededStores, results: MetricResults): Promise<void> {
  const { dataDir, tenants, seedMs } = stores.get(count);
  // The store's cold open, `coldOpens` times; the last one stays open for the measurements.
  const timedOpen = () => {
    const started = performance.now();
    const core = openBenchCore(dataDir);
    return { core, ms: performance.now() - started };
  };
  let opened = timedOpen();
  const opens = [opened.ms];
  for (let i = 1; i < plan.coldOpens; i++) {
    void opened.core.close();
    opened = timedOpen();
    opens.push(opened.ms);
  }
  const open = opened.core;
  let loads: number[];
  let autosave: number[];
  try {
    loads = await measureTenantLoad(open, spread(tenants, plan.loadSamples));
    autosave = await measureAutosave(open, tenants[Math.floor(tenants.length / 2)]!, plan.autosaveWarmup, plan.autosaveSamples);
  } finally {
    void open.close();
  }
  results.record(METRICS.autosaveP50(count), median(autosave));
  results.record(METRICS.autosaveP99(count), percentile(autosave, 99));
  results.record(METRICS.autosaveMax(count), percentile(autosave, 100));
  results.record(METRICS.tenantLoadP50(count), median(loads));
  results.record(METRICS.tenantLoadP99(count), percentile(loads, 99));
  results.record(METRICS.coldOpen(count), median(opens));
  results.record(METRICS.seed(count), seedMs);
  results.record(METRICS.storeFile(count), statSync(join(dataDir, 'store.sqlite')).size / 1024);

  const confSamples = plan.confSamples[count];
  if (confSamples) {
    const conf = measureConfAutosave(stores.scratch(`conf-${count}`), tenants, confSamples);
    results.record(METRICS.confAutosaveP50(count), median(conf.timings));
    results.record(METRICS.autosaveVsConf(count), median(conf.timings) / median(autosave));
    results.record(METRICS.confFile(count), conf.fileBytes / 1024);
  }
}

export async function benchStore(plan: BenchPlan, stores: SeededStores, results: MetricResults): Promise<void> {
  for (const count of plan.store.counts) await benchStoreAt(count, plan.store, stores, results);
}
