import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { parseQontakAuthorization, qontakSigningString, QONTAK_HMAC_ALGORITHM, QONTAK_HMAC_HEADERS } from '../../../shared/wire/qontak/hmac';

/**
 * Checks a request's HMAC signature as Mekari's gateway does: a known client id, the documented
 * algorithm and header list, a Date within `maxSkewMs` of the sandbox's clock, and the signature
 * over "date: <Date>\n<METHOD> <path?query> HTTP/1.1" with that client's secret.
 */
export type HmacCheck<T> = { ok: true; tenant: T } | { ok: false; why: 'no_signature' | 'unknown_client' | 'stale_date' | 'bad_signature' };

export function verifyHmac<T extends { clientSecret: string }>(
  req: IncomingMessage,
  tenantOf: (clientId: string) => T | null,
  now: number,
  maxSkewMs: number,
): HmacCheck<T> {
  const auth = parseQontakAuthorization(req.headers.authorization);
  const date = req.headers.date;
  if (!auth || typeof date !== 'string' || auth.algorithm !== QONTAK_HMAC_ALGORITHM || auth.headers !== QONTAK_HMAC_HEADERS) return { ok: false, why: 'no_signature' };
  const tenant = tenantOf(auth.username);
  if (!tenant) return { ok: false, why: 'unknown_client' };
  const sent = Date.parse(date);
  if (Number.isNaN(sent) || Math.abs(now - sent) > maxSkewMs) return { ok: false, why: 'stale_date' };
  const expected = createHmac('sha256', tenant.clientSecret)
    .update(qontakSigningString(date, req.method ?? 'GET', req.url ?? '/'))
    .digest();
  const given = Buffer.from(auth.signature, 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, why: 'bad_signature' };
  return { ok: true, tenant };
}
