/**
 * A per-credential limit over a sliding minute, as an API gateway applies it: a request over
 * the limit is refused with the seconds until the oldest counted one leaves the window.
 */
export class SlidingMinuteLimiter {
  private readonly log = new Map<string, number[]>();

  /** null when allowed (and counted), else the Retry-After in whole seconds. */
  take(key: string, limitPerMinute: number, now: number): { remaining: number } | { retryAfterSeconds: number } {
    const recent = (this.log.get(key) ?? []).filter((at) => at > now - 60_000);
    if (recent.length >= limitPerMinute) {
      this.log.set(key, recent);
      return { retryAfterSeconds: Math.max(1, Math.ceil((recent[0]! + 60_000 - now) / 1000)) };
    }
    recent.push(now);
    this.log.set(key, recent);
    return { remaining: limitPerMinute - recent.length };
  }

  forget(key: string): void {
    this.log.delete(key);
  }
}
