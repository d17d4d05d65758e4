import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { ConflictChoice } from '../../../shared/logic/three-way-merge';
import { RpcError } from '../../../shared/rpc/rpc-error';
import { SINGLETON_KINDS, type SingletonKind } from '../../../shared/schemas/settings-document';
import type { DocumentConflicts, PublishProgress, PublishRun, SyncDocumentKind, SyncStatus, TenantPlan } from '../../../shared/schemas/sync';
import { storedBackendUrlProblem } from '../../../shared/schemas/tenant';
import { renderIssueMessageEn } from '../../../shared/validation/messages-en';
import type { Clock } from '../clock';
import type { CoreServices } from '../core-services';
import type { EventBus } from '../events/event-bus';
import { SerialQueue } from '../vault/serial-queue';
import type { Vault } from '../vault/vault';
import { ApiConnectionPull } from './api-connection-pull';
import { BackendClient, type BackendClientOptions } from './backend-client';
import { BackendError, isBackendError } from './backend-error';
import { CollectionPublisher } from './collection-publish';
import { CollectionResolver } from './collection-resolve';
import { collectionStatements, isCollectionKind, type CollectionStatements } from './collection-rows';
import { DealSettingPull } from './deal-setting-pull';
import { DocumentSync } from './document-sync';
import { HealthMonitor, type HealthOptions } from './health-monitor';
import { Outbox, type NewOutboxEntry, type OutboxEntry } from './outbox';
import { PublishPlanner } from './publish-plan';
import { PullWriter } from './pull-writer';
import { fetchRemoteSnapshot, SINGLETON_ROUTES } from './remote-snapshot';
import type { RetryPolicy } from './retry-policy';
import { SecretSets, setsOfRow, type ReleasedSet } from './secret-sets';
import { SessionTokens } from './session-tokens';
import { SyncStateStore } from './sync-state';
import { TenantLocks } from './tenant-lock';

export interface SyncEngineOptions {
  /** Per request try (default 15 s). */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Tenants published side by side (a tenant's documents go one after another). */
  concurrency?: number;
  /** The core's one keychain queue (shared with API connections and the orphan sweep). */
  vaultQueue?: SerialQueue;
  /** Told about failures that are bugs (never about the backend's answers). */
  onUnexpectedError?: (where: string, error: unknown) => void;
  /** The periodic health check of the signed-in tenants' backends (startHealthChecks). */
  health?: HealthOptions;
}

export type SyncServices = Pick<CoreServices, 'meta' | 'tenants' | 'documents' | 'catalog' | 'crmCatalog' | 'vaultHousekeeping'>;

interface TenantContext {
  baseUrl: string;
  client: BackendClient;
  session: SessionTokens;
}

interface ActiveRun {
  controller: AbortController;
  done: Promise<void>;
}

/** Rounds of 412 → pull → merge → resend per document before it is left for the user. */
const MAX_PUBLISH_ROUNDS = 3;
const PROGRESS_INTERVAL_MS = 100;

/**
 * The app's side of sync (DESIGN.md, Sync; issue #5): sign-in per tenant, pull (catalogs, remote
 * settings and collections as the base, three-way merge into drafts, conflicts kept), publish
 * plans, and publishing through the durable outbox with bounded concurrency, resumable after a
 * crash; a light health check of the signed-in tenants' backends feeds their online state.
 * Every document kind goes the same way: AI response and idle action (one per tenant), API
 * connections (their secrets only ever on the wire and in the keychain) and deal settings.
 */
export class SyncEngine {
  readonly state: SyncStateStore;
  private readonly documents: DocumentSync;
  private readonly outbox: Outbox;
  private readonly collections: CollectionStatements;
  private readonly sets: SecretSets;
  private readonly planner: PublishPlanner;
  private readonly writer: PullWriter;
  private readonly connectionPull: ApiConnectionPull;
  private readonly dealSettingPull: DealSettingPull;
  private readonly publisher: CollectionPublisher;
  private readonly resolver: CollectionResolver;
  private readonly health: HealthMonitor;
  private readonly contexts = new Map<string, TenantContext>();
  private readonly locks = new TenantLocks();
  private readonly runs = new Map<string, ActiveRun>();
  private closed = false;
  private readonly vaultQueue: SerialQueue;

  constructor(
    private readonly db: Database.Database,
    private readonly services: SyncServices,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly vault: Vault,
    private readonly options: SyncEngineOptions = {},
  ) {
    this.state = new SyncStateStore(db, clock);
    this.documents = new DocumentSync(db, clock);
    this.outbox = new Outbox(db, clock);
    this.vaultQueue = options.vaultQueue ?? new SerialQueue();
    this.collections = collectionStatements(db);
    this.sets = new SecretSets(db, vault, services.vaultHousekeeping);
    // "The system keychain cannot be used" stays only while it is true: once the keychain works, it is forgotten.
    services.vaultHousekeeping.onKeychainWorks(() => this.state.clearErrorsOfCode('VAULT_UNAVAILABLE'));
    const conflictsOf = (documentId: string) => this.documents.conflictsOf(documentId);
    this.planner = new PublishPlanner(db, {
      documents: this.documents,
      singletonIssues: (tenantId, kind) => services.documents.get(tenantId, kind).issues,
      crmCatalog: (tenantId) => services.crmCatalog.get(tenantId),
    });
    this.writer = new PullWriter(db, this.documents, clock);
    this.connectionPull = new ApiConnectionPull(db, this.sets, conflictsOf);
    this.dealSettingPull = new DealSettingPull(db, conflictsOf);
    this.publisher = new CollectionPublisher({
      db,
      outbox: this.outbox,
      sets: this.sets,
      vault,
      queue: this.vaultQueue,
      clock,
      documents: this.documents,
      onSuccess: (tenantId) => this.state.recordSuccess(tenantId),
    });
    this.resolver = new CollectionResolver(db, this.documents, this.sets, this.vaultQueue, clock);
    this.health = new HealthMonitor(
      () => this.state.signedInBackends(),
      (tenantIds, online) => {
        for (const tenantId of tenantIds) if (this.state.setOnline(tenantId, online)) this.events.tenantChanged(tenantId);
      },
      options.health,
      (error) => options.onUnexpectedError?.('sync.health', error),
    );
  }

  /** Keychain sets that outbox entries still need (the orphan sweep keeps them; see Outbox). */
  pinnedOwners(): Array<{ tenant_id: string; owner: string }> {
    return this.outbox.pinnedOwners();
  }

  isPinned(tenantId: string, owner: string): boolean {
    return this.outbox.isPinned(tenantId, owner);
  }

  /** Starts the periodic health check (HealthMonitor); `stop` ends it. */
  startHealthChecks(): void {
    if (!this.closed) this.health.start();
  }

  // ---- session -------------------------------------------------------------------------

  async signIn(tenantId: string, username: string, password: string): Promise<SyncStatus> {
    const context = this.context(tenantId);
    try {
      const { data } = await context.client.call('oauthToken', { body: { grant_type: 'password', username, password } });
      await context.session.save(data);
    } catch (error) {
      this.recordFailure(tenantId, error);
      if (isBackendError(error, 'sign_in_failed')) throw new BackendError('sign_in_failed', 'The backend refused this username or password.', error);
      throw error;
    }
    this.state.setSignedIn(tenantId, true, username);
    this.state.clearError(tenantId);
    this.events.tenantChanged(tenantId);
    this.health.poke();
    return this.status(tenantId);
  }

  async signOut(tenantId: string): Promise<SyncStatus> {
    this.services.tenants.require(tenantId);
    await this.context(tenantId, { forRequests: false }).session.clear();
    this.state.setSignedIn(tenantId, false);
    this.events.tenantChanged(tenantId);
    return this.status(tenantId);
  }

  status(tenantId: string): SyncStatus {
    this.services.tenants.require(tenantId);
    return this.state.status(tenantId);
  }

  // ---- pull ----------------------------------------------------------------------------

  async pull(tenantId: string, signal?: AbortSignal): Promise<{ status: SyncStatus; merged: number; conflicts: DocumentConflicts[] }> {
    const merged = await this.locks.run(tenantId, () => this.pullLocked(tenantId, signal));
    return { status: this.status(tenantId), merged, conflicts: this.conflicts(tenantId) };
  }

  conflicts(tenantId: string): DocumentConflicts[] {
    return this.documents.tenantConflicts(tenantId).map((entry) => ({ tenantId, ...entry, kind: entry.kind as DocumentConflicts['kind'] }));
  }

  /** The user's choices on a document's conflicts; `id` names the document of a collection kind. */
  async resolveConflict(tenantId: string, kind: SyncDocumentKind, choices: Record<string, ConflictChoice>, id?: string): Promise<DocumentConflicts[]> {
    this.services.tenants.require(tenantId);
    if (isCollectionKind(kind)) await this.locks.run(tenantId, () => this.resolver.resolve(tenantId, kind, id, choices));
    else this.db.transaction(() => this.documents.resolve(tenantId, kind as SingletonKind, choices))();
    this.events.tenantChanged(tenantId);
    return this.conflicts(tenantId);
  }

  /**
   * Reads everything first; then, inside the keychain queue (no save of an API connection can
   * run in between), writes the remote secrets as fresh sets and all the rest in one transaction,
   * or nothing. Returns how many drafts took remote changes.
   */
  private async pullLocked(tenantId: string, signal?: AbortSignal): Promise<number> {
    const context = this.context(tenantId);
    let snapshot;
    try {
      snapshot = await fetchRemoteSnapshot(context.client, signal);
    } catch (error) {
      this.recordFailure(tenantId, error);
      throw error;
    }
    const merged = await this.vaultQueue.run(async () => {
      if (!this.db.open) throw new RpcError('STORE_UNAVAILABLE', 'The local store is closed.');
      const connections = await this.connectionPull.prepare(tenantId, snapshot.apiConnections);
      let count = 0;
      try {
        this.db.transaction(() => {
          this.services.catalog.replace(tenantId, snapshot.catalog);
          this.services.crmCatalog.replace(tenantId, snapshot.crm);
          for (const kind of SINGLETON_KINDS) if (this.documents.applyRemote(tenantId, kind, snapshot.singletons[kind]).draftChanged) count++;
          if (snapshot.dealSettings) count += this.dealSettingPull.apply(tenantId, snapshot.dealSettings, this.writer);
          count += connections.apply(this.writer);
          this.state.recordSuccess(tenantId);
        })();
      } catch (error) {
        await connections.discard();
        throw error;
      }
      await connections.release();
      return count;
    });
    this.events.tenantChanged(tenantId);
    return merged;
  }

  // ---- plan and publish ------------------------------------------------------------------

  plan(tenantIds: readonly string[]): TenantPlan[] {
    return tenantIds.map((tenantId) => {
      const tenant = this.services.tenants.get(tenantId);
      const entries = this.planner.entries(tenantId).map(({ row: _row, ...entry }) => entry);
      return { tenantId, name: tenant.name, signedIn: this.state.isSignedIn(tenantId), entries };
    });
  }

  /**
   * Plans, writes the run's outbox entries (with their idempotency keys, and for API connections
   * the keychain set to send), and starts sending. A document being sent right now is left to
   * that run; a creation an earlier run sent without a final answer is adopted, key and body
   * unchanged (see Outbox). With `wholeTenants` (bulk publish), a tenant with any invalid or
   * conflicting document sends nothing: never half-published; its plan says why.
   */
  publish(tenantIds: readonly string[], options: { wholeTenants?: boolean } = {}): PublishProgress {
    const runId = randomUUID();
    const entries: NewOutboxEntry[] = [];
    const adopt: number[] = [];
    const entriesOf = this.db.transaction(() => {
      for (const tenantId of tenantIds) {
        this.services.tenants.require(tenantId);
        const planned = this.planner.entries(tenantId);
        if (options.wholeTenants && planned.some((entry) => entry.status !== 'ready')) continue;
        for (const entry of planned) {
          if (entry.status !== 'ready') continue;
          if (this.outbox.sendingRuns(entry.documentId).some((id) => this.runs.has(id))) continue;
          if (entry.op === 'create') {
            const earlier = this.outbox.creationThatMayExist(entry.documentId);
            if (earlier) {
              if (earlier.state === 'pending' && this.runs.has(earlier.run_id)) continue; // its run sends it
              adopt.push(earlier.id);
              continue;
            }
          }
          entries.push({
            tenantId,
            documentId: entry.documentId,
            kind: entry.kind,
            op: entry.op,
            remoteId: entry.row.remote_id,
            bodyJson: entry.op === 'delete' ? null : entry.row.draft_json,
            ifMatch: entry.row.base_version,
            idempotencyKey: `${this.services.meta.installationId}:${this.services.meta.nextMutationId()}`,
            vaultOwner: entry.kind === 'api_connection' ? entry.row.vault_owner : null,
          });
        }
      }
      this.outbox.createRun(runId, entries, adopt);
    });
    entriesOf();
    this.startRun(runId);
    return this.outbox.progress(runId)!;
  }

  /** Starts again the runs a crash (or a quit) left unfinished; returns their ids. */
  resumeUnfinished(): string[] {
    const ids = this.outbox.unfinishedRuns().filter((id) => !this.runs.has(id));
    for (const id of ids) this.startRun(id);
    return ids;
  }

  /** Cancels one run, or every running one. */
  async cancel(runId?: string): Promise<PublishProgress[]> {
    const ids = runId ? [runId] : [...this.runs.keys()];
    for (const id of ids) this.runs.get(id)?.controller.abort();
    await Promise.all(ids.map((id) => this.runs.get(id)?.done));
    return ids.map((id) => this.outbox.progress(id)).filter((p): p is PublishProgress => p !== null);
  }

  run(runId: string): PublishRun {
    const view = this.outbox.runView(runId);
    if (!view) throw new RpcError('NOT_FOUND', `There is no publish run ${runId}.`);
    return view;
  }

  /** Resolves when the run has finished (or was cancelled). */
  async waitForRun(runId: string): Promise<PublishRun> {
    await this.runs.get(runId)?.done;
    return this.run(runId);
  }

  /** Resolves when no run is going (those resumed at start included). */
  async whenRunsIdle(): Promise<void> {
    while (this.runs.size > 0) await Promise.all([...this.runs.values()].map((run) => run.done));
  }

  /** Stops every run at once (entries in flight stay 'sending' and are resent at the next start), and the health check. */
  stop(): Promise<void> {
    this.closed = true;
    const active = [...this.runs.values()];
    for (const run of active) run.controller.abort();
    return Promise.all([this.health.stop(), ...active.map((run) => run.done)]).then(() => undefined);
  }

  private startRun(runId: string): void {
    const controller = new AbortController();
    const done = this.executeRun(runId, controller.signal)
      .catch((error: unknown) => {
        if (!this.closed) this.options.onUnexpectedError?.('sync.publish', error); // after a quit: the store closed under it
      })
      .finally(() => this.runs.delete(runId));
    this.runs.set(runId, { controller, done });
  }

  private async executeRun(runId: string, signal: AbortSignal): Promise<void> {
    const byTenant = new Map<string, OutboxEntry[]>();
    for (const entry of this.outbox.openEntries(runId)) {
      const list = byTenant.get(entry.tenant_id) ?? [];
      list.push(entry);
      byTenant.set(entry.tenant_id, list);
    }
    const queue = [...byTenant.values()];
    const progress = this.progressEmitter(runId);
    const worker = async () => {
      for (let entries = queue.shift(); entries && !signal.aborted; entries = queue.shift()) {
        await this.locks.run(entries[0]!.tenant_id, () => this.publishTenant(runId, entries, signal, progress));
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(this.options.concurrency ?? 8, queue.length)) }, worker));
    if (this.closed && signal.aborted) return; // a quit, not a cancel: resumed at the next start
    this.outbox.finishRun(runId, signal.aborted ? 'cancelled' : 'finished');
    progress(true);
    await this.releasePins(runId);
  }

  /** Sets the run's entries pinned and no longer need (nor does any row): removed. */
  private async releasePins(runId: string): Promise<void> {
    const pinned = this.outbox.runOwners(runId);
    if (pinned.length === 0) return;
    await this.vaultQueue.run(async () => {
      for (const entry of pinned) {
        if (this.db.open && !this.outbox.isPinned(entry.tenant_id, entry.owner)) await this.sets.releaseUnused(entry.tenant_id, [releasedSet(entry.owner, entry.body_json)]);
      }
    });
  }

  /** A tenant's entries in order. Unreachable or signed out: the rest fail the same way at once. */
  private async publishTenant(runId: string, entries: OutboxEntry[], signal: AbortSignal, progress: (final?: boolean) => void): Promise<void> {
    let stop: RpcError | null = null;
    try {
      this.context(entries[0]!.tenant_id);
    } catch (error) {
      stop = error instanceof RpcError ? error : new RpcError('INTERNAL', 'Publishing failed inside the app.'); // no backend URL any more
    }
    for (const entry of entries) {
      if (signal.aborted) return;
      if (stop) {
        this.outbox.finish(entry.id, 'failed', { failure: { code: stop.code, message: stop.message } });
      } else {
        const error = await this.publishEntry(runId, entry, signal);
        if (error && (error.kind === 'unreachable' || error.kind === 'signed_out')) stop = error;
      }
      progress();
    }
    this.events.tenantChanged(entries[0]!.tenant_id);
  }

  /** Sends one entry to its end state; returns the error it failed with, if any. */
  private async publishEntry(runId: string, entry: OutboxEntry, signal: AbortSignal): Promise<BackendError | null> {
    if (isCollectionKind(entry.kind)) return this.publishCollectionEntry(runId, entry, signal);
    const kind = entry.kind as SingletonKind;
    const context = this.context(entry.tenant_id);
    for (let round = 0; round < MAX_PUBLISH_ROUNDS; round++) {
      let current = this.outbox.get(entry.id)!;
      if (!isOpenIn(current, runId)) return null; // superseded by a newer publish, or adopted by one
      if (current.if_match === null) {
        // Never pulled: the backend's version (and any change there) comes first.
        const outcome = await this.pullAndRetarget(current, signal);
        if (outcome !== 'resend') return outcome;
        current = this.outbox.get(entry.id)!;
      }
      this.outbox.markSending(entry.id);
      try {
        const result = await context.client.call(SINGLETON_ROUTES[kind].put, { body: JSON.parse(current.body_json!), ifMatch: current.if_match!, signal });
        this.db.transaction(() => {
          this.documents.markPublished(entry.document_id, JSON.stringify(result.data.value), result.data.version);
          this.outbox.finish(entry.id, 'done', { version: result.data.version });
          this.state.recordSuccess(entry.tenant_id);
        })();
        return null;
      } catch (error) {
        if (signal.aborted || isBackendError(error, 'cancelled')) return null; // the run's cancel settles it
        if (isBackendError(error, 'version_mismatch')) {
          const outcome = await this.pullAndRetarget(current, signal);
          if (outcome !== 'resend') return outcome;
          continue;
        }
        return this.fail(entry, error);
      }
    }
    this.outbox.finish(entry.id, 'conflict', {
      failure: { code: 'CONFLICT', message: 'The document kept changing on the backend while publishing: pull and publish again.' },
    });
    return null;
  }

  /** A collection document's entry: create, replace or delete (CollectionPublisher); a stale one pulls first. */
  private async publishCollectionEntry(runId: string, entry: OutboxEntry, signal: AbortSignal): Promise<BackendError | null> {
    const context = this.context(entry.tenant_id);
    for (let round = 0; round < MAX_PUBLISH_ROUNDS; round++) {
      const current = this.outbox.get(entry.id)!;
      if (!isOpenIn(current, runId)) return null;
      try {
        if ((await this.publisher.send(current, context.client, signal)) === 'done') return null;
      } catch (error) {
        if (signal.aborted || isBackendError(error, 'cancelled')) return null;
        return this.fail(current, error);
      }
      const outcome = await this.pullAndRetargetCollection(current, signal);
      if (outcome !== 'resend') return outcome;
    }
    this.outbox.finish(entry.id, 'conflict', {
      failure: { code: 'CONFLICT', message: 'The document kept changing on the backend while publishing: pull and publish again.' },
    });
    return null;
  }

  /** After a 412 (or a 404 on a replace): pull, then send what the merge left, or stop. */
  private async pullAndRetargetCollection(entry: OutboxEntry, signal: AbortSignal): Promise<'resend' | BackendError | null> {
    try {
      await this.pullLocked(entry.tenant_id, signal);
    } catch (error) {
      if (signal.aborted || isBackendError(error, 'cancelled')) return null;
      return this.fail(entry, error);
    }
    const row = this.collections.byId.get(entry.document_id);
    if (!row || row.dirty === 0) {
      this.db.transaction(() => {
        if (row?.base_json) this.documents.revision(row.id, 'publish', row.base_json, this.clock());
        this.outbox.finish(entry.id, 'done', { version: row?.base_version ?? null });
      })();
      return null;
    }
    if (this.documents.conflictsOf(row.id).length > 0) {
      this.outbox.finish(entry.id, 'conflict', { failure: { code: 'CONFLICT', message: 'The backend changed this too: choose which values to keep, then publish again.' } });
      return null;
    }
    if (row.base_json === null || (row.deleted === 1) !== (entry.op === 'delete')) {
      this.outbox.finish(entry.id, 'cancelled', { failure: { code: 'CANCELLED', message: 'It changed meanwhile: publish again.' } });
      return null;
    }
    const vaultOwner = entry.kind === 'api_connection' && row.deleted === 0 ? row.vault_owner : null;
    this.outbox.retarget(entry.id, row.deleted === 1 ? null : row.draft_json, row.base_version, vaultOwner);
    if (entry.vault_owner !== null && entry.vault_owner !== vaultOwner) {
      const old = releasedSet(entry.vault_owner, entry.body_json);
      await this.vaultQueue.run(() => this.sets.releaseUnused(entry.tenant_id, this.outbox.isPinned(entry.tenant_id, entry.vault_owner!) ? [] : [old]));
    }
    return 'resend';
  }

  /** After a 412 (or with no base): pull, then resend the merged draft, or stop (done / conflict / failed). */
  private async pullAndRetarget(entry: OutboxEntry, signal: AbortSignal): Promise<'resend' | BackendError | null> {
    try {
      await this.pullLocked(entry.tenant_id, signal);
    } catch (error) {
      if (signal.aborted || isBackendError(error, 'cancelled')) return null;
      return this.fail(entry, error);
    }
    const row = this.documents.row(entry.tenant_id, entry.kind as SingletonKind);
    if (!row || row.dirty === 0) {
      // The backend has the draft already (a write whose answer was lost, or the same change made there).
      this.db.transaction(() => {
        if (row?.base_json) this.documents.revision(row.id, 'publish', row.base_json, this.clock());
        this.outbox.finish(entry.id, 'done', { version: row?.base_version ?? null });
      })();
      return null;
    }
    if (this.documents.conflictsOf(row.id).length > 0) {
      this.outbox.finish(entry.id, 'conflict', { failure: { code: 'CONFLICT', message: 'The backend changed the same fields: choose which values to keep, then publish again.' } });
      return null;
    }
    this.outbox.retarget(entry.id, row.draft_json, row.base_version);
    return 'resend';
  }

  private fail(entry: OutboxEntry, error: unknown): BackendError | null {
    const backend = error instanceof BackendError ? error : null;
    if (!(error instanceof RpcError)) this.options.onUnexpectedError?.('sync.publish', error);
    const code = error instanceof RpcError ? error.code : 'INTERNAL';
    const message = error instanceof RpcError ? error.message : 'Publishing this document failed inside the app.';
    // The backend looked at the creation (after its idempotency key) and refused it: it does not exist there.
    const settled = entry.op !== 'create' || (backend !== null && (backend.wireCode === 'validation_failed' || backend.wireCode === 'conflict'));
    this.outbox.finish(entry.id, 'failed', { settled, failure: { code, message, ...(error instanceof RpcError && error.issues ? { issues: error.issues } : {}) } });
    this.recordFailure(entry.tenant_id, error);
    return backend;
  }

  private progressEmitter(runId: string): (final?: boolean) => void {
    let last = 0;
    return (final = false) => {
      const now = Date.now();
      if (!final && now - last < PROGRESS_INTERVAL_MS) return;
      last = now;
      const progress = this.outbox.progress(runId);
      if (progress) this.events.emit('sync.progress', progress);
    };
  }

  // ---- per tenant --------------------------------------------------------------------------

  /** `forRequests: false` (signing out) only removes what the keychain holds, so any stored URL will do. */
  private context(tenantId: string, { forRequests = true }: { forRequests?: boolean } = {}): TenantContext {
    const tenant = this.services.tenants.get(tenantId);
    if (!tenant.backendUrl) {
      throw new RpcError('INVALID_INPUT', 'Set the tenant’s backend URL first.', [{ path: ['backendUrl'], message: 'sync.backendUrl.required' }]);
    }
    // A URL stored before the https rule: say what to change before any credential is sent.
    const urlProblem = forRequests ? storedBackendUrlProblem(tenant.backendUrl) : null;
    if (urlProblem) throw new RpcError('INVALID_INPUT', renderIssueMessageEn(urlProblem), [{ path: ['backendUrl'], message: urlProblem }]);
    const existing = this.contexts.get(tenantId);
    if (existing && existing.baseUrl === tenant.backendUrl) return existing;
    const clientOptions: BackendClientOptions = {
      baseUrl: tenant.backendUrl,
      timeoutMs: this.options.timeoutMs,
      retry: this.options.retry,
      onReachability: (online) => {
        if (this.state.setOnline(tenantId, online)) this.events.tenantChanged(tenantId);
      },
    };
    const authClient = new BackendClient(clientOptions);
    const session = new SessionTokens(
      tenantId,
      this.vault,
      this.vaultQueue,
      this.clock,
      async (refreshToken, signal) => (await authClient.call('oauthToken', { body: { grant_type: 'refresh_token', refresh_token: refreshToken }, signal })).data,
      () => {
        this.state.setSignedIn(tenantId, false);
        this.events.tenantChanged(tenantId);
      },
    );
    const context: TenantContext = { baseUrl: tenant.backendUrl, client: new BackendClient({ ...clientOptions, tokens: session }), session };
    this.contexts.set(tenantId, context);
    return context;
  }

  private recordFailure(tenantId: string, error: unknown): void {
    if (!(error instanceof RpcError) || error.code === 'CANCELLED') return;
    try {
      this.state.recordError(tenantId, error.code, error.message);
      this.events.tenantChanged(tenantId);
    } catch {
      // the tenant may have been deleted meanwhile
    }
  }
}

/** Still this run's to send (a newer publish may have superseded or adopted it meanwhile). */
function isOpenIn(entry: OutboxEntry, runId: string): boolean {
  return entry.run_id === runId && (entry.state === 'pending' || entry.state === 'sending');
}

/** A pinned set and the public part it was pinned for (the entry's body). */
function releasedSet(owner: string, bodyJson: string | null): ReleasedSet {
  return setsOfRow({ draft_json: bodyJson ?? 'null', base_json: null, vault_owner: owner, base_vault_owner: null })[0]!;
}
