// Publishing under a per-credential rate limit (paced-publish-run.ts), in a child process inside a
// private keyring session: the HMAC pairs live in the keychain.
import { pacedPublishScale, type BenchPlan } from '../harness/bench-plan';
import { runChildBench } from '../harness/child-bench';
import type { MetricResults } from '../harness/metric-registry';

export function benchPacedPublish(plan: BenchPlan, results: MetricResults): void {
  const run = plan.pacedPublish;
  if (!run) return;
  const args = [String(run.tenants), String(run.connections), String(run.requestsPerMinute)];
  const measured = runChildBench('test/bench/areas/paced-publish-run.ts', args, { keyring: true, timeoutMs: 5 * 60_000 });
  if (measured.length === 0) console.error(`paced publish ${pacedPublishScale(run)}: no results`);
  results.add(measured);
}
