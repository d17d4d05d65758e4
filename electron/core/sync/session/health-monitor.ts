import type { BackendApi } from './backend-client-factory';

/** One backend, and the signed-in tenants that use it (tenants of one platform usually share it). */
export interface HealthTarget {
  baseUrl: string;
  tenantIds: string[];
}

export interface HealthOptions {
  /** Between checks of a backend that answers (default 60 s, ±20 % jitter). */
  intervalMs?: number;
  /** First wait after a failed check; doubles per failure (default 5 s, jittered down to half). */
  offlineBaseMs?: number;
  /** Longest wait while offline (default 5 min). */
  offlineMaxMs?: number;
  /** Per check (default 5 s). */
  timeoutMs?: number;
  random?: () => number;
}

interface Schedule {
  failures: number;
  nextAt: number;
}

const DEFAULTS = { intervalMs: 60_000, offlineBaseMs: 5_000, offlineMaxMs: 300_000, timeoutMs: 5_000 };
/** Checks going at once: a consultant's tenants may sit on many backends. */
const PARALLEL = 4;

export interface HealthMonitorDeps {
  /** The backends to check, each with the tenants signed in to it. */
  targets: () => HealthTarget[];
  /** Told each check's answer for the backend's tenants. */
  report: (tenantIds: readonly string[], online: boolean) => void;
  options?: HealthOptions;
  /** Told about failures that are bugs. */
  onError?: (error: unknown) => void;
  /** A client for one backend, trying once within `timeoutMs` (the session registry's factory). */
  client: (baseUrl: string, timeoutMs: number) => BackendApi;
}

/**
 * A light, periodic `GET /health` (no authentication, one try, short timeout) per backend of the
 * signed-in tenants, feeding their online state. While a backend does not answer, the wait before
 * the next check doubles up to a bound, so an offline laptop costs next to nothing; an answer
 * brings the normal interval back. The set of backends is read again at every wake-up (tenants
 * sign in and out); `poke` checks soon (after a sign-in). `stop` ends it for good: no timer is
 * left and checks in flight are aborted.
 */
export class HealthMonitor {
  private readonly options: Required<HealthOptions>;
  private readonly schedules = new Map<string, Schedule>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly controller = new AbortController();
  private stopped = false;

  private readonly targets: () => HealthTarget[];
  private readonly report: (tenantIds: readonly string[], online: boolean) => void;
  private readonly onError: (error: unknown) => void;
  private readonly client: (baseUrl: string, timeoutMs: number) => BackendApi;

  constructor(deps: HealthMonitorDeps) {
    this.targets = deps.targets;
    this.report = deps.report;
    this.onError = deps.onError ?? (() => undefined);
    this.client = deps.client;
    this.options = { ...DEFAULTS, random: Math.random, ...deps.options };
  }

  start(): void {
    if (!this.stopped && this.timer === null && this.running === null) this.arm(0);
  }

  /** Checks every backend without waiting for its turn (a sign-in just happened). */
  poke(): void {
    if (this.stopped) return;
    for (const schedule of this.schedules.values()) schedule.nextAt = 0;
    if (this.running === null) this.arm(0);
  }

  /** A check is going on right now. */
  isChecking(): boolean {
    return this.running !== null;
  }

  /** Stops at once (timer cleared, requests aborted); resolves when a check in flight is over. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.controller.abort();
    await this.running;
  }

  private arm(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.tick()
        .catch((error: unknown) => this.onError(error))
        .finally(() => {
          this.running = null;
          if (!this.stopped) this.arm(this.untilNext());
        });
    }, delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    const now = Date.now();
    const targets = this.targets();
    for (const url of [...this.schedules.keys()]) if (!targets.some((t) => t.baseUrl === url)) this.schedules.delete(url);
    const due = targets.filter((target) => (this.schedules.get(target.baseUrl)?.nextAt ?? 0) <= now);
    const queue = [...due];
    await Promise.all(
      Array.from({ length: Math.min(PARALLEL, queue.length) }, async () => {
        for (let target = queue.shift(); target && !this.stopped; target = queue.shift()) await this.check(target);
      }),
    );
  }

  private async check(target: HealthTarget): Promise<void> {
    const client = this.client(target.baseUrl, this.options.timeoutMs);
    let online: boolean;
    try {
      await client.call('health', { signal: this.controller.signal });
      online = true;
    } catch {
      if (this.stopped) return;
      online = false;
    }
    const schedule = this.schedules.get(target.baseUrl) ?? { failures: 0, nextAt: 0 };
    schedule.failures = online ? 0 : schedule.failures + 1;
    schedule.nextAt = Date.now() + this.delayAfter(schedule.failures);
    this.schedules.set(target.baseUrl, schedule);
    this.report(target.tenantIds, online);
  }

  /** The wait after a check: the interval (±20 %) when it answered, else bounded doubling, jittered down to half. */
  delayAfter(failures: number): number {
    const { intervalMs, offlineBaseMs, offlineMaxMs, random } = this.options;
    if (failures === 0) return Math.round(intervalMs * (0.8 + 0.4 * random()));
    const ceiling = Math.min(offlineMaxMs, offlineBaseMs * 2 ** (failures - 1));
    return Math.round(ceiling * (0.5 + 0.5 * random()));
  }

  /** Until the next backend is due; the interval when none is known yet (a tenant may sign in meanwhile). */
  private untilNext(): number {
    const next = Math.min(...[...this.schedules.values()].map((s) => s.nextAt));
    return Number.isFinite(next) ? Math.max(0, next - Date.now()) : this.options.intervalMs;
  }
}
