import type Database from 'better-sqlite3';
import { ApplyService } from './apply/apply-service';
import { BatchStore } from './apply/batch-store';
import { ApiConnectionService } from './api-connections/api-connection-service';
import { isApiConnectionOwner } from './api-connections/connection-secrets';
import { CatalogService } from './catalog/catalog-service';
import { CrmCatalogService } from './crm/crm-catalog-service';
import { DealSettingService } from './crm/deal-setting-service';
import type { Clock } from './clock';
import { DocumentService } from './documents/document-service';
import { DraftRows } from './documents/document-store';
import type { EventBus } from './events/event-bus';
import { HistoryService } from './history/history-service';
import { PublishLog } from './history/publish-log';
import { MetaService } from './meta/meta-service';
import { SyncEngine, type SyncEngineOptions } from './sync/sync-engine';
import { TagService } from './tags/tag-service';
import { TenantListing } from './tenants/tenant-listing';
import { TenantService } from './tenants/tenant-service';
import { TenantStore } from './tenants/tenant-store';
import { CsvService } from './transfer/csv-service';
import { ExportService } from './transfer/export-service';
import { ImportPreviewThread } from './transfer/import-preview-thread';
import { ImportService } from './transfer/import-service';
import { SerialQueue } from './vault/serial-queue';
import { createStoreVault } from './vault/store-vault';
import type { Vault } from './vault/vault';
import { VaultOwnerRegistry } from './vault/vault-owners';
import { VaultHousekeeping, type HousekeepingLog } from './vault/vault-housekeeping';
import { AppSettingsService } from './app-settings/app-settings-service';
import { ChangeSheetService } from './change-sheet/change-sheet-service';
import { UNAVAILABLE_CLIPBOARD, type Clipboard } from './change-sheet/clipboard';
import type { SheetPdf } from './change-sheet/sheet-pdf';

/** The core's services on one open store: what the router calls, and what tests, seeding and the bench use. */
export interface CoreServices {
  /** The open connection (it holds the store's lock): for later services and for tests' checks. */
  readonly db: Database.Database;
  readonly meta: MetaService;
  readonly tenants: TenantService;
  readonly documents: DocumentService;
  readonly catalog: CatalogService;
  /** The OS keychain of this store (its service name is the store's own, see store-vault.ts). */
  readonly vault: Vault;
  /** The one queue every keychain step runs in (saves, pulls, the orphan sweep). */
  readonly vaultQueue: SerialQueue;
  readonly vaultHousekeeping: VaultHousekeeping;
  readonly apiConnections: ApiConnectionService;
  /** Sign-in, pull, publish with the tenants' backends. */
  readonly sync: SyncEngine;
  /** CRM Integration: each tenant's cached CRM catalog, and its deal settings checked against it. */
  readonly crmCatalog: CrmCatalogService;
  readonly dealSettings: DealSettingService;
  /** Tenant tags (add or remove on many tenants at once). */
  readonly tags: TagService;
  /** The tenant list at a glance: filters, sort, search. */
  readonly tenantListing: TenantListing;
  /** Apply a document to many tenants, with undo. */
  readonly apply: ApplyService;
  /** The change batches of apply and import (undo, and the keychain sets they hold). */
  readonly batches: BatchStore;
  readonly exporter: ExportService;
  readonly importer: ImportService;
  readonly csv: CsvService;
  /** Each document's revisions: list, diff, restore. */
  readonly history: HistoryService;
  readonly publishLog: PublishLog;
  /** Publishing by hand where the backend offers no settings writes: the sheet, Copy of secrets, Mark as applied. */
  readonly changeSheets: ChangeSheetService;
  /** The app's own settings (the CA file of the core's network). */
  readonly appSettings: AppSettingsService;
}

export interface CoreServicesOptions {
  /** Default: keytar under the store's own service name. Tests pass one only for failures they cannot cause for real. */
  vault?: Vault;
  /** Where the keychain clean-up reports failures (messages never hold a secret). */
  log?: HousekeepingLog;
  /** Timeouts, retries and concurrency of sync (tests shorten them). */
  sync?: SyncEngineOptions;
  /** Where a change sheet's Copy puts a secret; default: none (refused). */
  clipboard?: Clipboard;
  /** Where a change sheet's Save as PDF goes; default: none (refused). */
  sheetPdf?: SheetPdf;
}

export function createCoreServices(db: Database.Database, events: EventBus, clock: Clock, options: CoreServicesOptions = {}): CoreServices {
  const meta = new MetaService({ db });
  const tenants = new TenantService({ db, events, clock });
  const requireTenant = (tenantId: string) => tenants.require(tenantId);
  const catalog = new CatalogService({ db, events, clock, requireTenant });
  tenants.whenDeleted((tenantId) => catalog.evict(tenantId));
  const documents = new DocumentService({ db, events, clock, tenants, catalog });
  const crmCatalog = new CrmCatalogService({ db, events, clock, requireTenant });
  const dealSettings = new DealSettingService({ db, events, clock, tenants, crmCatalog });

  const vault = options.vault ?? createStoreVault(meta.installationId);
  const queue = new SerialQueue();
  // The keychain sets to keep: each service that holds some registers as it is made.
  const owners = new VaultOwnerRegistry(isApiConnectionOwner);
  const vaultHousekeeping = new VaultHousekeeping({ db, vault, queue, clock, owners, log: options.log ?? (() => undefined) });
  const apiConnections = new ApiConnectionService({ db, events, clock, tenants, vault, queue, housekeeping: vaultHousekeeping });
  owners.register({ owners: () => apiConnections.knownOwners() });
  const drafts = new DraftRows(db);
  const batches = new BatchStore(db);
  const tenantRows = new TenantStore(db);
  const tags = new TagService({ db, events, clock });
  const tenantName = (tenantId: string) => tenantRows.byId(tenantId)?.name ?? null;
  const apply = new ApplyService({ db, events, clock, documents, catalog, drafts, tenantName, vault, queue, housekeeping: vaultHousekeeping, batches });
  // Sets an undoable apply batch would bring back are not orphans either, nor removed when a save moves past them.
  owners.register({
    owners: () => batches.heldOwners(),
    isPinned: (tenantId, owner) => batches.heldOwners().some((held) => held.tenant_id === tenantId && held.owner === owner),
  });
  const transfer = {
    exporter: new ExportService({ clock, tenants: tenantRows, tags, drafts, catalog }),
    csv: new CsvService({ db, events, clock, tenants, tenantRows, tags }),
  };
  const history = new HistoryService({ db, events, clock, drafts, requireTenant });
  const publishLog = new PublishLog({ db, requireTenant });
  const sync = new SyncEngine({
    db,
    events,
    clock,
    vault,
    vaultQueue: queue,
    meta,
    tenants,
    documents,
    catalog,
    crmCatalog,
    vaultHousekeeping,
    options: { onUnexpectedError: options.log, ...options.sync },
  });
  // A set a publish in flight sends is not removed when a save moves past it.
  owners.register({ owners: () => sync.pinnedOwners(), isPinned: (tenantId, owner) => sync.isPinned(tenantId, owner) });
  // Tenants an import moves to another backend are signed out (their credentials leave the keychain).
  // Import files are read, checked and planned in a thread of their own (the store is read here).
  const importer = new ImportService({
    db,
    events,
    clock,
    tenants: tenantRows,
    tags,
    drafts,
    catalog,
    batches,
    leaveBackend: (tenantId) => sync.leaveBackend(tenantId, { signOut: true }),
    previews: (readSlice) =>
      new ImportPreviewThread(readSlice, {
        onLoadFailure: (error) => options.log?.('transfer.previewImport', new Error(`The import's thread could not start (${error.message}); files are read in the core's thread.`)),
      }),
  });
  const tenantListing = new TenantListing({ db, events });
  const changeSheets = new ChangeSheetService({
    db,
    events,
    clock,
    tenants,
    drafts,
    catalog,
    crmCatalog,
    plan: (tenantIds) => sync.plan(tenantIds),
    vault,
    vaultQueue: queue,
    clipboard: options.clipboard ?? UNAVAILABLE_CLIPBOARD,
    pdf: options.sheetPdf ?? null,
  });
  const appSettings = new AppSettingsService({ db });
  return {
    db,
    meta,
    tenants,
    tenantListing,
    tags,
    documents,
    catalog,
    vault,
    vaultQueue: queue,
    vaultHousekeeping,
    apiConnections,
    sync,
    crmCatalog,
    dealSettings,
    apply,
    batches,
    ...transfer,
    importer,
    history,
    publishLog,
    changeSheets,
    appSettings,
  };
}
