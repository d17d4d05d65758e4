import { z } from 'zod';
import { entityIdSchema, isoTimestampSchema } from './ids';
import { fieldChangeSchema } from './apply';
import { syncDocumentKindSchema } from './sync';

/**
 * History: every settings document keeps its revisions; any two can be compared, and
 * an old one restored as a new draft (a new revision 'restore'). The publish log tells, per
 * tenant, what was sent to the backend, its answer and when.
 */
export const REVISION_SOURCES = ['edit', 'discard', 'pull', 'publish', 'apply', 'import', 'restore', 'applied_by_hand'] as const;
export type RevisionSourceName = (typeof REVISION_SOURCES)[number];

export const HISTORY_LIMITS = { revisionsMax: 500, publishLogMax: 500 } as const;

export const revisionIdSchema = z.number({ invalid_type_error: 'revision.id.invalid', required_error: 'revision.id.invalid' }).int().positive();

export const historyListInputSchema = z
  .object({
    tenantId: entityIdSchema,
    kind: syncDocumentKindSchema,
    /** Which document of a list kind (api_connection, deal_setting); not used for the one-per-tenant kinds. */
    documentId: entityIdSchema.optional(),
  })
  .strict();

export const revisionEntrySchema = z.object({
  id: revisionIdSchema,
  documentId: entityIdSchema,
  source: z.enum(REVISION_SOURCES),
  /** Who: the user of this app, or the backend (pull). */
  actor: z.enum(['user', 'backend']),
  /** What, in words ("Applied from “PT Maju”", "Restored revision 12"); null for plain edits. */
  note: z.string().nullable(),
  /** The apply or import batch it belongs to. */
  batchId: entityIdSchema.nullable(),
  /** Fields changed against the revision before it (all fields for the first). */
  fields: z.array(z.string()),
  createdAt: isoTimestampSchema,
  /** A burst of autosaves is one revision: this is its last save. */
  updatedAt: isoTimestampSchema,
});
export type RevisionEntry = z.infer<typeof revisionEntrySchema>;

export const historyDiffInputSchema = z.object({ revisionA: revisionIdSchema, revisionB: revisionIdSchema }).strict();

export const historyDiffSchema = z.object({
  documentId: entityIdSchema,
  kind: syncDocumentKindSchema,
  /** From A to B. */
  changes: z.array(fieldChangeSchema),
});

export const historyRestoreInputSchema = z.object({ revisionId: revisionIdSchema }).strict();

export const historyRestoreResultSchema = z.object({
  tenantId: entityIdSchema,
  kind: syncDocumentKindSchema,
  documentId: entityIdSchema,
  /** The new revision (source 'restore'). */
  revision: revisionEntrySchema,
});

export const publishLogInputSchema = z.object({ tenantId: entityIdSchema }).strict();

export const publishLogEntrySchema = z.object({
  runId: entityIdSchema,
  kind: syncDocumentKindSchema,
  documentId: z.string(),
  op: z.enum(['create', 'update', 'delete']),
  state: z.enum(['pending', 'sending', 'done', 'conflict', 'failed', 'cancelled']),
  /** What was sent (documents hold no secret); null for a deletion. */
  sent: z.unknown(),
  /** The backend's answer: the new version, or the error. */
  version: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  attempts: z.number().int().nonnegative(),
  createdAt: isoTimestampSchema,
  /** When it reached its state (the answer's time for done, failed, conflict). */
  updatedAt: isoTimestampSchema,
});
export type PublishLogEntry = z.infer<typeof publishLogEntrySchema>;
