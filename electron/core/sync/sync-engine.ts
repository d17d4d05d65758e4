import type { ConflictChoice } from '../../../shared/logic/three-way-merge';
import type { SingletonKind } from '../../../shared/schemas/settings-document';
import type { DocumentConflicts, PublishProgress, PublishRun, SyncDocumentKind, SyncStatus, TenantPlan } from '../../../shared/schemas/sync';
import { isCollectionKind } from '../../../shared/document-kinds';
import type { PullProgress } from '../../../shared/schemas/bulk-pull';
import { BulkPull } from './pull/bulk-pull';
import type { CollectionResolver } from './pull/collection-resolve';
import type { DocumentSync } from './pull/document-sync';
import type { Outbox } from './publish/outbox';
import type { PublishRunner } from './publish/publish-runner';
import type { SessionRegistry } from './session/session-registry';
import type { SyncEngineDeps } from './sync-deps';
import { createSyncParts } from './sync-parts';
import type { SyncStateStore } from './sync-state';
import type { TenantLocks } from './tenant-lock';

export type { SyncEngineDeps, SyncEngineOptions } from './sync-deps';

/**
 * The app's side of sync, as the router and the core see it: sessions (session/), pull (pull/)
 * and publish (publish/) behind one small surface. Every document kind goes the same way: AI
 * Response and Idle Action (one per tenant), API connections (their secrets only ever on the wire
 * and in the keychain) and deal settings. A tenant's pull and its documents' publishes take turns
 * (TenantLocks), so that a pull never merges an older state over a write's new base.
 */
export class SyncEngine {
  readonly state: SyncStateStore;
  private readonly sessions: SessionRegistry;
  private readonly documents: DocumentSync;
  private readonly outbox: Outbox;
  private readonly resolver: CollectionResolver;
  private readonly runner: PublishRunner;
  private readonly locks: TenantLocks;
  private readonly pullUnlocked: (tenantId: string, signal?: AbortSignal) => Promise<number>;
  private readonly bulkPull: BulkPull;
  private closed = false;

  constructor(private readonly deps: SyncEngineDeps) {
    const parts = createSyncParts(deps);
    ({ state: this.state, sessions: this.sessions, documents: this.documents, outbox: this.outbox, resolver: this.resolver, runner: this.runner, locks: this.locks, pull: this.pullUnlocked } = parts);
    // "The system keychain cannot be used" stays only while it is true: once the keychain works, it is forgotten.
    deps.vaultHousekeeping.onKeychainWorks(() => this.state.clearErrorsOfCode('VAULT_UNAVAILABLE'));
    this.bulkPull = new BulkPull({
      pull: (tenantId, signal) => this.pull(tenantId, signal),
      paceEstimateMs: (entries) => this.sessions.paceEstimateMs(entries),
      emit: (progress) => deps.events.emit('sync.pullProgress', progress),
    });
  }

  // ---- sessions ----------------------------------------------------------------------------

  async signIn(tenantId: string, username: string, password: string, client?: { clientId: string; clientSecret: string }): Promise<SyncStatus> {
    await this.sessions.signIn(tenantId, username, password, client);
    return this.status(tenantId);
  }

  /** A Qontak-kind tenant's sign-in with Mekari's HMAC credentials (checked by a signed request first). */
  async signInHmac(tenantId: string, clientId: string, clientSecret: string): Promise<SyncStatus> {
    await this.sessions.signInHmac(tenantId, { clientId, clientSecret });
    return this.status(tenantId);
  }

  /** Time the given requests per tenant take at their credentials' pace (Qontak: per credential). */
  paceEstimateMs(entries: ReadonlyArray<{ tenantId: string; requests: number }>): Promise<number> {
    return this.sessions.paceEstimateMs(entries);
  }

  /** Before a tenant moves to another backend URL or kind (session/session-registry.ts). */
  leaveBackend(tenantId: string, options: { signOut: boolean }): Promise<void> {
    this.deps.tenants.require(tenantId);
    return this.sessions.leaveBackend(tenantId, options);
  }

  async signOut(tenantId: string): Promise<SyncStatus> {
    this.deps.tenants.require(tenantId);
    await this.sessions.signOut(tenantId);
    return this.status(tenantId);
  }

  status(tenantId: string): SyncStatus {
    this.deps.tenants.require(tenantId);
    return this.state.status(tenantId);
  }

  /** Starts the periodic health check; `stop` ends it. */
  startHealthChecks(): void {
    if (!this.closed) this.sessions.startHealthChecks();
  }

  // ---- pull and conflicts ------------------------------------------------------------------

  async pull(tenantId: string, signal?: AbortSignal): Promise<{ status: SyncStatus; merged: number; conflicts: DocumentConflicts[] }> {
    const merged = await this.locks.run(tenantId, () => this.pullUnlocked(tenantId, signal));
    return { status: this.status(tenantId), merged, conflicts: this.conflicts(tenantId) };
  }

  /** Pulls many tenants in the background; 'sync.pullProgress' events follow it, with the time left at the tenants' pace. */
  pullMany(tenantIds: readonly string[]): PullProgress {
    for (const tenantId of tenantIds) this.deps.tenants.require(tenantId);
    return this.bulkPull.start(tenantIds);
  }

  conflicts(tenantId: string): DocumentConflicts[] {
    return this.documents.tenantConflicts(tenantId).map((entry) => ({ tenantId, ...entry, kind: entry.kind as DocumentConflicts['kind'] }));
  }

  /** The user's choices on a document's conflicts; `id` names the document of a collection kind. */
  async resolveConflict(tenantId: string, kind: SyncDocumentKind, choices: Record<string, ConflictChoice>, id?: string): Promise<DocumentConflicts[]> {
    this.deps.tenants.require(tenantId);
    if (isCollectionKind(kind)) await this.locks.run(tenantId, () => this.resolver.resolve(tenantId, kind, id, choices));
    else this.deps.db.transaction(() => this.documents.resolve(tenantId, kind as SingletonKind, choices))();
    this.deps.events.tenantChanged(tenantId);
    return this.conflicts(tenantId);
  }

  // ---- publish -----------------------------------------------------------------------------

  plan = (tenantIds: readonly string[]): TenantPlan[] => this.runner.plan(tenantIds);
  /** Tenants whose backend offers no settings writes are left out: they publish by change sheet (changeSheet.get). */
  publish = (tenantIds: readonly string[], options: { wholeTenants?: boolean } = {}): PublishProgress =>
    this.runner.publish(
      tenantIds.filter((tenantId) => this.state.capabilities(tenantId)?.publishing !== 'change_sheet'),
      options,
    );
  /** Starts again the runs a crash (or a quit) left unfinished; returns their ids. */
  resumeUnfinished = (): string[] => this.runner.resumeUnfinished();
  cancel = (runId?: string): Promise<PublishProgress[]> => this.runner.cancel(runId);
  run = (runId: string): PublishRun => this.runner.run(runId);
  waitForRun = (runId: string): Promise<PublishRun> => this.runner.waitForRun(runId);
  whenRunsIdle = (): Promise<void> => this.runner.whenIdle();

  /** Keychain sets that outbox entries still need (the orphan sweep keeps them; see Outbox). */
  pinnedOwners(): Array<{ tenant_id: string; owner: string }> {
    return this.outbox.pinnedOwners();
  }

  isPinned(tenantId: string, owner: string): boolean {
    return this.outbox.isPinned(tenantId, owner);
  }

  /** Nothing is going on: no publish run, no health check in flight. */
  isIdle(): boolean {
    return !this.runner.isRunning() && !this.sessions.isCheckingHealth();
  }

  /**
   * Stops the health check, then every run (entries in flight stay 'sending' and are resent at the
   * next start). Both stop taking work at once, within this call; it resolves when they are over.
   */
  async stop(): Promise<void> {
    this.closed = true;
    const health = this.sessions.stopHealthChecks();
    const runs = this.runner.stop();
    const pulls = this.bulkPull.close();
    await health;
    await runs;
    await pulls;
  }
}
