/**
 * When to try a backend request again, and how long to wait: bounded exponential backoff with
 * full jitter (AWS's "exponential backoff and jitter"), never shorter than a Retry-After the
 * server asked for.
 */
export interface RetryPolicy {
  /** Tries per request, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the request fails (the tenant is busy or down). */
  maxRetryAfterMs: number;
  random: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 200,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
  random: Math.random,
};

/** Statuses that mean "not now" rather than "no": the server or something in front of it. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/** The wait before try number `attempt + 1` (attempt counts from 1). */
export function backoffDelayMs(policy: RetryPolicy, attempt: number, retryAfterMs: number | null): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.round(policy.random() * ceiling);
  return retryAfterMs === null ? jittered : Math.max(retryAfterMs, jittered);
}

/** A Retry-After header (delay-seconds or an HTTP date) in milliseconds from `now`; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/^[A-Za-z]{3},/.test(text)) return null; // an HTTP date starts with the day's name ("Thu, 01 Jan ...")
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
