import type { RpcErrorCode } from '../../shared/rpc/rpc-error';

/** The HTTP status that goes with each typed error, so that HTTP tooling sees failures as failures. */
const STATUS_BY_CODE: Record<RpcErrorCode, number> = {
  INVALID_INPUT: 400,
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  UNKNOWN_CHANNEL: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  INTERNAL: 500,
  STORE_UNAVAILABLE: 503,
  VAULT_UNAVAILABLE: 503,
  // Never 401 for the backend's refusals: 401 here means the host's launch token.
  SIGN_IN_FAILED: 403,
  SIGNED_OUT: 409,
  BACKEND_UNREACHABLE: 502,
  BACKEND_ERROR: 502,
  CANCELLED: 409,
  CLIPBOARD_UNAVAILABLE: 503,
  PDF_UNAVAILABLE: 501,
};

export function httpStatusForCode(code: RpcErrorCode): number {
  return STATUS_BY_CODE[code];
}
