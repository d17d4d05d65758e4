/**
 * When a connection's token expires: `created_at` (unix seconds) + `expires_in` (seconds). A token
 * whose expiry is now or past is flagged expired; `expires_in: 0` therefore means already expired.
 */
export interface TokenExpiry {
  expiresAt: Date;
  expired: boolean;
}

/** 9999-12-31T23:59:59Z: later expiries are shown as this, so that they stay ISO 8601 timestamps. */
const LATEST_SECONDS = 253_402_300_799;

export function tokenExpiry(token: { created_at: number; expires_in: number }, now: Date = new Date()): TokenExpiry {
  const expiresAt = new Date(Math.min(token.created_at + token.expires_in, LATEST_SECONDS) * 1000);
  return { expiresAt, expired: expiresAt.getTime() <= now.getTime() };
}
