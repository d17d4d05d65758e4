/**
 * The text Mekari's HMAC scheme signs, and the Authorization header that carries the signature
 * (`headers="date request-line"`). Pure: the signing itself (HMAC-SHA256, base64) needs a crypto
 * library and lives with the client (electron/core/backends/qontak) and the sandbox.
 */
export const QONTAK_HMAC_ALGORITHM = 'hmac-sha256';
export const QONTAK_HMAC_HEADERS = 'date request-line';

/** `date: <Date>\n<METHOD> <path with query> HTTP/1.1` */
export function qontakSigningString(date: string, method: string, pathWithQuery: string): string {
  return `date: ${date}\n${method.toUpperCase()} ${pathWithQuery} HTTP/1.1`;
}

export function qontakAuthorization(clientId: string, signature: string): string {
  return `hmac username="${clientId}", algorithm="${QONTAK_HMAC_ALGORITHM}", headers="${QONTAK_HMAC_HEADERS}", signature="${signature}"`;
}

export interface QontakAuthorizationParts {
  username: string;
  algorithm: string;
  headers: string;
  signature: string;
}

/** The parts of an `hmac …` Authorization header; null when it is not one. */
export function parseQontakAuthorization(value: string | null | undefined): QontakAuthorizationParts | null {
  if (!value) return null;
  const match = /^hmac\s+(.*)$/i.exec(value.trim());
  if (!match) return null;
  const parts: Record<string, string> = {};
  for (const pair of match[1]!.matchAll(/([a-z]+)="([^"]*)"/gi)) parts[pair[1]!.toLowerCase()] = pair[2]!;
  const { username, algorithm, headers, signature } = parts;
  if (username === undefined || algorithm === undefined || headers === undefined || signature === undefined) return null;
  return { username, algorithm, headers, signature };
}

/** RFC 7231 IMF-fixdate (`Thu, 14 Nov 2024 06:23:23 GMT`), what the `Date` header carries. */
export function httpDate(epochMs: number): string {
  return new Date(epochMs).toUTCString();
}
