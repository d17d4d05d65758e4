import { z } from 'zod';
import { LIMITS } from './limits';
import { isoTimestampSchema } from './ids';
import { tagSchema } from './tags';
import { tenantSchema } from './tenant';

/**
 * The tenant list at scale: each tenant with what a consultant scans for (tags,
 * signed-in and online state, unpublished changes, conflicts, validation errors, last publish),
 * and filters on each. A filter left out does not filter; `false` keeps the tenants without it.
 */
export const tenantListInputSchema = z
  .object({
    /** Substring of the name, the backend URL or a tag, ignoring case. */
    query: z.string().max(LIMITS.searchMax).optional(),
    /** Only tenants with this tag. */
    tag: tagSchema.optional(),
    /** Only tenants with (true) or without (false) settings to publish. */
    unpublished: z.boolean().optional(),
    /** Only tenants whose drafts have (true) or lack (false) validation errors. */
    invalid: z.boolean().optional(),
    /** Only tenants with (true) or without (false) conflicts left by a pull. */
    conflicts: z.boolean().optional(),
    signedIn: z.boolean().optional(),
    /** true: the last request reached the backend; false: it did not (unknown counts as not online). */
    online: z.boolean().optional(),
  })
  .strict();
export type TenantListInput = z.input<typeof tenantListInputSchema>;

export const tenantListItemSchema = tenantSchema.extend({
  /** Normalised tags, sorted. */
  tags: z.array(z.string()),
  /** Validation errors of the AI Response and Idle Action drafts (schema and catalog references). */
  issueCount: z.number().int().nonnegative(),
  conflictCount: z.number().int().nonnegative(),
  signedIn: z.boolean(),
  /** Null until a request was made to the backend. */
  online: z.boolean().nullable(),
  lastPublishedAt: isoTimestampSchema.nullable(),
  /** How publishing works for the tenant, as its backend was last found to offer; null: not known yet. */
  publishing: z.enum(['backend', 'change_sheet']).nullable(),
});
export type TenantListItem = z.infer<typeof tenantListItemSchema>;
