import { z } from 'zod';
import { entityIdSchema, isoTimestampSchema } from '../schemas/ids';
import { WEB_APP_ACTIONS, WEB_APP_AREAS, WEB_APP_FIELDS, WEB_APP_OPTIONS, type SheetAction, type SheetArea, type SheetField, type SheetOption } from './web-app-terms';

/**
 * A change sheet: what a person must change by hand in the platform's web app so that it matches
 * the tenant's drafts, for a backend that offers no settings API. It names things (divisions,
 * agents, pipelines…), never ids, holds no secret value (a secret line only says which section to
 * paste), and lists only what differs from the last state applied.
 */
const keysOf = <T extends Record<string, string>>(terms: T) => Object.keys(terms) as [keyof T & string, ...Array<keyof T & string>];

export const sheetAreaSchema = z.enum(keysOf(WEB_APP_AREAS)) as z.ZodType<SheetArea>;
export const sheetFieldSchema = z.enum(keysOf(WEB_APP_FIELDS)) as z.ZodType<SheetField>;
export const sheetOptionSchema = z.enum(keysOf(WEB_APP_OPTIONS)) as z.ZodType<SheetOption>;
export const sheetActionSchema = z.enum(keysOf(WEB_APP_ACTIONS)) as z.ZodType<SheetAction>;

export const SHEET_CATALOGS = ['division', 'agent', 'pipeline', 'stage', 'owner', 'source', 'botResponse'] as const;
export type SheetCatalog = (typeof SHEET_CATALOGS)[number];

export const SECRET_SECTIONS = ['settings', 'headers', 'token'] as const;
export type SecretSection = (typeof SECRET_SECTIONS)[number];

export const sheetValueSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string() }).strict(),
  z.object({ type: z.literal('number'), value: z.number() }).strict(),
  z.object({ type: z.literal('option'), option: sheetOptionSchema }).strict(),
  /** A catalog entry by name; null when the cached catalog no longer has it. */
  z.object({ type: z.literal('reference'), catalog: z.enum(SHEET_CATALOGS), name: z.string().nullable() }).strict(),
  z.object({ type: z.literal('duration'), hours: z.number().int(), minutes: z.number().int() }).strict(),
  z.object({ type: z.literal('toggle'), on: z.boolean() }).strict(),
  z.object({ type: z.literal('empty') }).strict(),
  /** A secret section: never shown; the sheet offers to copy it. */
  z.object({ type: z.literal('secret'), section: z.enum(SECRET_SECTIONS) }).strict(),
]);
export type SheetValue = z.infer<typeof sheetValueSchema>;

export const sheetLineSchema = z
  .object({
    /** Stable within a sheet (ticks are kept by it). */
    id: z.string(),
    field: sheetFieldSchema,
    value: sheetValueSchema,
    /** The value last applied; null when the web app's value is not known (never applied). */
    before: sheetValueSchema.nullable(),
  })
  .strict();
export type SheetLine = z.infer<typeof sheetLineSchema>;

export const sheetStepSchema = z
  .object({
    id: z.string(),
    area: sheetAreaSchema,
    documentId: entityIdSchema,
    /** For a list area: which entry, by the name the web app lists it under. */
    target: z.object({ change: z.enum(['add', 'edit', 'delete']), name: z.string() }).strict().nullable(),
    /** The button or menu entry to start from, if any (`Add API connection`, `Edit deal settings`…). */
    start: sheetActionSchema.nullable(),
    lines: z.array(sheetLineSchema),
    /** The button that ends the step (`Save`, `Add`, `Save changes`), if any. */
    finish: sheetActionSchema.nullable(),
  })
  .strict();
export type SheetStep = z.infer<typeof sheetStepSchema>;

/** Why a document is left out of the sheet (as for publishing). */
export const sheetHeldBackSchema = z
  .object({ area: sheetAreaSchema, documentId: entityIdSchema, name: z.string(), reason: z.enum(['invalid', 'conflict']) })
  .strict();
export type SheetHeldBack = z.infer<typeof sheetHeldBackSchema>;

/** What `Mark as applied` checks: each document's draft is still the one the sheet was made from. */
export const sheetStampSchema = z.object({ documentId: entityIdSchema, updatedAt: isoTimestampSchema.nullable() }).strict();
export type SheetStamp = z.infer<typeof sheetStampSchema>;

export const changeSheetSchema = z
  .object({
    tenantId: entityIdSchema,
    tenantName: z.string(),
    generatedAt: isoTimestampSchema,
    steps: z.array(sheetStepSchema),
    heldBack: z.array(sheetHeldBackSchema),
    stamps: z.array(sheetStampSchema),
  })
  .strict();
export type ChangeSheet = z.infer<typeof changeSheetSchema>;
