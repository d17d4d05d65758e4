import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { toPointer } from '../../../shared/logic/json-path';
import { changedPaths } from '../../../shared/logic/three-way-merge';
import { RpcError } from '../../../shared/rpc/rpc-error';
import { SINGLETON_DEFINITIONS, SINGLETON_KINDS, type SingletonKind } from '../../../shared/schemas/settings-document';
import type { DocumentConflicts, PlanEntry, PublishProgress, PublishRun, SyncStatus, TenantPlan } from '../../../shared/schemas/sync';
import type { Clock } from '../clock';
import type { CoreServices } from '../core-services';
import type { EventBus } from '../events/event-bus';
import { SerialQueue } from '../vault/serial-queue';
import type { Vault } from '../vault/vault';
import { BackendClient, type BackendClientOptions } from './backend-client';
import { BackendError, isBackendError } from './backend-error';
import { DocumentSync } from './document-sync';
import { Outbox, type NewOutboxEntry, type OutboxEntry } from './outbox';
import { fetchRemoteSnapshot, SINGLETON_ROUTES } from './remote-snapshot';
import type { RetryPolicy } from './retry-policy';
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
}

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
 * settings as the base, three-way merge into drafts, conflicts kept), publish plans, and
 * publishing through the durable outbox with bounded concurrency, resumable after a crash.
 */
export class SyncEngine {
  readonly state: SyncStateStore;
  private readonly documents: DocumentSync;
  private readonly outbox: Outbox;
  private readonly contexts = new Map<string, TenantContext>();
  private readonly locks = new TenantLocks();
  private readonly runs = new Map<string, ActiveRun>();
  private closed = false;
  private readonly vaultQueue: SerialQueue;

  constructor(
    private readonly db: Database.Database,
    private readonly services: Pick<CoreServices, 'meta' | 'tenants' | 'documents' | 'catalog'>,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly vault: Vault,
    private readonly options: SyncEngineOptions = {},
  ) {
    this.state = new SyncStateStore(db, clock);
    this.documents = new DocumentSync(db, clock);
    this.outbox = new Outbox(db, clock);
    this.vaultQueue = options.vaultQueue ?? new SerialQueue();
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
    return this.status(tenantId);
  }

  async signOut(tenantId: string): Promise<SyncStatus> {
    this.services.tenants.require(tenantId);
    await this.context(tenantId).session.clear();
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

  resolveConflict(tenantId: string, kind: string, choices: Record<string, 'mine' | 'theirs'>): DocumentConflicts[] {
    this.services.tenants.require(tenantId);
    if (!(SINGLETON_KINDS as readonly string[]).includes(kind)) throw new RpcError('NOT_FOUND', `There are no conflicts of ${kind} documents to resolve.`);
    this.db.transaction(() => this.documents.resolve(tenantId, kind as SingletonKind, choices))();
    this.events.tenantChanged(tenantId);
    return this.conflicts(tenantId);
  }

  /** Reads everything first; writes all of it in one transaction, or nothing. Returns how many drafts took remote changes. */
  private async pullLocked(tenantId: string, signal?: AbortSignal): Promise<number> {
    const context = this.context(tenantId);
    let snapshot;
    try {
      snapshot = await fetchRemoteSnapshot(context.client, signal);
    } catch (error) {
      this.recordFailure(tenantId, error);
      throw error;
    }
    let merged = 0;
    this.db.transaction(() => {
      this.services.catalog.replace(tenantId, snapshot.catalog);
      this.db
        .prepare('INSERT INTO catalog_raw (tenant_id, name, data_json, fetched_at) VALUES (?, ?, ?, ?) ON CONFLICT (tenant_id, name) DO UPDATE SET data_json = excluded.data_json, fetched_at = excluded.fetched_at')
        .run(tenantId, 'crm', JSON.stringify(snapshot.crm), this.clock());
      for (const kind of SINGLETON_KINDS) if (this.documents.applyRemote(tenantId, kind, snapshot.singletons[kind]).draftChanged) merged++;
      this.state.recordSuccess(tenantId);
    })();
    this.events.tenantChanged(tenantId);
    return merged;
  }

  // ---- plan and publish ------------------------------------------------------------------

  plan(tenantIds: readonly string[]): TenantPlan[] {
    return tenantIds.map((tenantId) => {
      const tenant = this.services.tenants.get(tenantId);
      const entries: PlanEntry[] = [];
      for (const kind of SINGLETON_KINDS) {
        const row = this.documents.row(tenantId, kind);
        if (!row || row.dirty === 0) continue;
        const draft = JSON.parse(row.draft_json) as unknown;
        const base = row.base_json === null ? SINGLETON_DEFINITIONS[kind].defaults : (JSON.parse(row.base_json) as unknown);
        const conflicts = this.documents.conflictsOf(row.id);
        const issues = this.services.documents.get(tenantId, kind).issues;
        entries.push({
          kind,
          documentId: row.id,
          op: 'update',
          fields: changedPaths(base, draft).map(toPointer),
          status: conflicts.length > 0 ? 'conflict' : issues.length > 0 ? 'invalid' : 'ready',
          issues,
        });
      }
      return { tenantId, name: tenant.name, signedIn: this.state.isSignedIn(tenantId), entries };
    });
  }

  /** Plans, writes the run's outbox entries (with their idempotency keys), and starts sending. */
  publish(tenantIds: readonly string[]): PublishProgress {
    const runId = randomUUID();
    const entries: NewOutboxEntry[] = [];
    for (const plan of this.plan(tenantIds)) {
      for (const entry of plan.entries) {
        if (entry.status !== 'ready') continue;
        const row = this.documents.row(plan.tenantId, entry.kind as SingletonKind)!;
        entries.push({
          tenantId: plan.tenantId,
          documentId: row.id,
          kind: entry.kind,
          op: entry.op,
          remoteId: null,
          bodyJson: row.draft_json,
          ifMatch: row.base_version,
          idempotencyKey: `${this.services.meta.installationId}:${this.services.meta.nextMutationId()}`,
        });
      }
    }
    this.outbox.createRun(runId, entries);
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

  /** Stops every run at once (entries in flight stay 'sending' and are resent at the next start). */
  stop(): Promise<void> {
    this.closed = true;
    const active = [...this.runs.values()];
    for (const run of active) run.controller.abort();
    return Promise.all(active.map((run) => run.done)).then(() => undefined);
  }

  private startRun(runId: string): void {
    const controller = new AbortController();
    const done = this.executeRun(runId, controller.signal)
      .catch((error: unknown) => this.options.onUnexpectedError?.('sync.publish', error))
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
        await this.locks.run(entries[0]!.tenant_id, () => this.publishTenant(entries, signal, progress));
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(this.options.concurrency ?? 8, queue.length)) }, worker));
    if (this.closed && signal.aborted) return; // a quit, not a cancel: resumed at the next start
    this.outbox.finishRun(runId, signal.aborted ? 'cancelled' : 'finished');
    progress(true);
  }

  /** A tenant's entries in order. Unreachable or signed out: the rest fail the same way at once. */
  private async publishTenant(entries: OutboxEntry[], signal: AbortSignal, progress: (final?: boolean) => void): Promise<void> {
    let stop: BackendError | null = null;
    for (const entry of entries) {
      if (signal.aborted) return;
      if (stop) {
        this.outbox.finish(entry.id, 'failed', { failure: { code: stop.code, message: stop.message } });
      } else {
        const error = await this.publishEntry(entry, signal);
        if (error && (error.kind === 'unreachable' || error.kind === 'signed_out')) stop = error;
      }
      progress();
    }
    this.events.tenantChanged(entries[0]!.tenant_id);
  }

  /** Sends one entry to its end state; returns the error it failed with, if any. */
  private async publishEntry(entry: OutboxEntry, signal: AbortSignal): Promise<BackendError | null> {
    const kind = entry.kind as SingletonKind;
    const context = this.context(entry.tenant_id);
    for (let round = 0; round < MAX_PUBLISH_ROUNDS; round++) {
      let current = this.outbox.get(entry.id)!;
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
      this.outbox.finish(entry.id, 'done', { version: row?.base_version ?? null });
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
    if (!backend) this.options.onUnexpectedError?.('sync.publish', error);
    const code = error instanceof RpcError ? error.code : 'INTERNAL';
    const message = error instanceof RpcError ? error.message : 'Publishing this document failed inside the app.';
    this.outbox.finish(entry.id, 'failed', { failure: { code, message, ...(error instanceof RpcError && error.issues ? { issues: error.issues } : {}) } });
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

  private context(tenantId: string): TenantContext {
    const tenant = this.services.tenants.get(tenantId);
    if (!tenant.backendUrl) {
      throw new RpcError('INVALID_INPUT', 'Set the tenant’s backend URL first.', [{ path: ['backendUrl'], message: 'sync.backendUrl.required' }]);
    }
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
