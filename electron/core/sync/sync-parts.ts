import { isCollectionKind } from '../../../shared/document-kinds';
import { collectionPlans, collectionPublishers } from './publish/collection-kinds';
import { CollectionResolver } from './pull/collection-resolve';
import { collectionPulls } from './pull/collection-pulls';
import { DocumentSync } from './pull/document-sync';
import { CommitGroup } from './publish/commit-group';
import { Outbox } from './publish/outbox';
import { PublishPlanner } from './publish/publish-plan';
import { PublishRunner } from './publish/publish-runner';
import { SingletonPublisher } from './publish/singleton-publisher';
import { pullTenant } from './pull/pull-tenant';
import { fetchTenantSnapshot } from './pull/tenant-snapshot';
import { PullWriter } from './pull/pull-writer';
import { SecretSets } from './secret-sets';
import { httpBackendClientFactory } from './session/backend-client-factory';
import { SessionRegistry } from './session/session-registry';
import { SyncStateStore } from './sync-state';
import { TenantLocks } from './tenant-lock';

import type { SyncEngineDeps } from './sync-deps';

/** The parts of sync, wired: what the SyncEngine façade delegates to. */
export interface SyncParts {
  state: SyncStateStore;
  sessions: SessionRegistry;
  documents: DocumentSync;
  outbox: Outbox;
  resolver: CollectionResolver;
  runner: PublishRunner;
  locks: TenantLocks;
  /** A pull of one tenant without its lock (the caller holds it). */
  pull: (tenantId: string, signal?: AbortSignal) => Promise<number>;
}

/** Builds the session registry, the pull and the publish runner over one store, each with the deps it names. */
export function createSyncParts(deps: SyncEngineDeps): SyncParts {
  const locks = new TenantLocks();
  const { db, clock, vault, vaultQueue, events } = deps;
  const options = deps.options ?? {};
  const state = new SyncStateStore({ db, clock });
  const outbox = new Outbox({ db, clock });
  const documents = new DocumentSync({ db, clock, sentOnto: (documentId, baseVersion) => outbox.sentOnto(documentId, baseVersion) });
  const sets = new SecretSets({ db, vault, housekeeping: deps.vaultHousekeeping });
  const conflictsOf = (documentId: string) => documents.conflictsOf(documentId);
  const sessions = new SessionRegistry({
    tenants: deps.tenants,
    state,
    events,
    clock,
    vault,
    vaultQueue,
    backends: options.backends ?? httpBackendClientFactory({ timeoutMs: options.timeoutMs, retry: options.retry }),
    qontak: options.qontak,
    health: options.health,
    onUnexpectedError: options.onUnexpectedError,
  });
  const cachedBotResponses = (tenantId: string) => deps.crmCatalog.get(tenantId).botResponses.filter((entry) => !entry.removed).map(({ removed: _removed, ...entry }) => entry);
  const pullDeps = {
    db,
    sessions,
    snapshot: (tenantId: string, signal?: AbortSignal) => fetchTenantSnapshot({ sessions, clock, cachedBotResponses }, tenantId, signal),
    vaultQueue,
    catalog: deps.catalog,
    crmCatalog: deps.crmCatalog,
    documents,
    collections: collectionPulls({
      db,
      sets,
      conflictsOf,
      sentOnto: (documentId, baseVersion) => outbox.sentOnto(documentId, baseVersion),
      isOwnWrite: (documentId, baseVersion, remote) => documents.isOwnWrite(documentId, baseVersion, remote),
    }),
    writer: new PullWriter({ db, documents, clock }),
    state,
    events,
  };
  const pull = (tenantId: string, signal?: AbortSignal) => pullTenant(pullDeps, tenantId, signal);
  const resolver = new CollectionResolver({ db, documents, sets, queue: vaultQueue, clock });
  // One group for every publisher: the writes of the requests in flight side by side share commits.
  const commits = new CommitGroup(db);
  const singletons = new SingletonPublisher({ commits, outbox, documents, state });
  const collections = collectionPublishers({
    db,
    commits,
    outbox,
    sets,
    vault,
    queue: vaultQueue,
    clock,
    documents,
    onSuccess: (tenantId) => state.recordSuccess(tenantId),
  });
  const runner = new PublishRunner({
    db,
    events,
    clock,
    meta: deps.meta,
    tenants: deps.tenants,
    state,
    sessions,
    outbox,
    planner: new PublishPlanner({
      db,
      sources: {
        documents,
        singletonIssues: (tenantId, kind) => deps.documents.get(tenantId, kind).issues,
      },
      collections: collectionPlans({ crmCatalog: (tenantId) => deps.crmCatalog.get(tenantId) }),
    }),
    sets,
    documents,
    publisherOf: (kind) => (isCollectionKind(kind) ? collections[kind] : singletons),
    pull,
    locks,
    vaultQueue,
    concurrency: options.concurrency,
    onUnexpectedError: options.onUnexpectedError,
  });
  return { state, sessions, documents, outbox, resolver, runner, locks, pull };
}
