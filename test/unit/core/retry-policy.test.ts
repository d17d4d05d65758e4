import { describe, expect, it } from 'vitest';
import { backoffDelayMs, DEFAULT_RETRY_POLICY, parseRetryAfter } from '../../../electron/core/sync/retry-policy';

describe('retry policy', () => {
  const policy = (random: number) => ({ ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1_000, random: () => random });

  it('backs off exponentially with full jitter, bounded by the maximum', () => {
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelayMs(policy(0.999999), attempt, null))).toEqual([100, 200, 400, 800, 1_000, 1_000]);
    expect(backoffDelayMs(policy(0), 5, null)).toBe(0);
    expect(backoffDelayMs(policy(0.5), 3, null)).toBe(200);
  });

  it('never waits less than the Retry-After the server asked for', () => {
    expect(backoffDelayMs(policy(0.1), 1, 2_000)).toBe(2_000);
    expect(backoffDelayMs(policy(0.999999), 5, 10)).toBe(1_000);
  });

  it('reads Retry-After as seconds or as an HTTP date; anything else is no hint', () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    expect(parseRetryAfter('3', now)).toBe(3_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Thu, 01 Jan 2026 12:00:05 GMT', now)).toBe(5_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-1', now)).toBeNull();
  });
});
