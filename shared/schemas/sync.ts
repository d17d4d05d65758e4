import { z } from 'zod';
import { entityIdSchema, isoTimestampSchema } from './ids';
import { runProgressSchema } from './run-progress';
import { validationIssueSchema } from './settings-document';
import { safeRecord } from './text-fields';
import { backendCapabilitiesSchema } from '../wire/qontak/capabilities';

/**
 * Sync with the tenant's backend, as the renderer sees it: sign-in state, online state,
 * conflicts, publish plans and publish progress. No token or password ever appears here.
 */
export const SYNC_DOCUMENT_KINDS = ['ai_response', 'idle_action', 'api_connection', 'deal_setting'] as const;
export const syncDocumentKindSchema = z.enum(SYNC_DOCUMENT_KINDS);
export type SyncDocumentKind = z.infer<typeof syncDocumentKindSchema>;

export const syncStatusSchema = z.object({
  tenantId: entityIdSchema,
  signedIn: z.boolean(),
  /** Who signed in; null when never. */
  username: z.string().nullable(),
  /** From the last request to the backend; null when none was made yet. */
  online: z.boolean().nullable(),
  lastSyncAt: isoTimestampSchema.nullable(),
  lastError: z.object({ code: z.string(), message: z.string(), at: isoTimestampSchema }).nullable(),
  unpublishedCount: z.number().int().nonnegative(),
  conflictCount: z.number().int().nonnegative(),
  catalogFetchedAt: isoTimestampSchema.nullable(),
  /** What the tenant's backend offers, as last found out (after sign-in and each pull); null: not known yet. */
  capabilities: backendCapabilitiesSchema.nullable(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const syncSignInInputSchema = z
  .object({
    tenantId: entityIdSchema,
    username: z.string().trim().min(1, { message: 'sync.username.required' }).max(320),
    password: z.string().min(1, { message: 'sync.password.required' }).max(1024),
    /** Legacy chat-service tenants: the OAuth client their token grants carry. */
    clientId: z.string().trim().min(1, { message: 'sync.clientId.required' }).max(200).optional(),
    clientSecret: z.string().min(1, { message: 'sync.clientSecret.required' }).max(1024).optional(),
  })
  .strict();

/** Sign-in of a Qontak-kind tenant: Mekari's HMAC credentials (both go to the keychain; the secret is never shown again). */
export const syncSignInHmacInputSchema = z
  .object({
    tenantId: entityIdSchema,
    clientId: z.string().trim().min(1, { message: 'sync.clientId.required' }).max(200),
    clientSecret: z.string().min(1, { message: 'sync.clientSecret.required' }).max(1024),
  })
  .strict();

export const conflictSchema = z.object({
  /** JSON Pointer of the field ("/handoverMessage"): the key of a choice. */
  pointer: z.string(),
  path: z.array(z.union([z.string(), z.number()])),
  base: z.unknown(),
  local: z.unknown(),
  remote: z.unknown(),
});

export const documentConflictsSchema = z.object({
  tenantId: entityIdSchema,
  kind: syncDocumentKindSchema,
  documentId: entityIdSchema,
  conflicts: z.array(conflictSchema),
});
export type DocumentConflicts = z.infer<typeof documentConflictsSchema>;

export const pullResultSchema = z.object({
  status: syncStatusSchema,
  /** Documents whose draft took remote changes. */
  merged: z.number().int().nonnegative(),
  conflicts: z.array(documentConflictsSchema),
});

export const resolveConflictInputSchema = z
  .object({
    tenantId: entityIdSchema,
    kind: syncDocumentKindSchema,
    /** The document's id; not needed for the one-per-tenant kinds. */
    id: entityIdSchema.optional(),
    choices: safeRecord(z.string().max(2000), z.enum(['mine', 'theirs'])),
  })
  .strict();

export const PLAN_OPS = ['create', 'update', 'delete'] as const;
export const planEntrySchema = z.object({
  kind: syncDocumentKindSchema,
  documentId: entityIdSchema,
  op: z.enum(PLAN_OPS),
  /** Which document, in the user's words: an API connection's name, a deal setting's bot response. */
  label: z.string().optional(),
  /** JSON Pointers of the fields that change on the backend. */
  fields: z.array(z.string()),
  /** ready: will be sent; invalid: does not validate (issues say why); conflict: resolve first. */
  status: z.enum(['ready', 'invalid', 'conflict']),
  issues: z.array(validationIssueSchema),
});
export type PlanEntry = z.infer<typeof planEntrySchema>;

export const tenantPlanSchema = z.object({
  tenantId: entityIdSchema,
  name: z.string(),
  signedIn: z.boolean(),
  entries: z.array(planEntrySchema),
});
export type TenantPlan = z.infer<typeof tenantPlanSchema>;

export const tenantIdsInputSchema = z.object({ tenantIds: z.array(entityIdSchema).min(1).max(5000) }).strict();

export const publishInputSchema = z
  .object({
    tenantIds: z.array(entityIdSchema).min(1).max(5000),
    /** Bulk publish: a tenant with any invalid or conflicting document sends nothing (never half-published); the plan lists why. */
    wholeTenants: z.boolean().optional(),
  })
  .strict();

export const OUTBOX_STATES = ['pending', 'sending', 'done', 'conflict', 'failed', 'cancelled'] as const;
export const publishProgressSchema = runProgressSchema.extend({
  counts: z.record(z.enum(OUTBOX_STATES), z.number().int().nonnegative()),
});
export type PublishProgress = z.infer<typeof publishProgressSchema>;

export const publishResultEntrySchema = z.object({
  tenantId: entityIdSchema,
  kind: syncDocumentKindSchema,
  documentId: entityIdSchema,
  op: z.enum(PLAN_OPS),
  state: z.enum(OUTBOX_STATES),
  error: z.object({ code: z.string(), message: z.string(), issues: z.array(validationIssueSchema).optional() }).nullable(),
});
export const publishRunSchema = publishProgressSchema.extend({ results: z.array(publishResultEntrySchema) });
export type PublishRun = z.infer<typeof publishRunSchema>;
