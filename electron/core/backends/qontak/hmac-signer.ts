import { createHmac } from 'node:crypto';
import { httpDate, qontakAuthorization, qontakSigningString } from '../../../../shared/wire/qontak/hmac';

/**
 * Mekari's HMAC request signing: every request carries its `Date` (RFC 7231) and an
 * Authorization header whose signature is
 *   base64(HMAC-SHA256(client secret, "date: " + Date + "\n" + METHOD + " " + path?query + " HTTP/1.1"))
 * The secret never leaves this function; the signature is only good for this request line and
 * this second.
 */
export interface HmacCredentials {
  clientId: string;
  clientSecret: string;
}

export interface SignedHeaders {
  Date: string;
  Authorization: string;
}

export function hmacSignature(secret: string, signingString: string): string {
  return createHmac('sha256', secret).update(signingString, 'utf8').digest('base64');
}

/** `pathWithQuery` is the URL's path plus its query exactly as sent (`/qontak/chat/v1/users?role=agent&offset=1&limit=50`). */
export function signQontakRequest(credentials: HmacCredentials, method: string, pathWithQuery: string, nowMs: number = Date.now()): SignedHeaders {
  const date = httpDate(nowMs);
  const signature = hmacSignature(credentials.clientSecret, qontakSigningString(date, method, pathWithQuery));
  return { Date: date, Authorization: qontakAuthorization(credentials.clientId, signature) };
}

/** The signed headers for a request to `url` (its path and query exactly as sent): for any client that talks to a Mekari-signed backend. */
export function hmacHeadersFor(credentials: HmacCredentials, method: string, url: URL, nowMs: number = Date.now()): SignedHeaders {
  return signQontakRequest(credentials, method, url.pathname + url.search, nowMs);
}
