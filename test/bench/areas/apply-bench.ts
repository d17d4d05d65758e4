// Apply to many: one AI Response copied to N tenants (preview, then confirm), its undo, and the
// tenant list's RPC afterwards, through the core's router on a real store.
import type { BenchPlan } from '../harness/bench-plan';
import type { MetricResults } from '../harness/metric-registry';
import { openBenchCore, type SeededStores } from '../harness/seeded-stores';
import { timeAsync } from '../harness/stats';
import { METRICS } from '../metrics';

export async function benchApply(plan: BenchPlan, stores: SeededStores, results: MetricResults): Promise<void> {
  const targetsCount = plan.apply.targets;
  // A store of its own: the others' tenants must keep the drafts they were seeded with.
  const seeded = stores.get(targetsCount + 1);
  const core = openBenchCore(seeded.dataDir);
  const call = async (channel: string, input: unknown): Promise<unknown> => {
    const result = await core.dispatcher.dispatch(channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value;
  };
  try {
    const [source, ...targets] = seeded.tenants;
    const draft = { ...source!.aiResponse, threshold: 15, handoverMessage: 'Mohon tunggu, tim Customer Support kami segera membantu Anda.' };
    await call('settings.saveDraft', { tenantId: source!.id, kind: 'ai_response', draft });
    const input = { sourceTenantId: source!.id, targetTenantIds: targets.map((t) => t.id), what: { kind: 'ai_response' } };
    let previewMs = 0;
    let applied = 0;
    const totalMs = await timeAsync(async () => {
      previewMs = await timeAsync(() => call('apply.preview', input));
      applied = ((await call('apply.confirm', input)) as { applied: string[] }).applied.length;
    });
    if (applied !== targetsCount) throw new Error(`apply.confirm applied ${applied} of ${targetsCount}`);
    const undoMs = await timeAsync(async () => {
      const batches = (await call('apply.batches', {})) as Array<{ batchId: string }>;
      await call('apply.undo', { batchId: batches[0]!.batchId });
    });
    const listMs = await timeAsync(() => call('tenants.list', {}));
    results.record(METRICS.applyTotal(targetsCount), totalMs);
    results.record(METRICS.applyPreview(targetsCount), previewMs);
    results.record(METRICS.applyUndo(targetsCount), undoMs);
    results.record(METRICS.tenantListRpc(targetsCount + 1), listMs);
  } finally {
    await core.close();
  }
}
