import { describe, expect, it } from 'vitest';
import { signQontakRequest, hmacSignature } from '../../../electron/core/backends/qontak/hmac-signer';
import { httpDate, parseQontakAuthorization, qontakSigningString } from '../../../shared/wire/qontak/hmac';

// (14 Nov 2024 was a Thursday: the documentation's example date says Wed.)
// Expected signature computed once, independently of this code, from the documented algorithm:
//   printf 'date: Thu, 14 Nov 2024 06:23:23 GMT\nGET /qontak/chat/v1/users?role=agent&offset=1&limit=50 HTTP/1.1' \
//     | openssl dgst -sha256 -hmac 'demo-secret-0123456789' -binary | base64
const VECTOR = {
  clientId: 'demo-client-id',
  clientSecret: 'demo-secret-0123456789',
  epochMs: Date.UTC(2024, 10, 14, 6, 23, 23),
  date: 'Thu, 14 Nov 2024 06:23:23 GMT',
  pathWithQuery: '/qontak/chat/v1/users?role=agent&offset=1&limit=50',
  signature: 'N1Zq3OT55qwsnT6ZYw+yNgt9BGjQneci8GYWwx9O6oc=',
};

describe('Qontak HMAC signing', () => {
  it('formats the Date header in RFC 7231 form', () => {
    expect(httpDate(VECTOR.epochMs)).toBe(VECTOR.date);
    expect(httpDate(Date.UTC(2025, 0, 5, 9, 4, 7))).toBe('Sun, 05 Jan 2025 09:04:07 GMT');
  });

  it('signs the date and the request line with its query', () => {
    expect(qontakSigningString(VECTOR.date, 'get', VECTOR.pathWithQuery)).toBe(`date: ${VECTOR.date}\nGET ${VECTOR.pathWithQuery} HTTP/1.1`);
    const headers = signQontakRequest({ clientId: VECTOR.clientId, clientSecret: VECTOR.clientSecret }, 'GET', VECTOR.pathWithQuery, VECTOR.epochMs);
    expect(headers.Date).toBe(VECTOR.date);
    expect(headers.Authorization).toBe(
      `hmac username="${VECTOR.clientId}", algorithm="hmac-sha256", headers="date request-line", signature="${VECTOR.signature}"`,
    );
  });

  it('gives another signature for another query, method, date or secret', () => {
    const base = hmacSignature(VECTOR.clientSecret, qontakSigningString(VECTOR.date, 'GET', VECTOR.pathWithQuery));
    expect(base).toBe(VECTOR.signature);
    expect(hmacSignature(VECTOR.clientSecret, qontakSigningString(VECTOR.date, 'GET', '/qontak/chat/v1/users?role=agent&offset=2&limit=50'))).not.toBe(base);
    expect(hmacSignature(VECTOR.clientSecret, qontakSigningString(VECTOR.date, 'POST', VECTOR.pathWithQuery))).not.toBe(base);
    expect(hmacSignature(VECTOR.clientSecret, qontakSigningString('Thu, 14 Nov 2024 06:23:24 GMT', 'GET', VECTOR.pathWithQuery))).not.toBe(base);
    expect(hmacSignature('another-secret', qontakSigningString(VECTOR.date, 'GET', VECTOR.pathWithQuery))).not.toBe(base);
  });

  it('reads the Authorization header back, and refuses what is not an hmac header', () => {
    const { Authorization } = signQontakRequest({ clientId: VECTOR.clientId, clientSecret: VECTOR.clientSecret }, 'GET', VECTOR.pathWithQuery, VECTOR.epochMs);
    expect(parseQontakAuthorization(Authorization)).toEqual({ username: VECTOR.clientId, algorithm: 'hmac-sha256', headers: 'date request-line', signature: VECTOR.signature });
    expect(parseQontakAuthorization('Bearer abc')).toBeNull();
    expect(parseQontakAuthorization('hmac username="x"')).toBeNull();
    expect(parseQontakAuthorization(undefined)).toBeNull();
  });
});
