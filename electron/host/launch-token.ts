import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';

/** A fresh secret per launch: whoever holds it may call the host's RPC and events. */
export function createLaunchToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Whether an Authorization header carries exactly `Bearer <token>`. Compared in constant time;
 * both sides are hashed first so that a length difference leaks nothing either.
 */
export function bearerMatches(authorization: string | undefined, token: string): boolean {
  if (typeof authorization !== 'string') return false;
  const match = /^Bearer ([A-Za-z0-9_-]+)$/.exec(authorization.trim());
  const presented = match?.[1] ?? '';
  const same = timingSafeEqual(digest(presented), digest(token));
  return same && presented.length > 0;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
