import { z } from 'zod';
import { LIMITS } from './limits';
import { entityIdSchema, isoTimestampSchema } from './ids';
import { requiredText } from './text-fields';
import { httpUrl } from './url';

export const tenantNameSchema = requiredText(LIMITS.tenantNameMax, 'tenant.name');

/** `Backend URL`: optional until the tenant signs in; an empty field means "none". */
export const tenantBackendUrlSchema = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? null : typeof value === 'string' ? value.trim() : value),
  httpUrl('tenant.backendUrl').nullable(),
);

export const tenantCreateInputSchema = z
  .object({
    name: tenantNameSchema,
    backendUrl: tenantBackendUrlSchema.optional(),
  })
  .strict();

export const tenantUpdateInputSchema = z
  .object({
    id: entityIdSchema,
    name: tenantNameSchema.optional(),
    backendUrl: tenantBackendUrlSchema.optional(),
  })
  .strict();

export const tenantSchema = z.object({
  id: entityIdSchema,
  name: z.string(),
  backendUrl: z.string().nullable(),
  createdAt: isoTimestampSchema,
  updatedAt: isoTimestampSchema,
  /** Settings documents whose draft differs from what the backend has. */
  unpublishedCount: z.number().int().nonnegative(),
});

export type Tenant = z.infer<typeof tenantSchema>;
export type TenantCreateInput = z.input<typeof tenantCreateInputSchema>;
export type TenantUpdateInput = z.input<typeof tenantUpdateInputSchema>;
