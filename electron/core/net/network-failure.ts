/**
 * A request that got no answer, as a kind and a sentence for the user: the proxy refused or
 * failed, the certificate is not trusted, DNS, refused, reset, timeout. Built from error codes
 * and host names only, never from the library's text (which could quote a header).
 */
export type NetworkFailureKind = 'proxy' | 'tls' | 'timeout' | 'dns' | 'refused' | 'reset' | 'other';

export interface NetworkFailure {
  kind: NetworkFailureKind;
  code: string | null;
  message: string;
}

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  port?: unknown;
  address?: unknown;
  errors?: unknown;
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const RESET_CODES = new Set(['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE', 'UND_ERR_CLOSED']);
const UNKNOWN_CA_CODES = new Set(['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_GET_ISSUER_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT']);
const TLS_REASONS: Record<string, string> = {
  CERT_HAS_EXPIRED: 'its certificate has expired',
  CERT_NOT_YET_VALID: 'its certificate is not valid yet',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its certificate is for another host name',
};

/** The errors along the cause chain (undici nests the system error; AggregateError holds several). */
function chain(error: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  const queue: unknown[] = [error];
  while (queue.length > 0 && out.length < 10) {
    const current = queue.shift();
    if (!current || typeof current !== 'object') continue;
    const e = current as ErrorLike;
    out.push(e);
    if (e.cause) queue.push(e.cause);
    if (Array.isArray(e.errors)) queue.push(...(e.errors as unknown[]));
  }
  return out;
}

function isTls(code: string): boolean {
  return UNKNOWN_CA_CODES.has(code) || code in TLS_REASONS || /^(ERR_TLS|ERR_SSL|CERT_|ERR_OSSL)/.test(code);
}

export interface FailureContext {
  /** The URL asked for. */
  url: URL;
  /** The proxy the request went through (coreDispatcher().proxyFor(url)), or null. */
  proxy: string | null;
  timedOut: boolean;
  timeoutMs: number;
  /** What the user calls the other end in messages ("the Mekari API"). */
  serverLabel?: string;
}

export function describeNetworkFailure(error: unknown, context: FailureContext): NetworkFailure {
  const errors = chain(error);
  const codes = errors.map((e) => (typeof e.code === 'string' ? e.code : null)).filter((c): c is string => c !== null);
  const code = codes.find((c) => c !== 'UND_ERR_ABORTED') ?? codes[0] ?? null;
  const host = context.url.host;
  const server = context.serverLabel ?? `“${host}”`;
  let proxyUrl: URL | null = null;
  try {
    proxyUrl = context.proxy ? new URL(context.proxy) : null;
  } catch {
    proxyUrl = null;
  }
  const proxyHost = proxyUrl?.host ?? null;

  if (proxyUrl) {
    // The proxy answered the CONNECT with something other than 200 (undici: "Proxy response (403) !== 200 …").
    for (const e of errors) {
      const match = typeof e.message === 'string' ? /Proxy response \((\d{3})\)/.exec(e.message) : null;
      if (match) {
        return { kind: 'proxy', code: `PROXY_${match[1]}`, message: `The proxy ${proxyHost} refused to connect to ${host} (HTTP ${match[1]}). Check the proxy settings (HTTPS_PROXY, NO_PROXY) or ask your network administrator to allow ${host}.` };
      }
    }
    // No connection to the proxy itself.
    const proxyPort = Number(proxyUrl.port) || (proxyUrl.protocol === 'https:' ? 443 : 80);
    const atProxy = errors.find((e) => typeof e.code === 'string' && Number(e.port) === proxyPort && (DNS_CODES.has(e.code) || e.code === 'ECONNREFUSED' || RESET_CODES.has(e.code) || TIMEOUT_CODES.has(e.code)));
    const dnsAtProxy = errors.find((e) => typeof e.code === 'string' && DNS_CODES.has(e.code) && typeof e.message === 'string' && e.message.includes(proxyUrl!.hostname));
    if (atProxy || dnsAtProxy) {
      return { kind: 'proxy', code: String((atProxy ?? dnsAtProxy)!.code), message: `The proxy ${proxyHost} cannot be reached (${String((atProxy ?? dnsAtProxy)!.code)}). Check the proxy settings (HTTPS_PROXY, HTTP_PROXY, NO_PROXY).` };
    }
  }
  if (context.timedOut || (code !== null && TIMEOUT_CODES.has(code))) {
    return { kind: 'timeout', code, message: `No answer from ${server} within ${Math.round(context.timeoutMs / 100) / 10} s${proxyHost ? ` (through the proxy ${proxyHost})` : ''}.` };
  }
  const tlsCode = codes.find(isTls);
  if (tlsCode) {
    const reason = UNKNOWN_CA_CODES.has(tlsCode)
      ? 'its certificate is issued by an authority this computer does not trust'
      : (TLS_REASONS[tlsCode] ?? `the secure connection failed (${tlsCode})`);
    const advice = UNKNOWN_CA_CODES.has(tlsCode)
      ? ' If your network inspects HTTPS, add its CA certificate in the settings (or NODE_EXTRA_CA_CERTS).'
      : '';
    return { kind: 'tls', code: tlsCode, message: `The secure connection to ${host} was refused: ${reason}.${advice}` };
  }
  if (code !== null && DNS_CODES.has(code)) return { kind: 'dns', code, message: `The host “${context.url.hostname}” could not be found (DNS). Check the API base URL and the internet connection.` };
  if (code === 'ECONNREFUSED') return { kind: 'refused', code, message: `${host} refused the connection: nothing listens there, or a firewall blocks it.` };
  if (code !== null && RESET_CODES.has(code)) return { kind: 'reset', code, message: `${host} closed the connection before answering.` };
  return { kind: 'other', code, message: `The request to ${host} failed${code ? ` (${code})` : ''}.` };
}
