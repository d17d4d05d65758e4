import type { TestConnectionErrorKind } from '../../../shared/schemas/api-connection-test';

/**
 * A failed fetch (undici's `TypeError: fetch failed` and its `cause`) as a kind and a sentence
 * for the user. Messages are built here from the host and the error code only, never from the
 * library's text, which could quote a header.
 */
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME']);
const REFUSED_CODES = new Set(['ECONNREFUSED']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const TLS_REASONS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server’s certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'the server’s certificate chain ends in a self-signed certificate',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the server’s certificate cannot be verified',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the server’s certificate is issued by an unknown authority',
  CERT_HAS_EXPIRED: 'the server’s certificate has expired',
  CERT_NOT_YET_VALID: 'the server’s certificate is not valid yet',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the server’s certificate is for another host name',
};

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  cause?: unknown;
}

/** The first error `code` along the cause chain (undici nests the system error). */
function codeOf(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const e = current as ErrorLike;
    if (typeof e.code === 'string') return e.code;
    current = e.cause;
  }
  return null;
}

function isTlsCode(code: string): boolean {
  return code in TLS_REASONS || /^(ERR_TLS|ERR_SSL|CERT_|ERR_OSSL)/.test(code) || code.includes('CERT');
}

export function classifyFetchError(
  error: unknown,
  url: URL,
  context: { timedOut: boolean; timeoutMs: number },
): { kind: TestConnectionErrorKind; message: string } {
  const host = url.host;
  const code = codeOf(error);
  if (context.timedOut || (code !== null && TIMEOUT_CODES.has(code))) {
    const seconds = Math.round(context.timeoutMs / 100) / 10;
    return { kind: 'TIMEOUT', message: `No answer from “${host}” within ${seconds} s. The server may be down or slow, or a firewall may drop the connection.` };
  }
  if (code !== null && DNS_CODES.has(code)) {
    return { kind: 'DNS', message: `The host “${url.hostname}” could not be found (DNS). Check the base URL and your internet connection.` };
  }
  if (code !== null && REFUSED_CODES.has(code)) {
    return { kind: 'REFUSED', message: `“${host}” refused the connection: no server is listening there, or a firewall blocks it.` };
  }
  if (code !== null && isTlsCode(code)) {
    const reason = TLS_REASONS[code] ?? `the secure connection failed (${code})`;
    return { kind: 'TLS', message: `The secure connection to “${host}” failed: ${reason}. Check the base URL, or ask the API’s owner to fix its certificate.` };
  }
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') {
    return { kind: 'OTHER', message: `“${host}” closed the connection before answering.` };
  }
  return { kind: 'OTHER', message: `The request to “${host}” failed${code ? ` (${code})` : ''}.` };
}
