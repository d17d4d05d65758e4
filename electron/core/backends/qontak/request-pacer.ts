import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Paces the requests of one credential with a token bucket: up to `burst` requests at once, then
 * `requestsPerMinute` spread evenly. Callers wait their turn in order. A 429's Retry-After pauses
 * the whole credential, not just the request that got it.
 *
 * The default keeps any 60 s window at or under Mekari's documented 60 requests a minute
 * (55 refilled a minute + a burst of 5). It is adjustable per tenant.
 */
export interface PaceRate {
  requestsPerMinute: number;
  burst: number;
}

export const DEFAULT_QONTAK_RATE: PaceRate = { requestsPerMinute: 55, burst: 5 };

export function checkPaceRate(rate: PaceRate): PaceRate {
  if (!(rate.requestsPerMinute > 0) || !Number.isFinite(rate.requestsPerMinute)) throw new RangeError('requestsPerMinute must be a number above 0.');
  if (!Number.isInteger(rate.burst) || rate.burst < 1) throw new RangeError('burst must be a whole number, at least 1.');
  return rate;
}

export class RequestPacer {
  private rate: PaceRate;
  private tokens: number;
  private last: number;
  private pausedUntil = 0;
  private queue: Promise<void> = Promise.resolve();
  private waiting = 0;

  constructor(
    rate: PaceRate = DEFAULT_QONTAK_RATE,
    private readonly now: () => number = Date.now,
  ) {
    this.rate = checkPaceRate(rate);
    this.tokens = rate.burst;
    this.last = now();
  }

  get currentRate(): PaceRate {
    return this.rate;
  }

  setRate(rate: PaceRate): void {
    this.refill();
    this.rate = checkPaceRate(rate);
    this.tokens = Math.min(this.tokens, rate.burst);
  }

  /** Everyone on this credential waits until then (a 429's Retry-After). */
  pauseUntil(epochMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, epochMs);
  }

  /** Waits for this request's turn. Throws the signal's reason when aborted while waiting. */
  take(signal?: AbortSignal): Promise<void> {
    this.waiting++;
    const turn = this.queue.then(() => this.waitForToken(signal));
    this.queue = turn.catch(() => undefined);
    return turn.finally(() => {
      this.waiting--;
    });
  }

  /** How long `count` more requests would take from now at this pace (ms), counting those already waiting: the "time left" of a bulk run. */
  estimateMs(count: number): number {
    this.refill();
    const perMs = this.rate.requestsPerMinute / 60_000;
    const pause = Math.max(0, this.pausedUntil - this.now());
    const needed = count + this.waiting - this.tokens;
    return pause + (needed > 0 ? needed / perMs : 0);
  }

  private refill(): void {
    const now = this.now();
    const elapsed = Math.max(0, now - this.last);
    this.last = now;
    this.tokens = Math.min(this.rate.burst, this.tokens + (elapsed * this.rate.requestsPerMinute) / 60_000);
  }

  private async waitForToken(signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      this.refill();
      const now = this.now();
      let waitMs: number;
      if (now < this.pausedUntil) waitMs = this.pausedUntil - now;
      else if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      } else waitMs = ((1 - this.tokens) * 60_000) / this.rate.requestsPerMinute;
      await sleep(Math.max(1, Math.ceil(waitMs)), undefined, signal ? { signal } : undefined);
    }
  }
}

/** One pacer per credential (keyed by base URL and client id, never the secret), shared by every client of it. */
export class PacerRegistry {
  private readonly pacers = new Map<string, RequestPacer>();

  constructor(
    private readonly defaultRate: PaceRate = DEFAULT_QONTAK_RATE,
    private readonly now: () => number = Date.now,
  ) {}

  pacerFor(baseUrl: string, clientId: string, rate?: PaceRate): RequestPacer {
    const key = `${new URL(baseUrl).origin}\n${clientId}`;
    let pacer = this.pacers.get(key);
    if (!pacer) {
      pacer = new RequestPacer(rate ?? this.defaultRate, this.now);
      this.pacers.set(key, pacer);
    } else if (rate) pacer.setRate(rate);
    return pacer;
  }

  forget(baseUrl: string, clientId: string): void {
    this.pacers.delete(`${new URL(baseUrl).origin}\n${clientId}`);
  }
}
