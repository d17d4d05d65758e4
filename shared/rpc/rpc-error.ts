import { z } from 'zod';
import { validationIssueSchema } from '../schemas/settings-document';

/**
 * Every failure crosses the boundary as a typed error: a stable code for programs, a readable
 * English message for people (the renderer translates known codes and validation keys), and for
 * INVALID_INPUT the field issues.
 */
export const RPC_ERROR_CODES = [
  'INVALID_INPUT', // the input does not match the channel's schema; `issues` says where
  'NOT_FOUND', // a tenant, document or entry the input names does not exist
  'CONFLICT', // the change collides with the current state
  'UNKNOWN_CHANNEL', // no such RPC channel
  'BAD_REQUEST', // the transport got something that is not a request (malformed JSON, ...)
  'UNAUTHORIZED', // host transport: missing or wrong launch token
  'FORBIDDEN', // host transport: wrong Host/Origin; IPC: a sender that is not our window
  'PAYLOAD_TOO_LARGE', // host transport: body over the limit
  'STORE_UNAVAILABLE', // the local database cannot be used (locked by another instance, damaged)
  'VAULT_UNAVAILABLE', // the OS keychain cannot be used
  'SIGN_IN_FAILED', // sync: the backend refused the username or password
  'SIGNED_OUT', // sync: no session with the tenant's backend, or it ended (revoked): sign in again; drafts are kept
  'BACKEND_UNREACHABLE', // sync: the backend did not answer (offline, timeout, still busy after the retries)
  'BACKEND_ERROR', // sync: the backend answered outside the contract (HTML, not JSON, unknown shape) or refused the request
  'CANCELLED', // sync: stopped by the user
  'CLIPBOARD_UNAVAILABLE', // change sheet: no system clipboard here (Copy works in the desktop app)
  'PDF_UNAVAILABLE', // change sheet: this shell cannot make a PDF (the desktop app can; the browser prints to PDF)
  'INTERNAL', // a bug: the message says what failed, never a secret
] as const;
export type RpcErrorCode = (typeof RPC_ERROR_CODES)[number];

export const rpcErrorSchema = z.object({
  code: z.enum(RPC_ERROR_CODES),
  message: z.string(),
  issues: z.array(validationIssueSchema).optional(),
});
export type RpcErrorBody = z.infer<typeof rpcErrorSchema>;

export type RpcResult<T> = { ok: true; value: T } | { ok: false; error: RpcErrorBody };

/** Thrown inside the core; the router turns it into `{ ok: false, error }`. */
export class RpcError extends Error {
  readonly code: RpcErrorCode;
  readonly issues: RpcErrorBody['issues'];

  constructor(code: RpcErrorCode, message: string, issues?: RpcErrorBody['issues']) {
    super(message);
    this.name = 'RpcError';
    this.code = code;
    this.issues = issues;
  }

  toBody(): RpcErrorBody {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }
}
