import { z } from 'zod';
import { LIMITS } from '../schemas/limits';
import { entityIdSchema } from '../schemas/ids';
import { tenantCreateInputSchema, tenantSchema, tenantUpdateInputSchema } from '../schemas/tenant';
import { singletonDocumentViewSchema, singletonDraftInputSchema, singletonKindSchema } from '../schemas/settings-document';
import { catalogViewSchema } from '../schemas/catalog';
import { vaultStatusSchema } from '../schemas/vault-status';
import { diagnosticsExportSchema } from '../schemas/diagnostics';
import {
  documentConflictsSchema,
  publishInputSchema,
  publishProgressSchema,
  publishRunSchema,
  pullResultSchema,
  resolveConflictInputSchema,
  syncSignInHmacInputSchema,
  syncSignInInputSchema,
  syncStatusSchema,
  tenantIdsInputSchema,
  tenantPlanSchema,
} from '../schemas/sync';
import { testConnectionResultSchema } from '../schemas/api-connection-test';
import {
  apiConnectionCreateInputSchema,
  apiConnectionDocumentSchema,
  apiConnectionListInputSchema,
  apiConnectionListItemSchema,
  apiConnectionRefSchema,
  apiConnectionTestInputSchema,
  apiConnectionUpdateInputSchema,
} from '../schemas/api-connection-document';
import { crmCatalogViewSchema } from '../schemas/crm';
import { addLocalBotResponseInputSchema } from '../schemas/local-bot-response';
import {
  dealSettingCreateInputSchema,
  dealSettingDocumentSchema,
  dealSettingListInputSchema,
  dealSettingRefSchema,
  dealSettingUpdateInputSchema,
} from '../schemas/deal-setting-document';

import { tenantListInputSchema, tenantListItemSchema, tenantListPageInputSchema, tenantListPageSchema } from '../schemas/tenant-list';
import { tagCountSchema, tagsEditInputSchema, tenantTagsSchema } from '../schemas/tags';
import {
  applyInputSchema,
  applyPreviewSchema,
  applyResultSchema,
  applyUndoInputSchema,
  applyUndoResultSchema,
  batchSummarySchema,
} from '../schemas/apply';
import {
  applyImportInputSchema,
  exportInputSchema,
  exportResultSchema,
  importPreviewSchema,
  importPreviewRefSchema,
  importPreviewRowsSchema,
  previewRowsInputSchema,
  importProgressSchema,
  importResultSchema,
  importRunRefSchema,
  importRunSchema,
  previewImportInputSchema,
} from '../schemas/export-document';
import { applyCsvInputSchema, csvApplyResultSchema, csvPreviewSchema, previewCsvInputSchema } from '../schemas/csv-import';
import {
  historyDiffInputSchema,
  historyDiffSchema,
  historyListInputSchema,
  historyRestoreInputSchema,
  historyRestoreResultSchema,
  publishLogEntrySchema,
  publishLogInputSchema,
  revisionEntrySchema,
} from '../schemas/history';
import { HOST_MAX_BODY_BYTES, HOST_MAX_TRANSFER_BODY_BYTES } from './host-transport';
import { changeSheetSchema, SECRET_SECTIONS, sheetStampSchema } from '../change-sheet/change-sheet';
import { pullProgressSchema } from '../schemas/bulk-pull';
import { appSettingsInputSchema, appSettingsSchema } from '../schemas/app-settings';

/**
 * The RPC contract: every channel once, with the zod schema of its input and of its output.
 * The core router implements it; Electron's ipcMain and the headless host's HTTP carry it; the
 * renderer's client calls it. Types on every side are inferred from here.
 */
function channel<I extends z.ZodTypeAny, O extends z.ZodTypeAny>(input: I, output: O) {
  return { input, output };
}

const tenantRef = z.object({ tenantId: entityIdSchema }).strict();

const tenantSearchHitSchema = z.object({
  tenant: tenantListItemSchema,
  score: z.number(),
  field: z.enum(['name', 'tags', 'host']),
  nameIndexes: z.array(z.number().int()),
});

/** A change sheet's HTML, at most (a bulk sheet of many tenants stays far below). */
export const CHANGE_SHEET_HTML_MAX_CHARS = 1_500_000;

export const rpcContract = {
  'app.info': channel(
    z.object({}).strict(),
    z.object({ version: z.string(), dataDir: z.string(), transport: z.enum(['electron', 'host']) }),
  ),

  /** Every tenant with its state at a glance (tags, sign-in, online, unpublished, conflicts, errors, last publish); filters. */
  'tenants.list': channel(tenantListInputSchema, z.array(tenantListItemSchema)),
  /** A page of that list in the order it shows, with the count of matches and of all tenants: the list's first screen. */
  'tenants.listPage': channel(tenantListPageInputSchema, tenantListPageSchema),
  'tenants.get': channel(z.object({ id: entityIdSchema }).strict(), tenantSchema),
  'tenants.create': channel(tenantCreateInputSchema, tenantSchema),
  /** A new backend URL or kind signs the tenant out first: refused (CONFLICT) for a signed-in tenant unless `signOut: true`. */
  'tenants.update': channel(tenantUpdateInputSchema, tenantSchema),
  'tenants.delete': channel(z.object({ id: entityIdSchema }).strict(), z.object({ id: entityIdSchema })),

  'settings.get': channel(tenantRef.extend({ kind: singletonKindSchema }).strict(), singletonDocumentViewSchema),
  'settings.saveDraft': channel(singletonDraftInputSchema, singletonDocumentViewSchema),
  'settings.discardDraft': channel(tenantRef.extend({ kind: singletonKindSchema }).strict(), singletonDocumentViewSchema),

  'catalog.get': channel(tenantRef, catalogViewSchema),

  /** The OS keychain: available or why not, and how the clean-up of orphaned entries went. */
  'vault.status': channel(z.object({}).strict(), vaultStatusSchema),

  /** One redacted file for IT: versions, store stats and integrity, keychain status, outbox counts, recent log lines. */
  'diagnostics.export': channel(z.object({}).strict(), diagnosticsExportSchema),

  // API Integration. No output ever holds a stored secret value.
  /** The tenant's connections, deleted ones included (flagged) until they are purged. */
  'apiConnections.list': channel(apiConnectionListInputSchema, z.array(apiConnectionListItemSchema)),
  'apiConnections.get': channel(apiConnectionRefSchema, apiConnectionDocumentSchema),
  'apiConnections.create': channel(apiConnectionCreateInputSchema, apiConnectionDocumentSchema),
  'apiConnections.update': channel(apiConnectionUpdateInputSchema, apiConnectionDocumentSchema),
  'apiConnections.delete': channel(apiConnectionRefSchema, apiConnectionListItemSchema),
  'apiConnections.undoDelete': channel(apiConnectionRefSchema, apiConnectionListItemSchema),
  'apiConnections.testConnection': channel(apiConnectionTestInputSchema, testConnectionResultSchema),

  // Sync with the tenant's backend. The password only passes through; tokens stay in the keychain.
  'sync.signIn': channel(syncSignInInputSchema, syncStatusSchema),
  /** Qontak (Mekari API) tenants: the HMAC Client ID and Client secret, checked by a signed request, then kept in the keychain only. */
  'sync.signInHmac': channel(syncSignInHmacInputSchema, syncStatusSchema),
  'sync.signOut': channel(tenantRef, syncStatusSchema),
  'sync.status': channel(tenantRef, syncStatusSchema),
  /** Catalogs and settings from the backend; remote changes merge into the drafts, true conflicts are listed. */
  'sync.pull': channel(tenantRef, pullResultSchema),
  /** Starts pulling many tenants; 'sync.pullProgress' events follow it (counts, failures, time left at the pace). */
  'sync.pullMany': channel(tenantIdsInputSchema, pullProgressSchema),
  'sync.conflicts': channel(tenantRef, z.array(documentConflictsSchema)),
  'sync.plan': channel(tenantIdsInputSchema, z.array(tenantPlanSchema)),
  /** Starts publishing the ready documents; progress comes as 'sync.progress' events. */
  'sync.publish': channel(publishInputSchema, publishProgressSchema),
  /** One run (by id), or every running one. */
  'sync.cancel': channel(z.object({ runId: entityIdSchema.optional() }).strict(), z.array(publishProgressSchema)),
  'sync.run': channel(z.object({ runId: entityIdSchema }).strict(), publishRunSchema),
  'sync.resolveConflict': channel(resolveConflictInputSchema, z.array(documentConflictsSchema)),
  /** How long these requests take at the tenants' request pace (Qontak credentials are paced; others count 0): for time left. */
  'sync.paceEstimate': channel(
    z.object({ entries: z.array(z.object({ tenantId: entityIdSchema, requests: z.number().int().min(0).max(100_000) }).strict()).max(5000) }).strict(),
    z.object({ msLeft: z.number().int().nonnegative() }),
  ),

  // CRM Integration. Edits while the tenant's CRM is not connected fail with CONFLICT (issue `crm.notConnected`).
  /** The cached CRM catalog: connection status, pipelines, stages in the CRM's order, owners, sources, bot responses. */
  'crm.catalog': channel(tenantRef, crmCatalogViewSchema),
  /** A bot response named as the web app shows it, for a backend that lists none (kept locally, id `local:…`). */
  'crm.addLocalBotResponse': channel(addLocalBotResponseInputSchema, crmCatalogViewSchema),
  /** The tenant's deal settings, deleted ones included (flagged) until the deletion is published or purged. */
  'dealSettings.list': channel(dealSettingListInputSchema, z.array(dealSettingDocumentSchema)),
  'dealSettings.create': channel(dealSettingCreateInputSchema, dealSettingDocumentSchema),
  'dealSettings.update': channel(dealSettingUpdateInputSchema, dealSettingDocumentSchema),
  'dealSettings.delete': channel(dealSettingRefSchema, dealSettingDocumentSchema),
  'dealSettings.undoDelete': channel(dealSettingRefSchema, dealSettingDocumentSchema),

  // Many tenants. Bulk writes send one 'tenant.changed' with tenantId null.
  /** Fuzzy search over name, tags and backend host (the renderer's switcher runs the same function, shared/logic/fuzzy-tenant-search, on its cached list). */
  'tenants.search': channel(
    z.object({ query: z.string().max(LIMITS.searchMax), limit: z.number().int().min(1).max(500).default(50) }).strict(),
    z.array(tenantSearchHitSchema),
  ),
  /** Every tag in use, with how many tenants have it. */
  'tags.list': channel(z.object({}).strict(), z.array(tagCountSchema)),
  /** Adds tags to many tenants at once, all or nothing; the tenants' tags after. */
  'tags.add': channel(tagsEditInputSchema, z.array(tenantTagsSchema)),
  'tags.remove': channel(tagsEditInputSchema, z.array(tenantTagsSchema)),
  /** Per target: the field-level diff against its draft, or its errors (references mapped by name). Changes nothing. */
  'apply.preview': channel(applyInputSchema, applyPreviewSchema),
  /** Applies to the targets without errors, as drafts, as one batch (revisions 'apply'). */
  'apply.confirm': channel(applyInputSchema, applyResultSchema),
  /** Undoes a whole batch; CONFLICT when documents changed since, unless `force`. */
  'apply.undo': channel(applyUndoInputSchema, applyUndoResultSchema),
  /** Recent apply and import batches, newest first. */
  'apply.batches': channel(z.object({}).strict(), z.array(batchSummarySchema)),
  /** The chosen tenants as a versioned JSON document (format 'chatbot-settings-export', version 1), without any secret value. */
  'transfer.export': channel(exportInputSchema, exportResultSchema),
  /** Gets the import's reader ready (its thread loads its code) while a file is chosen; answers once it is. */
  'transfer.prepareImport': channel(z.object({}).strict(), z.object({ ready: z.literal(true) })),
  /** Validates the whole file (size, JSON, format, version, secrets, fields) and previews; changes nothing. */
  'transfer.previewImport': channel(previewImportInputSchema, importPreviewSchema),
  /** A page of a kept preview's rows (the preview answers with its first page only); NOT_FOUND once the preview is gone. */
  'transfer.previewRows': channel(previewRowsInputSchema, importPreviewRowsSchema),
  /** Lets a kept preview go (its dialog closed); false when it was already gone. */
  'transfer.discardPreview': channel(importPreviewRefSchema, z.object({ discarded: z.boolean() })),
  /** Applies a previewed (previewId) or given (text) file as drafts, in batches of tenants (one transaction each), and answers when done. */
  'transfer.applyImport': channel(applyImportInputSchema, importResultSchema),
  /** Starts applying a previewed (previewId) or given (text) file in batches; progress comes as 'transfer.progress' events. */
  'transfer.startImport': channel(applyImportInputSchema, importProgressSchema),
  /** Stops an import between two batches: the batches applied stay; the run's result says how many tenants were not imported. */
  'transfer.cancelImport': channel(importRunRefSchema, importProgressSchema),
  'transfer.importRun': channel(importRunRefSchema, importRunSchema),
  /** CSV (name, backend URL, tags) → per-row result with errors; changes nothing. */
  'transfer.previewCsv': channel(previewCsvInputSchema, csvPreviewSchema),
  /** Creates the chosen rows (default all), all or nothing, in one transaction. */
  'transfer.applyCsv': channel(applyCsvInputSchema, csvApplyResultSchema),
  /** A document's revisions, newest first, with who/what/when. */
  'history.list': channel(historyListInputSchema, z.array(revisionEntrySchema)),
  'history.diff': channel(historyDiffInputSchema, historyDiffSchema),
  /** An old revision as the new draft (a new revision 'restore'). */
  'history.restore': channel(historyRestoreInputSchema, historyRestoreResultSchema),
  /** What was sent to the tenant's backend, its answer and when (from sync's outbox), newest first. */
  'history.publishLog': channel(publishLogInputSchema, z.array(publishLogEntrySchema)),

  // Publishing by hand (a backend without settings writes): the change sheet.
  /** Each tenant's change sheet: per area the web app's steps, only what differs from the last applied state; held-back documents apart. */
  'changeSheet.get': channel(tenantIdsInputSchema, z.array(changeSheetSchema)),
  /** The sheet's drafts become the bases (revision 'applied_by_hand', who and when); CONFLICT when a draft changed since (stamps). */
  'changeSheet.markApplied': channel(
    z.object({ tenantId: entityIdSchema, stamps: z.array(sheetStampSchema).max(5000) }).strict(),
    z.object({ applied: z.number().int().nonnegative() }),
  ),
  /** A secret section of an API connection from the keychain to the system clipboard (cleared after 30 s); never to the renderer. */
  'changeSheet.copySecret': channel(
    z.object({ tenantId: entityIdSchema, documentId: entityIdSchema, section: z.enum(SECRET_SECTIONS) }).strict(),
    z.object({ copied: z.literal(true), clearsAfterSeconds: z.number().int().positive() }),
  ),

  /** Whether this shell can save a change sheet as PDF (the desktop app can; in the browser, Print → Save as PDF). */
  'changeSheet.pdfSupport': channel(z.object({}).strict(), z.object({ available: z.boolean() })),
  /**
   * The sheet's standalone HTML (the page `Save as HTML` writes: no script, no secret) rendered to
   * PDF by the desktop shell and saved where the user chooses; `path` null when cancelled.
   */
  'changeSheet.savePdf': channel(
    z
      .object({
        html: z.string().min(1).max(CHANGE_SHEET_HTML_MAX_CHARS),
        fileName: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,119}\.pdf$/, 'A plain file name ending in .pdf.'),
      })
      .strict(),
    z.object({ path: z.string().nullable() }),
  ),

  /** The app's own settings: the CA certificate file trusted for every request of the core. */
  'app.settings.get': channel(z.object({}).strict(), appSettingsSchema),
  'app.settings.set': channel(appSettingsInputSchema, appSettingsSchema),
} as const;

export type RpcContract = typeof rpcContract;
export type RpcChannel = keyof RpcContract;
export type RpcInput<C extends RpcChannel> = z.input<RpcContract[C]['input']>;
export type RpcParsedInput<C extends RpcChannel> = z.output<RpcContract[C]['input']>;
export type RpcOutput<C extends RpcChannel> = z.output<RpcContract[C]['output']>;

export const RPC_CHANNELS = Object.keys(rpcContract) as RpcChannel[];

export function isRpcChannel(name: string): name is RpcChannel {
  return Object.prototype.hasOwnProperty.call(rpcContract, name);
}

/** Events the core pushes to the renderer (Electron: webContents.send; host: server-sent events). */
export const rpcEvents = {
  /** Something in a tenant changed (by another window, a sync, an import): refetch what you show. */
  'tenant.changed': z.object({ tenantId: entityIdSchema.nullable() }),
  /** A publish run moved on (throttled; always sent when it ends). */
  'sync.progress': publishProgressSchema,
  /** A pull over many tenants moved on (after every tenant, and when it ends). */
  'sync.pullProgress': pullProgressSchema,
  /** An import run moved on by a batch (throttled; always sent when it ends). */
  'transfer.progress': importProgressSchema,
} as const;
export type RpcEventName = keyof typeof rpcEvents;
export type RpcEventPayload<E extends RpcEventName> = z.output<(typeof rpcEvents)[E]>;

/** What both transports hand requests to: the core router implements it. */
export interface RpcDispatcher {
  dispatch(channel: string, rawInput: unknown): Promise<import('./rpc-error').RpcResult<unknown>>;
}

/** What the preload exposes as `window.api`, and what the host's HTTP client imitates. */
export interface RendererApi {
  invoke(channel: string, input: unknown): Promise<import('./rpc-error').RpcResult<unknown>>;
  on(event: RpcEventName, listener: (payload: unknown) => void): () => void;
}

export { HOST_PATHS, HOST_MAX_BODY_BYTES, HOST_MAX_TRANSFER_BODY_BYTES } from './host-transport';

/** The body limit of one channel's requests on the host. */
export function hostMaxBodyBytes(channel: string): number {
  return channel.startsWith('transfer.') ? HOST_MAX_TRANSFER_BODY_BYTES : HOST_MAX_BODY_BYTES;
}
