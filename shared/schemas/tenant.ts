import { z } from 'zod';
import { LIMITS } from './limits';
import { entityIdSchema, isoTimestampSchema } from './ids';
import { requiredText } from './text-fields';
import { secureUrl, secureUrlProblem } from './url';
import { backendKindSchema, requestsPerMinuteSchema } from './backend-kind';

export const tenantNameSchema = requiredText(LIMITS.tenantNameMax, 'tenant.name');

/**
 * `Backend URL`: optional until the tenant signs in; an empty field means "none". The password and
 * tokens travel to it, so it follows the API connection's Base URL rule: https, http only for
 * loopback (../schemas/url.ts).
 */
export const tenantBackendUrlSchema = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? null : typeof value === 'string' ? value.trim() : value),
  secureUrl('tenant.backendUrl').nullable(),
);

/**
 * Why a stored Backend URL cannot be used to sign in or sync (an encoded message key), or null.
 * A tenant saved before the https rule may still hold http:// to another host: it keeps its data,
 * and this says what to change before any credential is sent.
 */
export function storedBackendUrlProblem(backendUrl: string): string | null {
  return secureUrlProblem(backendUrl, 'tenant.backendUrl');
}

export const tenantCreateInputSchema = z
  .object({
    name: tenantNameSchema,
    backendUrl: tenantBackendUrlSchema.optional(),
    /** How the tenant connects; absent: this project's contract (`settings_api`), as before kinds existed. The form proposes `qontak`. */
    backendKind: backendKindSchema.optional(),
    /** Qontak kinds: requests a minute per credential; null or absent: the default (DEFAULT_REQUESTS_PER_MINUTE). */
    requestsPerMinute: requestsPerMinuteSchema.nullable().optional(),
  })
  .strict();

export const tenantUpdateInputSchema = z
  .object({
    id: entityIdSchema,
    name: tenantNameSchema.optional(),
    backendUrl: tenantBackendUrlSchema.optional(),
    backendKind: backendKindSchema.optional(),
    requestsPerMinute: requestsPerMinuteSchema.nullable().optional(),
    /**
     * The tenant's credentials are bound to its backend URL and kind: changing either for a
     * signed-in tenant is refused (CONFLICT) unless this says to sign it out first.
     */
    signOut: z.boolean().optional(),
  })
  .strict();

export const tenantSchema = z.object({
  id: entityIdSchema,
  name: z.string(),
  backendUrl: z.string().nullable(),
  backendKind: backendKindSchema,
  /** Null: the default pace. */
  requestsPerMinute: z.number().int().positive().nullable(),
  createdAt: isoTimestampSchema,
  updatedAt: isoTimestampSchema,
  /** Settings documents whose draft differs from what the backend has. */
  unpublishedCount: z.number().int().nonnegative(),
});

export type Tenant = z.infer<typeof tenantSchema>;
export type TenantCreateInput = z.input<typeof tenantCreateInputSchema>;
export type TenantUpdateInput = z.input<typeof tenantUpdateInputSchema>;
