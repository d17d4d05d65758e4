import { z } from 'zod';
import { validationIssueSchema } from '../schemas/validation-issue';

/**
 * Every error the backend answers has ONE shape:
 *   { "status": "error", "error": { "code": "...", "message": "...", "details": { ... } } }
 * `code` is stable for programs, `message` is English for people, `details` carries the field
 * issues (validation, conflicts), the current version (412) or the wait (429/503).
 */
export const WIRE_ERROR_STATUS = {
  /** Malformed request: not JSON, a bad header, a bad query parameter. */
  invalid_request: 400,
  /** The body breaks the rules; `details.issues` says where (messages are validation keys). */
  validation_failed: 400,
  /** A POST without `Idempotency-Key`. */
  idempotency_key_required: 400,
  /** No bearer token. */
  unauthorized: 401,
  /** A bearer token that is unknown, expired or revoked: refresh it once. */
  invalid_token: 401,
  /** Token endpoint: wrong username or password; unknown, used or revoked refresh token. */
  invalid_grant: 401,
  not_found: 404,
  method_not_allowed: 405,
  /** A uniqueness rule (API connection code, one deal setting per bot response); `details.issues`. */
  conflict: 409,
  /** The tenant's CRM is not connected: CRM lists and deal settings are unavailable. */
  crm_not_connected: 409,
  /** `If-Match` names an old version; `details.currentVersion` and the `ETag` header give the current one. */
  version_mismatch: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  /** The `Idempotency-Key` was used before with a different request body. */
  idempotency_key_reused: 422,
  /** A PUT or DELETE without `If-Match`. */
  precondition_required: 428,
  /** Too many requests: wait `Retry-After` seconds. */
  rate_limited: 429,
  internal: 500,
  bad_gateway: 502,
  /** Temporarily unavailable: wait `Retry-After` seconds when given. */
  unavailable: 503,
  gateway_timeout: 504,
} as const;

export type WireErrorCode = keyof typeof WIRE_ERROR_STATUS;
export const WIRE_ERROR_CODES = Object.keys(WIRE_ERROR_STATUS) as [WireErrorCode, ...WireErrorCode[]];

export const wireErrorDetailsSchema = z
  .object({
    issues: z.array(validationIssueSchema).optional(),
    currentVersion: z.string().optional(),
    retryAfterSeconds: z.number().int().nonnegative().optional(),
    allowedMethods: z.array(z.string()).optional(),
  })
  .strict();

export const wireErrorSchema = z
  .object({
    status: z.literal('error'),
    error: z
      .object({
        code: z.enum(WIRE_ERROR_CODES),
        message: z.string(),
        details: wireErrorDetailsSchema.optional(),
      })
      .strict(),
  })
  .strict();

export type WireError = z.infer<typeof wireErrorSchema>;
export type WireErrorDetails = z.infer<typeof wireErrorDetailsSchema>;

export function wireError(code: WireErrorCode, message: string, details?: WireErrorDetails): WireError {
  return { status: 'error', error: details ? { code, message, details } : { code, message } };
}
