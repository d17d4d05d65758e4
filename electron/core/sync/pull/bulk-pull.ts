import { randomUUID } from 'node:crypto';
import type { PullProgress } from '../../../../shared/schemas/bulk-pull';

/**
 * Requests one tenant's pull makes, for the time left: the capability probe, divisions and agents
 * (a page each for most companies), CRM pipelines with a stages request per pipeline, the deal
 * form, and the settings routes where the backend offers them. An estimate: the pacer's own queue
 * makes the rest exact.
 */
export const PULL_REQUESTS_ESTIMATE = 12;

/** Tenants pulled at once (each credential's pace still holds: its requests wait their turn). */
const PULL_CONCURRENCY = 4;

export interface BulkPullDeps {
  pull(tenantId: string, signal: AbortSignal): Promise<unknown>;
  /** How long these requests take at their credentials' pace (session registry). */
  paceEstimateMs(entries: ReadonlyArray<{ tenantId: string; requests: number }>): Promise<number>;
  /** 'sync.pullProgress' to the transports. */
  emit(progress: PullProgress): void;
}

/**
 * Pull for many tenants: a few at once, each one on its own (a failure is reported and the others
 * go on), with progress after every tenant carrying the time left at the pace of the tenants
 * still to go.
 */
export class BulkPull {
  private readonly running = new Set<Promise<void>>();
  private readonly stop = new AbortController();

  constructor(private readonly deps: BulkPullDeps) {}

  start(tenantIds: readonly string[]): PullProgress {
    const unique = [...new Set(tenantIds)];
    const progress: PullProgress = { runId: randomUUID(), state: 'running', total: unique.length, done: 0, failed: 0, msLeft: null, failures: [] };
    const run = this.run(progress, unique).finally(() => this.running.delete(run));
    this.running.add(run);
    return snapshot(progress);
  }

  /** Takes no further tenant, aborts the pulls in flight, and resolves when every run has ended. */
  async close(): Promise<void> {
    this.stop.abort();
    await Promise.allSettled([...this.running]);
  }

  private async run(progress: PullProgress, tenantIds: string[]): Promise<void> {
    const left = new Set(tenantIds);
    const report = async () => {
      const ms = await this.timeLeftMs(left);
      this.deps.emit(snapshot({ ...progress, msLeft: ms }));
    };
    await report();
    let next = 0;
    const worker = async () => {
      while (next < tenantIds.length && !this.stop.signal.aborted) {
        const tenantId = tenantIds[next++]!;
        try {
          await this.deps.pull(tenantId, this.stop.signal);
          progress.done++;
        } catch (error) {
          progress.failed++;
          progress.failures.push({ tenantId, message: error instanceof Error ? error.message : 'The pull failed.' });
        }
        left.delete(tenantId);
        await report();
      }
    };
    await Promise.all(Array.from({ length: Math.min(PULL_CONCURRENCY, tenantIds.length) }, worker));
    this.deps.emit(snapshot({ ...progress, state: 'finished', msLeft: null }));
  }

  private async timeLeftMs(left: ReadonlySet<string>): Promise<number | null> {
    if (left.size === 0) return null;
    try {
      const ms = await this.deps.paceEstimateMs([...left].map((tenantId) => ({ tenantId, requests: PULL_REQUESTS_ESTIMATE })));
      return ms > 0 ? ms : null;
    } catch {
      return null;
    }
  }
}

function snapshot(progress: PullProgress): PullProgress {
  return { ...progress, failures: progress.failures.map((failure) => ({ ...failure })) };
}
