import { z } from 'zod';
import { LIMITS } from './limits';
import { isoTimestampSchema } from './ids';
import { tagSchema } from './tags';
import { tenantSchema } from './tenant';
import { TENANT_SORT_KEYS } from '../logic/tenant-order';

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

/** Rows a page of the list may ask for at most. */
export const TENANT_LIST_PAGE_MAX = 500;

/**
 * A page of the list: the same search and filters, in the order the list shows (`sort`), from
 * `offset`, at most `limit` tenants. The list's first screen is asked for this way, so that it
 * paints before the whole list has travelled.
 */
export const tenantListPageInputSchema = tenantListInputSchema
  .extend({
    sort: z.object({ key: z.enum(TENANT_SORT_KEYS), direction: z.enum(['asc', 'desc']) }).strict().optional(),
    offset: z.number().int().nonnegative().optional(),
    limit: z.number().int().min(1).max(TENANT_LIST_PAGE_MAX),
  })
  .strict();
export type TenantListPageInput = z.input<typeof tenantListPageInputSchema>;

export const tenantListPageSchema = z.object({
  items: z.array(tenantListItemSchema),
  /** Tenants that match the search and filters. */
  total: z.number().int().nonnegative(),
  /** Tenants in the store, whatever the search and filters. */
  all: z.number().int().nonnegative(),
});
export type TenantListPage = z.infer<typeof tenantListPageSchema>;
