// Publishing to the sandbox against a plain HTTP client, each run in a child process inside a
// private keyring session (publish-run.ts).
import { publishScale, type BenchPlan } from '../harness/bench-plan';
import { runChildBench } from '../harness/child-bench';
import type { MetricResults } from '../harness/metric-registry';

export function benchPublish(plan: BenchPlan, results: MetricResults): void {
  for (const run of plan.publish) {
    const args = [String(run.tenants), String(run.connections), run.secrets ? '1' : '0'];
    const measured = runChildBench('test/bench/areas/publish-run.ts', args, { keyring: true, timeoutMs: 10 * 60_000 });
    if (measured.length === 0) console.error(`publish ${publishScale(run)}: no results`);
    results.add(measured);
  }
}
