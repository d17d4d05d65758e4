import { BackendError, type BackendErrorKind } from '../../sync/backend-error';

/**
 * A failed request to Mekari's Qontak API. It is a BackendError (same kinds, same RPC codes:
 * the sync engine treats it like any backend failure) with a finer `reason` for the UI and tests.
 * Messages never quote the secret, a signature or a body that could hold one.
 */
export type QontakErrorReason =
  | 'credentials_refused' // 401: wrong client id or secret, or a client id of another company   → SIGN_IN_FAILED
  | 'clock_skew' // 401 while the local clock is > 2 min off the server's Date          → SIGN_IN_FAILED
  | 'forbidden' // 403: the credential may not use this route                             → BACKEND_ERROR
  | 'not_found' // 404 / 422 on a route that should exist                                 → BACKEND_ERROR
  | 'refused' // another documented refusal (4xx with an error body)                     → BACKEND_ERROR
  | 'not_mekari_api' // HTML or non-JSON: the base URL is not the Mekari API                → BACKEND_ERROR
  | 'bad_answer' // JSON outside the documented shapes                                    → BACKEND_ERROR
  | 'catalog_invalid' // a catalog entry without a name, a stage naming an unknown pipeline  → BACKEND_ERROR
  | 'pagination_runaway' // a page that repeats, or pages that never end                    → BACKEND_ERROR
  | 'rate_limited' // still 429 after the retries, or a Retry-After too long to wait        → BACKEND_UNREACHABLE
  | 'server_error' // still 5xx after the retries                                           → BACKEND_UNREACHABLE
  | 'network' // no answer: refused, reset, DNS, timeout                                   → BACKEND_UNREACHABLE
  | 'proxy' // the proxy refused or failed the connection                                  → BACKEND_UNREACHABLE
  | 'tls' // the server's certificate is not trusted (unknown CA, wrong host, expired)      → BACKEND_UNREACHABLE
  | 'cancelled'; //                                                                          → CANCELLED

const KIND: Record<QontakErrorReason, BackendErrorKind> = {
  credentials_refused: 'sign_in_failed',
  clock_skew: 'sign_in_failed',
  forbidden: 'rejected',
  not_found: 'rejected',
  refused: 'rejected',
  not_mekari_api: 'bad_response',
  bad_answer: 'bad_response',
  catalog_invalid: 'bad_response',
  pagination_runaway: 'bad_response',
  rate_limited: 'unreachable',
  server_error: 'unreachable',
  network: 'unreachable',
  proxy: 'unreachable',
  tls: 'unreachable',
  cancelled: 'cancelled',
};

export class QontakError extends BackendError {
  readonly reason: QontakErrorReason;
  /** The platform's own error code (chat `error.code`, CRM `meta.error_code`), when it gave one. */
  readonly platformCode: string | null;

  constructor(reason: QontakErrorReason, message: string, info: { status?: number; platformCode?: string | null } = {}) {
    super(KIND[reason], message, { status: info.status });
    this.name = 'QontakError';
    this.reason = reason;
    this.platformCode = info.platformCode ?? null;
  }
}

export function isQontakError(error: unknown, reason?: QontakErrorReason): error is QontakError {
  return error instanceof QontakError && (reason === undefined || error.reason === reason);
}
