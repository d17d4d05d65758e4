import type Database from 'better-sqlite3';
import { CatalogService } from './catalog/catalog-service';
import type { Clock } from './clock';
import { DocumentService } from './documents/document-service';
import type { EventBus } from './events/event-bus';
import { MetaService } from './meta/meta-service';
import { TenantService } from './tenants/tenant-service';

/** The core's services on one open store: what the router calls, and what tests, seeding and the bench use. */
export interface CoreServices {
  /** The open connection (it holds the store's lock): for later services and for tests' checks. */
  readonly db: Database.Database;
  readonly meta: MetaService;
  readonly tenants: TenantService;
  readonly documents: DocumentService;
  readonly catalog: CatalogService;
}

export function createCoreServices(db: Database.Database, events: EventBus, clock: Clock): CoreServices {
  const meta = new MetaService(db);
  // The catalog and the tenants know each other only through these two callbacks.
  let catalog: CatalogService | null = null;
  const tenants = new TenantService(db, events, clock, (tenantId) => catalog?.evict(tenantId));
  catalog = new CatalogService(db, events, clock, (tenantId) => tenants.require(tenantId));
  const documents = new DocumentService(db, events, clock, tenants, catalog);
  return { db, meta, tenants, documents, catalog };
}
