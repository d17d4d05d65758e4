import type Database from 'better-sqlite3';
import { COLLECTION_KIND_NAMES, SINGLETON_KIND_NAMES, type CollectionKindName } from '../../../../shared/document-kinds';
import type { CatalogService } from '../../catalog/catalog-service';
import type { CrmCatalogService } from '../../crm/crm-catalog-service';
import type { EventBus } from '../../events/event-bus';
import type { SerialQueue } from '../../vault/serial-queue';
import type { PreparedCollection, RemoteCollectionDocument } from './collection-pull';
import type { DocumentSync } from './document-sync';
import type { PullWriter } from './pull-writer';
import type { SessionRegistry } from '../session/session-registry';
import type { SyncStateStore } from '../sync-state';
import type { TenantSnapshot } from './tenant-snapshot';

/** The pull of one collection kind (collection-pull.ts, with the kind's hooks). */
export interface CollectionPreparer {
  prepare(tenantId: string, remotes: readonly RemoteCollectionDocument[]): Promise<PreparedCollection>;
}

/** What a pull reads from and writes to: each part named, nothing else reachable. */
export interface PullDeps {
  db: Database.Database;
  sessions: Pick<SessionRegistry, 'recordFailure'>;
  /** Reads the tenant's backend as its kind has it (tenant-snapshot.ts). */
  snapshot: (tenantId: string, signal?: AbortSignal) => Promise<TenantSnapshot>;
  /** The core's keychain queue: the write runs inside it, so no save of an API connection comes in between. */
  vaultQueue: SerialQueue;
  catalog: Pick<CatalogService, 'replace'>;
  crmCatalog: Pick<CrmCatalogService, 'replace'>;
  /** The one-per-tenant documents: the remote becomes the base, merged three-way into the draft. */
  documents: Pick<DocumentSync, 'applyRemote'>;
  /** The collection kinds: one generic pull each, driven by the kind's descriptor and hooks. */
  collections: Record<CollectionKindName, CollectionPreparer>;
  writer: PullWriter;
  state: Pick<SyncStateStore, 'recordSuccess' | 'setCapabilities'>;
  events: Pick<EventBus, 'tenantChanged'>;
}

/**
 * Pulls one tenant (the caller holds the tenant's lock): reads everything first; then, inside the
 * keychain queue, writes the remote secrets as fresh sets and all the rest — catalogs, the remote
 * state as each document's base, the merged drafts, the conflicts — in one transaction, or
 * nothing. Returns how many drafts took remote changes.
 */
export async function pullTenant(deps: PullDeps, tenantId: string, signal?: AbortSignal): Promise<number> {
  let snapshot: TenantSnapshot;
  try {
    snapshot = await deps.snapshot(tenantId, signal);
  } catch (error) {
    deps.sessions.recordFailure(tenantId, error);
    throw error;
  }
  const merged = await deps.vaultQueue.run(async () => {
    // A backend without settings routes: the catalogs only; the drafts and their bases stay as they are.
    const settings = snapshot.settings;
    const prepared: PreparedCollection[] = [];
    let count = 0;
    try {
      if (settings) {
        for (const kind of COLLECTION_KIND_NAMES) {
          // null: the backend has none of this kind to list (the CRM not connected), the drafts stay.
          const listed = settings.collections[kind];
          if (listed) prepared.push(await deps.collections[kind].prepare(tenantId, listed));
        }
      }
      deps.db.transaction(() => {
        deps.catalog.replace(tenantId, snapshot.catalog);
        deps.crmCatalog.replace(tenantId, snapshot.crm);
        if (settings) {
          for (const kind of SINGLETON_KIND_NAMES) if (deps.documents.applyRemote(tenantId, kind, settings.singletons[kind]).draftChanged) count++;
          for (const collection of prepared) count += collection.apply(deps.writer);
        }
        deps.state.setCapabilities(tenantId, snapshot.capabilities);
        deps.state.recordSuccess(tenantId);
      })();
    } catch (error) {
      for (const collection of prepared) await collection.discard();
      throw error;
    }
    for (const collection of prepared) await collection.release();
    return count;
  });
  deps.events.tenantChanged(tenantId);
  return merged;
}
