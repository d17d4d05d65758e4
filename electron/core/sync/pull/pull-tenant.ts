import type Database from 'better-sqlite3';
import { SINGLETON_KIND_NAMES } from '../../../../shared/document-kinds';
import type { CatalogService } from '../../catalog/catalog-service';
import type { CrmCatalogService } from '../../crm/crm-catalog-service';
import type { EventBus } from '../../events/event-bus';
import type { SerialQueue } from '../../vault/serial-queue';
import type { ApiConnectionPull } from './api-connection-pull';
import type { DealSettingPull } from './deal-setting-pull';
import type { DocumentSync } from './document-sync';
import type { PullWriter } from './pull-writer';
import type { SessionRegistry } from '../session/session-registry';
import type { SyncStateStore } from '../sync-state';
import type { TenantSnapshot } from './tenant-snapshot';

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
  connections: Pick<ApiConnectionPull, 'prepare'>;
  dealSettings: Pick<DealSettingPull, 'apply'>;
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
    const connections = settings ? await deps.connections.prepare(tenantId, settings.apiConnections) : null;
    let count = 0;
    try {
      deps.db.transaction(() => {
        deps.catalog.replace(tenantId, snapshot.catalog);
        deps.crmCatalog.replace(tenantId, snapshot.crm);
        if (settings && connections) {
          for (const kind of SINGLETON_KIND_NAMES) if (deps.documents.applyRemote(tenantId, kind, settings.singletons[kind]).draftChanged) count++;
          if (settings.dealSettings) count += deps.dealSettings.apply(tenantId, settings.dealSettings, deps.writer);
          count += connections.apply(deps.writer);
        }
        deps.state.setCapabilities(tenantId, snapshot.capabilities);
        deps.state.recordSuccess(tenantId);
      })();
    } catch (error) {
      await connections?.discard();
      throw error;
    }
    await connections?.release();
    return count;
  });
  deps.events.tenantChanged(tenantId);
  return merged;
}
