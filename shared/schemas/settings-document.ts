import { z } from 'zod';
import { entityIdSchema, isoTimestampSchema } from './ids';
import { AI_RESPONSE_DEFAULT, aiResponseReferences, aiResponseSchema } from './ai-response';
import { IDLE_ACTION_DEFAULT, idleActionReferences, idleActionSchema } from './idle-action';

/**
 * A settings document is one thing the backend stores for a tenant: its AI Response, its Idle
 * Action (one each), later each API connection and each deal setting. Locally it has a draft
 * (what the user edits) and a base (the last state known on the backend).
 */
export const SINGLETON_KINDS = ['ai_response', 'idle_action'] as const;
export const singletonKindSchema = z.enum(SINGLETON_KINDS, { errorMap: () => ({ message: 'document.kind.invalid' }) });
export type SingletonKind = z.infer<typeof singletonKindSchema>;

/** Per kind: its schema, its default and the catalog references it uses. */
export const SINGLETON_DEFINITIONS = {
  ai_response: { schema: aiResponseSchema, defaults: AI_RESPONSE_DEFAULT, references: aiResponseReferences },
  idle_action: { schema: idleActionSchema, defaults: IDLE_ACTION_DEFAULT, references: idleActionReferences },
} as const;

export type SingletonValue<K extends SingletonKind> = z.infer<(typeof SINGLETON_DEFINITIONS)[K]['schema']>;

/** The draft a save carries, typed by kind. */
export const singletonDraftInputSchema = z.discriminatedUnion('kind', [
  z.object({ tenantId: entityIdSchema, kind: z.literal('ai_response'), draft: aiResponseSchema }).strict(),
  z.object({ tenantId: entityIdSchema, kind: z.literal('idle_action'), draft: idleActionSchema }).strict(),
]);
export type SingletonDraftInput = z.input<typeof singletonDraftInputSchema>;

export const validationIssueSchema = z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() });
export type ValidationIssue = z.infer<typeof validationIssueSchema>;

function documentViewSchema<K extends string, S extends z.ZodTypeAny>(kind: z.ZodLiteral<K>, value: S) {
  return z.object({
    tenantId: entityIdSchema,
    kind,
    draft: value,
    /** The last state known on the backend; null until the first pull or publish. */
    base: value.nullable(),
    /** The backend's version (ETag) of the base. */
    baseVersion: z.string().nullable(),
    /** True when the draft has never been saved (the page shows defaults). */
    isDefault: z.boolean(),
    /** True when the draft differs from the base: there is something to publish. */
    dirty: z.boolean(),
    updatedAt: isoTimestampSchema.nullable(),
    revisionCount: z.number().int().nonnegative(),
    /** Issues against the cached catalog now (a referenced agent that was removed, ...). */
    issues: z.array(validationIssueSchema),
  });
}

export const singletonDocumentViewSchema = z.discriminatedUnion('kind', [
  documentViewSchema(z.literal('ai_response'), aiResponseSchema),
  documentViewSchema(z.literal('idle_action'), idleActionSchema),
]);
export type SingletonDocumentView = z.infer<typeof singletonDocumentViewSchema>;
