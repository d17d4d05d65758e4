import { RpcError, type RpcErrorCode } from '../../../shared/rpc/rpc-error';
import type { ValidationIssue } from '../../../shared/schemas/settings-document';
import { redactDeep, redactValues } from '../../../shared/logic/redact-values';
import type { WireErrorCode, WireErrorDetails } from '../../../shared/wire/errors';

/**
 * Why a backend request failed, for the sync engine (what to do next) and for the user (the
 * message). None ever quotes a token, a password or a response body that could hold one; what
 * the backend wrote into one (its message, its field issues) has the request's secret values
 * removed (redactBackendError) before anything stores or shows it.
 *   unreachable      no answer: connection refused or reset, timeout, DNS, or still 5xx/429 after the retries
 *   bad_response     an answer outside the contract: HTML, not JSON, a body the wire schemas refuse
 *   rejected         a documented refusal (validation_failed, conflict, not_found, ...)
 *   version_mismatch 412: someone else changed the document (pull, merge, then publish)
 *   sign_in_failed   wrong username or password
 *   signed_out       no session, or the backend refused the refresh token: sign in again
 *   cancelled        the user (or shutdown) stopped it
 */
export type BackendErrorKind = 'unreachable' | 'bad_response' | 'rejected' | 'version_mismatch' | 'sign_in_failed' | 'signed_out' | 'cancelled';

const RPC_CODE: Record<BackendErrorKind, RpcErrorCode> = {
  unreachable: 'BACKEND_UNREACHABLE',
  bad_response: 'BACKEND_ERROR',
  rejected: 'BACKEND_ERROR',
  version_mismatch: 'CONFLICT',
  sign_in_failed: 'SIGN_IN_FAILED',
  signed_out: 'SIGNED_OUT',
  cancelled: 'CANCELLED',
};

export interface BackendErrorInfo {
  status?: number;
  wireCode?: WireErrorCode;
  details?: WireErrorDetails;
}

export class BackendError extends RpcError {
  readonly kind: BackendErrorKind;
  readonly status: number | undefined;
  readonly wireCode: WireErrorCode | undefined;
  readonly details: WireErrorDetails | undefined;

  constructor(kind: BackendErrorKind, message: string, info: BackendErrorInfo = {}) {
    const issues: ValidationIssue[] | undefined = info.details?.issues;
    super(RPC_CODE[kind], message, issues && issues.length > 0 ? issues : undefined);
    this.name = 'BackendError';
    this.kind = kind;
    this.status = info.status;
    this.wireCode = info.wireCode;
    this.details = info.details;
  }
}

export function isBackendError(error: unknown, kind?: BackendErrorKind): error is BackendError {
  return error instanceof BackendError && (kind === undefined || error.kind === kind);
}

/**
 * The error with every value of `secrets` removed from what the backend wrote into it (message,
 * field issues, details): a backend may quote the values it refused, and the request carried
 * header values, tokens, settings or the password. Other errors are returned as they are (the
 * app's own messages never hold a secret).
 */
export function redactBackendError(error: unknown, secrets: readonly string[]): unknown {
  if (!(error instanceof BackendError) || secrets.length === 0) return error;
  const message = redactValues(error.message, secrets);
  const details = error.details === undefined ? undefined : redactDeep(error.details, secrets);
  if (message === error.message && details === error.details) return error;
  return new BackendError(error.kind, message, { status: error.status, wireCode: error.wireCode, details });
}
