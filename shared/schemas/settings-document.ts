import { z } from 'zod';
import { SINGLETON_KIND_NAMES, singletonKind, type SingletonKindName } from '../document-kinds';
import { entityIdSchema, isoTimestampSchema } from './ids';
import { validationIssueSchema } from './validation-issue';

export { validationIssueSchema, type ValidationIssue } from './validation-issue';

/**
 * A settings document is one thing the backend stores for a tenant: its AI Response, its Idle
 * Action (one each), each API connection and each deal setting. Locally it has a draft (what the
 * user edits) and a base (the last state known on the backend).
 */
/** The one-per-tenant kinds, as the document kinds' registry (shared/document-kinds) lists them. */
export const SINGLETON_KINDS: readonly SingletonKindName[] = SINGLETON_KIND_NAMES;
export const singletonKindSchema = z.enum(SINGLETON_KIND_NAMES as [SingletonKindName, ...SingletonKindName[]], { errorMap: () => ({ message: 'document.kind.invalid' }) });
export type SingletonKind = z.infer<typeof singletonKindSchema>;

type SingletonDefinitions = {
  [K in SingletonKind]: {
    schema: ReturnType<typeof singletonKind<K>>['schema'];
    defaults: ReturnType<typeof singletonKind<K>>['defaults'];
    references: ReturnType<typeof singletonKind<K>>['referencesOf'];
  };
};

/**
 * Per kind: its schema, its default and the catalog references a value uses — read from the
 * kind's descriptor (shared/document-kinds), the one place a kind is described.
 */
export const SINGLETON_DEFINITIONS = Object.fromEntries(
  SINGLETON_KIND_NAMES.map((kind) => {
    const descriptor = singletonKind(kind);
    return [kind, { schema: descriptor.schema, defaults: descriptor.defaults, references: descriptor.referencesOf }];
  }),
) as SingletonDefinitions;

export type SingletonValue<K extends SingletonKind> = z.infer<(typeof SINGLETON_DEFINITIONS)[K]['schema']>;

/**
 * A discriminated union with one branch per one-per-tenant kind of the registry, in its order.
 * `Branch` is the union of the branches' own types (a mapped type over the kinds), so the union
 * infers the same per-kind types as branches listed by hand.
 */
function unionOfKinds<Branch extends z.ZodDiscriminatedUnionOption<'kind'>>(branch: (kind: SingletonKind) => z.ZodDiscriminatedUnionOption<'kind'>) {
  return z.discriminatedUnion('kind', SINGLETON_KIND_NAMES.map((kind) => branch(kind)) as unknown as [Branch, ...Branch[]]);
}

function draftInputSchema<K extends SingletonKind>(kind: K) {
  return z.object({ tenantId: entityIdSchema, kind: z.literal(kind), draft: SINGLETON_DEFINITIONS[kind].schema }).strict();
}

/** The draft a save carries, typed by kind. */
export const singletonDraftInputSchema = unionOfKinds<{ [K in SingletonKind]: ReturnType<typeof draftInputSchema<K>> }[SingletonKind]>(draftInputSchema);
export type SingletonDraftInput = z.input<typeof singletonDraftInputSchema>;

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

function singletonViewSchema<K extends SingletonKind>(kind: K) {
  return documentViewSchema(z.literal(kind), SINGLETON_DEFINITIONS[kind].schema);
}

export const singletonDocumentViewSchema = unionOfKinds<{ [K in SingletonKind]: ReturnType<typeof singletonViewSchema<K>> }[SingletonKind]>(singletonViewSchema);
export type SingletonDocumentView = z.infer<typeof singletonDocumentViewSchema>;
