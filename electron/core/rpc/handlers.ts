import type { RpcChannel, RpcOutput, RpcParsedInput } from '../../../shared/rpc/contract';
import type { CoreServices } from '../core-services';
import type { DiagnosticsService } from '../diagnostics/diagnostics-service';

export interface AppInfo {
  version: string;
  dataDir: string;
  transport: 'electron' | 'host';
}

/** One handler per channel; the input is already parsed by the channel's schema. Keychain work makes some async. */
export type RpcHandlers = { [C in RpcChannel]: (input: RpcParsedInput<C>) => RpcOutput<C> | Promise<RpcOutput<C>> };

/** What the handlers need besides the services: the diagnostics report (it reads the log and the store's files). */
export interface HandlerExtras {
  diagnostics: DiagnosticsService;
}

export function createHandlers(services: CoreServices, info: AppInfo, extras: HandlerExtras): RpcHandlers {
  const { tenants, tenantListing, tags, documents, catalog, apiConnections, vaultHousekeeping, sync, crmCatalog, dealSettings, apply, exporter, importer, csv, history, publishLog, changeSheets, appSettings } = services;
  return {
    'app.info': () => ({ ...info }),
    'tenants.list': (input) => tenantListing.list(input),
    'tenants.listPage': (input) => tenantListing.page(input),
    'tenants.get': ({ id }) => tenants.get(id),
    'tenants.create': (input) => tenants.create(input),
    // Credentials are bound to the backend: a new URL or kind ends the session first (nothing old goes to the new backend).
    'tenants.update': async (input) => {
      const { backendChanges } = tenants.checkUpdate(input);
      if (backendChanges) await sync.leaveBackend(input.id, { signOut: input.signOut === true });
      return tenants.update(input);
    },
    // The tenant goes first (its rows cascade); then its keychain entries (if that fails, the next start's sweep removes them).
    'tenants.delete': async ({ id }) => {
      const deleted = tenants.delete(id);
      await vaultHousekeeping.forgetTenant(deleted.id);
      return deleted;
    },
    'settings.get': ({ tenantId, kind }) => documents.get(tenantId, kind),
    'settings.saveDraft': (input) => documents.saveDraft(input),
    'settings.discardDraft': ({ tenantId, kind }) => documents.discardDraft(tenantId, kind),
    'catalog.get': ({ tenantId }) => catalog.get(tenantId),
    'vault.status': () => vaultHousekeeping.status(),
    'diagnostics.export': () => extras.diagnostics.export(),
    'apiConnections.list': ({ tenantId }) => apiConnections.list(tenantId),
    'apiConnections.get': (ref) => apiConnections.get(ref),
    'apiConnections.create': (input) => apiConnections.create(input),
    'apiConnections.update': (input) => apiConnections.update(input),
    'apiConnections.delete': (ref) => apiConnections.delete(ref),
    'apiConnections.undoDelete': (ref) => apiConnections.undoDelete(ref),
    'apiConnections.testConnection': (input) => apiConnections.testConnection(input),
    'sync.signIn': ({ tenantId, username, password, clientId, clientSecret }) =>
      sync.signIn(tenantId, username, password, clientId !== undefined && clientSecret !== undefined ? { clientId, clientSecret } : undefined),
    'sync.signInHmac': ({ tenantId, clientId, clientSecret }) => sync.signInHmac(tenantId, clientId, clientSecret),
    'sync.signOut': ({ tenantId }) => sync.signOut(tenantId),
    'sync.status': ({ tenantId }) => sync.status(tenantId),
    'sync.pull': ({ tenantId }) => sync.pull(tenantId),
    'sync.pullMany': ({ tenantIds }) => sync.pullMany(tenantIds),
    'sync.conflicts': ({ tenantId }) => sync.conflicts(tenantId),
    'sync.plan': ({ tenantIds }) => sync.plan(tenantIds),
    'sync.publish': ({ tenantIds, wholeTenants }) => sync.publish(tenantIds, { wholeTenants }),
    'sync.cancel': ({ runId }) => sync.cancel(runId),
    'sync.run': ({ runId }) => sync.run(runId),
    'sync.paceEstimate': async ({ entries }) => ({ msLeft: await sync.paceEstimateMs(entries) }),
    'sync.resolveConflict': ({ tenantId, kind, choices, id }) => sync.resolveConflict(tenantId, kind, choices, id),
    'crm.catalog': ({ tenantId }) => crmCatalog.get(tenantId),
    'crm.addLocalBotResponse': ({ tenantId, name }) => crmCatalog.addLocalBotResponse(tenantId, name),
    'dealSettings.list': ({ tenantId }) => dealSettings.list(tenantId),
    'dealSettings.create': (input) => dealSettings.create(input),
    'dealSettings.update': (input) => dealSettings.update(input),
    'dealSettings.delete': (ref) => dealSettings.delete(ref),
    'dealSettings.undoDelete': (ref) => dealSettings.undoDelete(ref),
    'tenants.search': ({ query, limit }) => tenantListing.search(query, limit),
    'tags.list': () => tags.list(),
    'tags.add': (input) => tags.add(input),
    'tags.remove': (input) => tags.remove(input),
    'apply.preview': (input) => apply.preview(input),
    'apply.confirm': (input) => apply.confirm(input),
    'apply.undo': (input) => apply.undo(input),
    'apply.batches': () => apply.batches(),
    'transfer.export': (input) => exporter.export(input, info.version),
    'transfer.prepareImport': () => importer.prepare(),
    'transfer.previewImport': (input) => importer.preview(input),
    'transfer.previewRows': (input) => importer.previewRows(input),
    'transfer.discardPreview': ({ previewId }) => importer.discardPreview(previewId),
    'transfer.applyImport': (input) => importer.apply(input),
    'transfer.startImport': (input) => importer.start(input),
    'transfer.cancelImport': ({ runId }) => importer.cancel(runId),
    'transfer.importRun': ({ runId }) => importer.run(runId),
    'transfer.previewCsv': (input) => csv.preview(input),
    'transfer.applyCsv': (input) => csv.apply(input),
    'history.list': (input) => history.list(input),
    'history.diff': (input) => history.diff(input),
    'history.restore': (input) => history.restore(input),
    'history.publishLog': (input) => publishLog.list(input),
    'changeSheet.get': ({ tenantIds }) => changeSheets.get(tenantIds),
    'changeSheet.markApplied': (input) => changeSheets.markApplied(input),
    'changeSheet.copySecret': (input) => changeSheets.copySecret(input),
    'changeSheet.pdfSupport': () => changeSheets.pdfSupport(),
    'changeSheet.savePdf': (input) => changeSheets.savePdf(input),
    'app.settings.get': () => appSettings.get(),
    'app.settings.set': (input) => appSettings.set(input),
  };
}
