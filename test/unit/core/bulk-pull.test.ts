import { describe, expect, it } from 'vitest';
import { BulkPull, PULL_REQUESTS_ESTIMATE } from '../../../electron/core/sync/pull/bulk-pull';
import { RequestPacer } from '../../../electron/core/backends/qontak/request-pacer';
import type { PullProgress } from '../../../shared/schemas/bulk-pull';

/** A pull the test finishes (or fails) when it wants. */
function gate() {
  let open!: () => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 1));
  expect(check()).toBe(true);
}

describe('bulk pull: progress with the time left at the pace of the tenants still to go', () => {
  it('estimates from the credentials of the tenants not yet pulled: paced ones count, others not; failures are reported and the rest goes on', async () => {
    // One Qontak credential at 60 a minute (burst 5) for a, b, c; d is not paced (a settings-API tenant).
    const now = 1_000_000;
    const pacer = new RequestPacer({ requestsPerMinute: 60, burst: 5 }, () => now);
    const paced = new Set(['a', 'b', 'c']);
    const gates = new Map(['a', 'b', 'c', 'd'].map((id) => [id, gate()]));
    const events: PullProgress[] = [];
    const bulk = new BulkPull({
      pull: (tenantId) => gates.get(tenantId)!.promise,
      paceEstimateMs: async (entries) => pacer.estimateMs(entries.filter((entry) => paced.has(entry.tenantId)).reduce((sum, entry) => sum + entry.requests, 0)),
      emit: (progress) => events.push(progress),
    });
    // At 1 request a second after the burst of 5: n tenants left take (n × 12 − 5) s.
    const expectedMs = (tenants: number) => (tenants * PULL_REQUESTS_ESTIMATE - 5) * 1000;

    const started = bulk.start(['a', 'b', 'c', 'd', 'a']);
    expect(started).toMatchObject({ state: 'running', total: 4, done: 0, failed: 0 });
    await until(() => events.length === 1);
    expect(events[0]).toMatchObject({ state: 'running', done: 0, msLeft: expectedMs(3) });

    gates.get('b')!.open();
    await until(() => events.length === 2);
    expect(events[1]).toMatchObject({ done: 1, failed: 0, msLeft: expectedMs(2) });

    gates.get('a')!.fail(new Error('The backend did not answer.'));
    await until(() => events.length === 3);
    expect(events[2]).toMatchObject({ done: 1, failed: 1, msLeft: expectedMs(1), failures: [{ tenantId: 'a', message: 'The backend did not answer.' }] });

    gates.get('c')!.open();
    await until(() => events.length === 4);
    // Only d is left, and it is not paced: no time to say.
    expect(events[3]).toMatchObject({ done: 2, msLeft: null });

    gates.get('d')!.open();
    await until(() => events.at(-1)?.state === 'finished');
    expect(events.at(-1)).toMatchObject({ state: 'finished', total: 4, done: 3, failed: 1, msLeft: null });
    expect(new Set(events.map((event) => event.runId))).toEqual(new Set([started.runId]));
  });

  it('close aborts the pulls in flight and takes no further tenant', async () => {
    const signals: AbortSignal[] = [];
    const pulled: string[] = [];
    const bulk = new BulkPull({
      pull: (tenantId, signal) => {
        pulled.push(tenantId);
        signals.push(signal);
        return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('Cancelled.'))));
      },
      paceEstimateMs: async () => 0,
      emit: () => undefined,
    });
    bulk.start(['t1', 't2', 't3', 't4', 't5', 't6']);
    await until(() => pulled.length === 4);
    await bulk.close();
    expect(signals.every((signal) => signal.aborted)).toBe(true);
    expect(pulled).toEqual(['t1', 't2', 't3', 't4']);
  });
});
