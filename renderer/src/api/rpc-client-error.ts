import type { RpcErrorBody, RpcErrorCode } from '../../../shared/rpc/rpc-error';

/** A failure that never reached the core (the host is gone, the network dropped). */
export type ClientOnlyErrorCode = 'UNREACHABLE';
export type RpcClientErrorCode = RpcErrorCode | ClientOnlyErrorCode;

/** What `call` throws when the core answers `{ ok: false }` or cannot be reached. */
export class RpcClientError extends Error {
  readonly code: RpcClientErrorCode;
  readonly issues: NonNullable<RpcErrorBody['issues']>;

  constructor(code: RpcClientErrorCode, message: string, issues: RpcErrorBody['issues'] = []) {
    super(message);
    this.name = 'RpcClientError';
    this.code = code;
    this.issues = issues ?? [];
  }

  static fromBody(body: RpcErrorBody): RpcClientError {
    return new RpcClientError(body.code, body.message, body.issues);
  }
}

export function isRpcClientError(error: unknown): error is RpcClientError {
  return error instanceof RpcClientError;
}

/** The core knows no such record: deleted, never there, or an id that is not even a valid id. */
export function isUnknownIdError(error: unknown): boolean {
  return isRpcClientError(error) && (error.code === 'NOT_FOUND' || error.code === 'INVALID_INPUT');
}
