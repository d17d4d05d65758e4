import { z } from 'zod';
import { entityIdSchema, isoTimestampSchema } from './ids';
import { validationIssueSchema } from './settings-document';

/**
 * Apply to many: copy one tenant's AI Response, Idle Action or chosen API connections
 * to a selection of tenants, as drafts. References (division, agent) are mapped BY NAME to each
 * target's own catalog. Nothing changes until 'apply.confirm'; a confirmed batch is undone as one
 * step with 'apply.undo'.
 */
export const APPLY_LIMITS = {
  targetsMax: 5000,
  connectionsMax: 50,
  /** Batches that can still be undone (the newest ones). */
  undoableBatches: 50,
} as const;

export const applyWhatSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ai_response') }).strict(),
  z.object({ kind: z.literal('idle_action') }).strict(),
  z
    .object({
      kind: z.literal('api_connections'),
      /** The source tenant's connections to copy (matched in each target by code, ignoring case). */
      connectionIds: z.array(entityIdSchema).min(1, { message: 'apply.connections.required' }).max(APPLY_LIMITS.connectionsMax),
      /** Copy Settings, Headers and Token values too. Without it the targets keep their own (or get none). */
      copySecrets: z.boolean().default(false),
    })
    .strict(),
]);
export type ApplyWhat = z.output<typeof applyWhatSchema>;

export const applyInputSchema = z
  .object({
    sourceTenantId: entityIdSchema,
    targetTenantIds: z.array(entityIdSchema).min(1, { message: 'apply.targets.required' }).max(APPLY_LIMITS.targetsMax),
    what: applyWhatSchema,
  })
  .strict();
export type ApplyInput = z.input<typeof applyInputSchema>;

export const fieldChangeSchema = z.object({
  pointer: z.string(),
  path: z.array(z.union([z.string(), z.number()])),
  before: z.unknown(),
  after: z.unknown(),
});

/** One document a target would get: which, whether it is new, and the field-level diff against the target's draft. */
export const applyDocumentChangeSchema = z.object({
  kind: z.enum(['ai_response', 'idle_action', 'api_connection']),
  /** For API connections: the code it is matched by, and its name. */
  label: z.string(),
  action: z.enum(['create', 'update', 'unchanged']),
  changes: z.array(fieldChangeSchema),
  /** Said, not silent: "Secrets not copied: this tenant keeps its own Headers." */
  notes: z.array(z.string()),
});

export const applyTargetPreviewSchema = z.object({
  tenantId: entityIdSchema,
  /** Null when the tenant no longer exists. */
  name: z.string().nullable(),
  /** ok: will be applied; unchanged: nothing would change; error: skipped, `errors` say why. */
  status: z.enum(['ok', 'unchanged', 'error']),
  documents: z.array(applyDocumentChangeSchema),
  errors: z.array(validationIssueSchema),
});
export type ApplyTargetPreview = z.infer<typeof applyTargetPreviewSchema>;

export const applyPreviewSchema = z.object({
  sourceTenantId: entityIdSchema,
  sourceName: z.string(),
  targets: z.array(applyTargetPreviewSchema),
  counts: z.object({ ok: z.number().int(), unchanged: z.number().int(), error: z.number().int() }),
});
export type ApplyPreview = z.infer<typeof applyPreviewSchema>;

export const applyResultSchema = z.object({
  /** Null when nothing was applied (every target unchanged or in error). */
  batchId: entityIdSchema.nullable(),
  applied: z.array(entityIdSchema),
  unchanged: z.array(entityIdSchema),
  skipped: z.array(z.object({ tenantId: entityIdSchema, errors: z.array(validationIssueSchema) })),
});
export type ApplyResult = z.infer<typeof applyResultSchema>;

export const applyUndoInputSchema = z
  .object({
    batchId: entityIdSchema,
    /** Undo documents edited since the batch too (their later edits are lost). */
    force: z.boolean().default(false),
  })
  .strict();

export const applyUndoResultSchema = z.object({
  batchId: entityIdSchema,
  /** Documents put back as they were before the batch. */
  reverted: z.number().int().nonnegative(),
  /** Targets deleted since: nothing to undo there. */
  gone: z.array(entityIdSchema),
});

export const batchSummarySchema = z.object({
  batchId: entityIdSchema,
  kind: z.enum(['apply', 'import']),
  summary: z.string(),
  tenantCount: z.number().int().nonnegative(),
  createdAt: isoTimestampSchema,
  undoneAt: isoTimestampSchema.nullable(),
  undoable: z.boolean(),
});
export type BatchSummary = z.infer<typeof batchSummarySchema>;
