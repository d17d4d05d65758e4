import { z } from 'zod';
import { backendKindSchema } from './backend-kind';
import { aiResponseSchema } from './ai-response';
import { apiBaseUrlSchema, apiConnectionCodeSchema, apiConnectionDescriptionSchema, apiConnectionNameSchema } from './api-connection';
import { API_CONNECTION_LIMITS } from './api-connection-limits';
import { catalogIdSchema, entityIdSchema, isoTimestampSchema } from './ids';
import { idleActionSchema } from './idle-action';
import { LIMITS } from './limits';
import { TAG_LIMITS, tagSchema } from './tags';
import { safeRecord, visibleName } from './text-fields';
import { runProgressSchema } from './run-progress';
import { isReservedKey, reservedKeyMessage } from '../validation/reserved-keys';
import { tenantBackendUrlSchema, tenantNameSchema } from './tenant';

/**
 * The export file, version 1: one JSON document with any number of tenants, each with
 * its name, backend URL, tags, AI Response and Idle Action drafts, and API connections WITHOUT
 * any secret value (only which values are set).
 *
 *   {
 *     "format": "chatbot-settings-export",
 *     "version": 1,
 *     "exportedAt": "2026-01-15T09:00:00.000Z",
 *     "tenants": [{
 *       "name": "PT Maju Jaya",
 *       "backendUrl": "https://service-chat.qontak.com/api/open/v1",
 *       "tags": ["jakarta", "vip"],
 *       "aiResponse": { "threshold": 10, "onThreshold": "specific_division", "divisionId": "d-7", ... } | null,
 *       "idleAction": { ... } | null,
 *       "referenceNames": { "divisions": { "d-7": "Sales" }, "agents": {} },
 *       "apiConnections": [{ "name": "Jurnal", "description": "...", "code": "JURNAL API",
 *         "baseUrl": "https://api.jurnal.id", "settingsKeys": ["owner_email"],
 *         "headers": [{ "name": "apikey", "set": true }],
 *         "token": { "token_type": "bearer", "expires_in": 3600, "created_at": 1700000000,
 *                    "accessTokenSet": true, "refreshTokenSet": false } }]
 *     }]
 *   }
 *
 * `null` for a settings area means the tenant never saved one (the defaults apply). The names of
 * referenced divisions and agents travel along so that an import maps them BY NAME to the
 * receiving tenant's catalog. A reader refuses a file with unknown fields, a newer version, or
 * any secret value.
 */
export const EXPORT_FORMAT = 'chatbot-settings-export';
export const EXPORT_VERSION = 1;

export const EXPORT_LIMITS = {
  /** The largest file an import reads (bytes of UTF-8), checked before parsing. */
  fileBytesMax: 50 * 1024 * 1024,
  tenantsMax: 10_000,
  connectionsPerTenantMax: 200,
  /** Tenants one export may hold. */
  exportTenantsMax: 10_000,
  /** Nesting of objects and arrays in the file (a valid export nests 6 deep), checked before any walk. */
  depthMax: 16,
} as const;

const catalogName = visibleName(LIMITS.catalogNameMax);

export const referenceNamesSchema = z
  .object({
    divisions: safeRecord(catalogIdSchema, catalogName),
    agents: safeRecord(catalogIdSchema, catalogName),
  })
  .strict();
export type ReferenceNames = z.infer<typeof referenceNamesSchema>;

const keyText = z
  .string()
  .min(1)
  .max(API_CONNECTION_LIMITS.keyMax)
  .superRefine((key, ctx) => {
    if (isReservedKey(key)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: reservedKeyMessage(key) });
  });

/** An API connection's public part, with its own field rules: flags that values are set, never a value. */
export const exportedApiConnectionSchema = z
  .object({
    name: apiConnectionNameSchema,
    description: apiConnectionDescriptionSchema,
    code: apiConnectionCodeSchema,
    baseUrl: apiBaseUrlSchema,
    settingsKeys: z.array(keyText).max(API_CONNECTION_LIMITS.settingsKeysMax).nullable(),
    headers: z
      .array(z.object({ name: keyText, set: z.boolean() }).strict())
      .max(API_CONNECTION_LIMITS.headersMax)
      .nullable(),
    token: z
      .object({
        token_type: z.string().max(API_CONNECTION_LIMITS.tokenTypeMax),
        expires_in: z.number().int(),
        created_at: z.number().int(),
        accessTokenSet: z.boolean(),
        refreshTokenSet: z.boolean(),
      })
      .strict()
      .nullable(),
  })
  .strict();
export type ExportedApiConnection = z.output<typeof exportedApiConnectionSchema>;

export const exportedTenantSchema = z
  .object({
    name: tenantNameSchema,
    backendUrl: tenantBackendUrlSchema,
    /** Absent in files written before backend kinds: a new tenant then speaks this project's contract (`settings_api`), an existing one keeps its kind. */
    backendKind: backendKindSchema.optional(),
    tags: z.array(tagSchema).max(TAG_LIMITS.tagsPerTenantMax),
    aiResponse: aiResponseSchema.nullable(),
    idleAction: idleActionSchema.nullable(),
    referenceNames: referenceNamesSchema,
    apiConnections: z.array(exportedApiConnectionSchema).max(EXPORT_LIMITS.connectionsPerTenantMax),
  })
  .strict()
  .superRefine((tenant, ctx) => {
    const codes = new Set<string>();
    tenant.apiConnections.forEach((connection, index) => {
      const key = connection.code.toLowerCase();
      if (codes.has(key)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['apiConnections', index, 'code'], message: 'apiConnection.code.duplicate' });
      codes.add(key);
    });
  });
export type ExportedTenant = z.output<typeof exportedTenantSchema>;

export const exportDocumentSchema = z
  .object({
    format: z.literal(EXPORT_FORMAT),
    version: z.literal(EXPORT_VERSION),
    exportedAt: isoTimestampSchema,
    /** The app that wrote it (informative). */
    app: z.object({ version: z.string().max(100) }).strict().optional(),
    tenants: z.array(exportedTenantSchema).max(EXPORT_LIMITS.tenantsMax),
  })
  .strict()
  .superRefine((doc, ctx) => {
    const names = new Map<string, number>();
    doc.tenants.forEach((tenant, index) => {
      const key = tenant.name.normalize('NFC').toLowerCase();
      const first = names.get(key);
      if (first !== undefined) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['tenants', index, 'name'], message: 'tenant.name.duplicate' });
      } else names.set(key, index);
    });
  });
export type ExportDocument = z.output<typeof exportDocumentSchema>;

// ---- RPC shapes ------------------------------------------------------------------------------

export const exportInputSchema = z
  .object({ tenantIds: z.array(entityIdSchema).min(1, { message: 'transfer.tenants.required' }).max(EXPORT_LIMITS.exportTenantsMax) })
  .strict();

export const exportResultSchema = z.object({
  /** A suggested file name ("chatbot-settings-2026-01-15.json"). */
  fileName: z.string(),
  /** The document as pretty-printed JSON text, ready to save. */
  text: z.string(),
  tenantCount: z.number().int().nonnegative(),
});

/** The text of a file, bounded by the transport; the core checks the 50 MB bound in bytes before parsing. */
export const importTextSchema = z.string({ invalid_type_error: 'transfer.text.required', required_error: 'transfer.text.required' });

/**
 * An import file to preview: its text, or its bytes in UTF-8 as the import dialog sends a chosen
 * file (over IPC, or as the headless host's raw body), decoded where the file is read
 * (electron/core/transfer/import-file-text.ts).
 */
export const importFileSchema = z.custom<string | Uint8Array>((value) => typeof value === 'string' || value instanceof Uint8Array, { message: 'transfer.text.required' });

export const previewImportInputSchema = z.object({ text: importFileSchema }).strict();

export const applyImportInputSchema = z.union([
  z.object({ previewId: entityIdSchema }).strict(),
  z.object({ text: importTextSchema }).strict(),
]);

export const importTenantPreviewSchema = z.object({
  /** Position in the file. */
  index: z.number().int().nonnegative(),
  name: z.string(),
  action: z.enum(['create', 'update', 'unchanged']),
  /** The existing tenant an update goes to (matched by name, ignoring case). */
  tenantId: entityIdSchema.nullable(),
  changes: z.array(
    z.object({
      area: z.enum(['tenant', 'ai_response', 'idle_action', 'api_connection']),
      label: z.string(),
      action: z.enum(['create', 'update']),
      fields: z.array(z.string()),
    }),
  ),
  /** Things applied differently from the file, said: secrets to re-enter, names the catalog lacks. */
  warnings: z.array(z.string()),
});
export type ImportTenantPreview = z.infer<typeof importTenantPreviewSchema>;

/** Rows of a preview in one answer: the first page comes with the preview, the rest by 'transfer.previewRows'. */
export const IMPORT_PREVIEW_PAGE_ROWS = 100;
export const IMPORT_PREVIEW_ROWS_MAX = 500;

export const importPreviewSchema = z.object({
  /** Pass it to 'transfer.applyImport' to apply exactly this file (kept for a while in memory). */
  previewId: entityIdSchema,
  /** The first IMPORT_PREVIEW_PAGE_ROWS tenants of the file, in its order; the rest by 'transfer.previewRows'. */
  tenants: z.array(importTenantPreviewSchema),
  counts: z.object({ create: z.number().int(), update: z.number().int(), unchanged: z.number().int() }),
  /** The file's tenants (all of them, whatever `tenants` holds). */
  total: z.number().int().nonnegative(),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const importPreviewRefSchema = z.object({ previewId: entityIdSchema }).strict();

export const previewRowsInputSchema = z
  .object({
    previewId: entityIdSchema,
    offset: z.number().int().nonnegative(),
    limit: z.number().int().positive().max(IMPORT_PREVIEW_ROWS_MAX),
  })
  .strict();

/** A page of a kept preview's rows: the tenants from `offset` on (fewer at the end, none past it). */
export const importPreviewRowsSchema = z.object({
  offset: z.number().int().nonnegative(),
  tenants: z.array(importTenantPreviewSchema),
  total: z.number().int().nonnegative(),
});
export type ImportPreviewRows = z.infer<typeof importPreviewRowsSchema>;

export const importResultSchema = z.object({
  batchId: entityIdSchema.nullable(),
  created: z.array(entityIdSchema),
  updated: z.array(entityIdSchema),
  unchanged: z.number().int().nonnegative(),
  /** Existing tenants the file moved to another backend URL or kind: they were signed out. */
  signedOut: z.array(entityIdSchema).optional(),
  /** A cancelled import: the file's tenants it did not reach (those before were applied and stay). */
  notImported: z.number().int().nonnegative().optional(),
});
export type ImportResult = z.infer<typeof importResultSchema>;

/** Tenants applied per transaction: a cancel takes effect between two of them. */
export const IMPORT_BATCH_TENANTS = 200;

/**
 * An import applying in batches, as a publish run reports itself (the same run id, state and total;
 * 'transfer.progress' events, throttled and always sent at the end): `done` counts the file's
 * tenants gone through so far (applied, or found unchanged).
 */
export const importProgressSchema = runProgressSchema.extend({
  done: z.number().int().nonnegative(),
});
export type ImportProgress = z.infer<typeof importProgressSchema>;

/** An import run with its result once it ended (null while it runs). */
export const importRunSchema = importProgressSchema.extend({ result: importResultSchema.nullable() });
export type ImportRun = z.infer<typeof importRunSchema>;

export const importRunRefSchema = z.object({ runId: entityIdSchema }).strict();
