import type Database from 'better-sqlite3';
import type { CatalogService } from '../catalog/catalog-service';
import type { Clock } from '../clock';
import type { DocumentService } from '../documents/document-service';
import type { EventBus } from '../events/event-bus';
import type { TenantService } from '../tenants/tenant-service';
import type { SerialQueue } from '../vault/serial-queue';
import type { Vault } from '../vault/vault';
import type { VaultHousekeeping } from '../vault/vault-housekeeping';
import { ApplyService } from './apply/apply-service';
import { BatchStore } from '../apply/batch-store';
import { DraftRows } from '../documents/document-store';
import { HistoryService } from './history/history-service';
import { PublishLog } from './history/publish-log';
import { TenantListing } from './listing/tenant-listing';
import { TagService } from './tags/tag-service';
import { CsvService } from './transfer/csv-service';
import { ExportService } from './transfer/export-service';
import { ImportService } from './transfer/import-service';
import { TenantStore } from '../tenants/tenant-store';

/** Many tenants (issue #7): tags, the list at a glance and search, apply to many, files, history. */
export interface TenantsAtScale {
  readonly tags: TagService;
  readonly listing: TenantListing;
  readonly apply: ApplyService;
  readonly exporter: ExportService;
  readonly importer: ImportService;
  readonly csv: CsvService;
  readonly history: HistoryService;
  readonly publishLog: PublishLog;
  readonly batches: BatchStore;
}

export interface TenantsAtScaleDeps {
  db: Database.Database;
  events: EventBus;
  clock: Clock;
  tenants: TenantService;
  documents: DocumentService;
  catalog: CatalogService;
  vault: Vault;
  /** The vault's queue (every keychain step runs in it). */
  queue: SerialQueue;
  housekeeping: VaultHousekeeping;
}

export function createTenantsAtScale(deps: TenantsAtScaleDeps): TenantsAtScale {
  const { db, events, clock, tenants, documents, catalog } = deps;
  const drafts = new DraftRows(db);
  const batches = new BatchStore(db);
  const tenantRows = new TenantStore(db);
  const tags = new TagService({ db, events, clock });
  const tenantName = (tenantId: string) => tenantRows.byId(tenantId)?.name ?? null;
  const requireTenant = (tenantId: string) => tenants.require(tenantId);
  return {
    tags,
    listing: new TenantListing({ db, events }),
    apply: new ApplyService({ db, events, clock, documents, catalog, drafts, tenantName, vault: deps.vault, queue: deps.queue, housekeeping: deps.housekeeping, batches }),
    exporter: new ExportService({ clock, tenants: tenantRows, tags, drafts, catalog }),
    importer: new ImportService({ db, events, clock, tenants: tenantRows, tags, drafts, catalog, batches }),
    csv: new CsvService({ db, events, clock, tenants, tenantRows, tags }),
    history: new HistoryService({ db, events, clock, drafts, requireTenant }),
    publishLog: new PublishLog({ db, requireTenant }),
    batches,
  };
}
