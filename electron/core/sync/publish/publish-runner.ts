import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { hasSecretSections } from '../../../../shared/document-kinds';
import { RpcError } from '../../../../shared/rpc/rpc-error';
import type { PublishProgress, PublishRun, TenantPlan } from '../../../../shared/schemas/sync';
import type { Clock } from '../../clock';
import type { EventBus } from '../../events/event-bus';
import type { MetaService } from '../../meta/meta-service';
import type { TenantService } from '../../tenants/tenant-service';
import type { SerialQueue } from '../../vault/serial-queue';
import { BackendError, isBackendError } from '../backend-error';
import type { DocumentSync } from '../pull/document-sync';
import type { NewOutboxEntry, Outbox } from './outbox';
import type { PublishPlanner } from './publish-plan';
import { setsOfRow, type ReleasedSet, type SecretSets } from '../secret-sets';
import type { BackendApi } from '../session/backend-client-factory';
import type { SessionRegistry } from '../session/session-registry';
import type { SyncStateStore } from '../sync-state';
import type { OutboxEntry } from '../sync-store';
import type { TenantLocks } from '../tenant-lock';
import type { DocumentPublisher } from './document-publisher';

export interface PublishRunnerDeps {
  db: Database.Database;
  events: EventBus;
  clock: Clock;
  meta: Pick<MetaService, 'installationId' | 'nextMutationId'>;
  tenants: Pick<TenantService, 'get' | 'require'>;
  state: Pick<SyncStateStore, 'isSignedIn'>;
  sessions: Pick<SessionRegistry, 'session' | 'recordFailure'>;
  outbox: Outbox;
  planner: PublishPlanner;
  sets: SecretSets;
  documents: Pick<DocumentSync, 'conflictsOf' | 'revision'>;
  /** How each kind's entries are sent (by the document's kind). */
  publisherOf(kind: string): DocumentPublisher;
  /** An unlocked pull of one tenant (the runner holds the tenant's lock while it publishes). */
  pull(tenantId: string, signal: AbortSignal): Promise<number>;
  locks: TenantLocks;
  /** The core's keychain queue. */
  vaultQueue: SerialQueue;
  /** Tenants published side by side (a tenant's documents go one after another); default 8. */
  concurrency?: number;
  onUnexpectedError?: (where: string, error: unknown) => void;
}

interface ActiveRun {
  controller: AbortController;
  done: Promise<void>;
}

/** Rounds of 412 → pull → merge → resend per document before it is left for the user. */
const MAX_PUBLISH_ROUNDS = 3;
const PROGRESS_INTERVAL_MS = 100;
const KEPT_CHANGING = 'The document kept changing on the backend while publishing: pull and publish again.';

/**
 * Publishing: plans, then runs through the durable outbox (outbox.ts) — a pool of workers, one
 * tenant each, a tenant's documents one after another; per document up to MAX_PUBLISH_ROUNDS of
 * send → 412 → pull → merge → resend; cancel, progress events, and runs resumed after a crash.
 * Every document kind goes the same way; what differs per kind is its DocumentPublisher.
 */
export class PublishRunner {
  private readonly runs = new Map<string, ActiveRun>();
  private closed = false;

  constructor(private readonly deps: PublishRunnerDeps) {}

  plan(tenantIds: readonly string[]): TenantPlan[] {
    return tenantIds.map((tenantId) => {
      const tenant = this.deps.tenants.get(tenantId);
      const entries = this.deps.planner.entries(tenantId).map(({ row: _row, ...entry }) => entry);
      return { tenantId, name: tenant.name, signedIn: this.deps.state.isSignedIn(tenantId), entries };
    });
  }

  /**
   * Plans, writes the run's outbox entries (with their idempotency keys, and for kinds with secret
   * sections the keychain set to send), and starts sending. A document being sent right now is left to
   * that run; a creation an earlier run sent without a final answer is adopted, key and body
   * unchanged (see Outbox). With `wholeTenants` (bulk publish), a tenant with any invalid or
   * conflicting document sends nothing: never half-published; its plan says why.
   */
  publish(tenantIds: readonly string[], options: { wholeTenants?: boolean } = {}): PublishProgress {
    const { outbox, meta } = this.deps;
    const runId = randomUUID();
    const entries: NewOutboxEntry[] = [];
    const adopt: number[] = [];
    this.deps.db.transaction(() => {
      // Read once for the whole run: only entries of runs active here are left to them (none when no run is).
      const sending = this.runs.size === 0 ? new Map<string, string[]>() : outbox.sendingRunsByDocument();
      for (const tenantId of tenantIds) {
        this.deps.tenants.require(tenantId);
        const planned = this.deps.planner.entries(tenantId);
        if (options.wholeTenants && planned.some((entry) => entry.status !== 'ready')) continue;
        for (const entry of planned) {
          if (entry.status !== 'ready') continue;
          if (sending.get(entry.documentId)?.some((id) => this.runs.has(id))) continue;
          if (entry.op === 'create') {
            const earlier = outbox.creationThatMayExist(entry.documentId);
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
            idempotencyKey: `${meta.installationId}:${meta.nextMutationId()}`,
            vaultOwner: hasSecretSections(entry.kind) ? entry.row.vault_owner : null,
          });
        }
      }
      outbox.createRun(runId, entries, adopt);
    })();
    this.startRun(runId);
    return outbox.progress(runId)!;
  }

  /** Starts again the runs a crash (or a quit) left unfinished; returns their ids. */
  resumeUnfinished(): string[] {
    const ids = this.deps.outbox.unfinishedRuns().filter((id) => !this.runs.has(id));
    for (const id of ids) this.startRun(id);
    return ids;
  }

  /** Cancels one run, or every running one. */
  async cancel(runId?: string): Promise<PublishProgress[]> {
    const ids = runId ? [runId] : [...this.runs.keys()];
    for (const id of ids) this.runs.get(id)?.controller.abort();
    await Promise.all(ids.map((id) => this.runs.get(id)?.done ?? Promise.resolve()));
    return ids.map((id) => this.deps.outbox.progress(id)).filter((p): p is PublishProgress => p !== null);
  }

  run(runId: string): PublishRun {
    const view = this.deps.outbox.runView(runId);
    if (!view) throw new RpcError('NOT_FOUND', `There is no publish run ${runId}.`);
    return view;
  }

  /** Resolves when the run has finished (or was cancelled). */
  async waitForRun(runId: string): Promise<PublishRun> {
    await this.runs.get(runId)?.done;
    return this.run(runId);
  }

  /** Resolves when no run is going (those resumed at start included). */
  async whenIdle(): Promise<void> {
    while (this.runs.size > 0) await Promise.all([...this.runs.values()].map((run) => run.done));
  }

  /** A run is going on. */
  isRunning(): boolean {
    return this.runs.size > 0;
  }

  /** Stops every run at once: entries in flight stay 'sending' and are resent at the next start. */
  async stop(): Promise<void> {
    this.closed = true;
    const active = [...this.runs.values()];
    for (const run of active) run.controller.abort();
    await Promise.all(active.map((run) => run.done));
  }

  private startRun(runId: string): void {
    const controller = new AbortController();
    const done = this.executeRun(runId, controller.signal)
      .catch((error: unknown) => {
        if (!this.closed) this.deps.onUnexpectedError?.('sync.publish', error);
      })
      .finally(() => this.runs.delete(runId));
    this.runs.set(runId, { controller, done });
  }

  private async executeRun(runId: string, signal: AbortSignal): Promise<void> {
    const byTenant = new Map<string, OutboxEntry[]>();
    for (const entry of this.deps.outbox.openEntries(runId)) {
      const list = byTenant.get(entry.tenant_id) ?? [];
      list.push(entry);
      byTenant.set(entry.tenant_id, list);
    }
    const queue = [...byTenant.values()];
    const progress = this.progressEmitter(runId);
    const worker = async () => {
      for (let entries = queue.shift(); entries && !signal.aborted; entries = queue.shift()) {
        // This tenant's secrets, and the next one's, are read while other requests are in flight.
        this.prepare(entries);
        if (queue[0]) this.prepare(queue[0]);
        try {
          await this.deps.locks.run(entries[0]!.tenant_id, () => this.publishTenant(runId, entries, signal, progress));
        } finally {
          this.forEachPublisher(entries, (publisher, own) => publisher.release?.(own));
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.max(1, Math.min(this.deps.concurrency ?? 8, queue.length)) }, worker));
    } finally {
      // A cancel or a quit leaves tenants read ahead and never sent: their values go too.
      for (const entries of byTenant.values()) this.forEachPublisher(entries, (publisher, own) => publisher.release?.(own));
    }
    if (this.closed && signal.aborted) return; // a quit, not a cancel: resumed at the next start
    this.deps.outbox.finishRun(runId, signal.aborted ? 'cancelled' : 'finished');
    progress(true);
    await this.releasePins(runId);
  }

  private prepare(entries: readonly OutboxEntry[]): void {
    this.forEachPublisher(entries, (publisher, own) => publisher.prepare?.(own));
  }

  /** Calls `use` once per document publisher with the entries it sends. */
  private forEachPublisher(entries: readonly OutboxEntry[], use: (publisher: DocumentPublisher, own: OutboxEntry[]) => void): void {
    const byPublisher = new Map<DocumentPublisher, OutboxEntry[]>();
    for (const entry of entries) {
      const publisher = this.deps.publisherOf(entry.kind);
      byPublisher.set(publisher, [...(byPublisher.get(publisher) ?? []), entry]);
    }
    for (const [publisher, own] of byPublisher) use(publisher, own);
  }

  /** Sets the run's entries pinned and no longer need (nor does any row): removed. */
  private async releasePins(runId: string): Promise<void> {
    const { outbox, sets } = this.deps;
    const pinned = outbox.runOwners(runId);
    if (pinned.length === 0) return;
    await this.deps.vaultQueue.run(async () => {
      for (const entry of pinned) {
        if (!outbox.isPinned(entry.tenant_id, entry.owner)) await sets.releaseUnused(entry.tenant_id, [releasedSet(entry.owner, entry.body_json)]);
      }
    });
  }

  /** A tenant's entries in order, through one session. Unreachable or signed out: the rest fail the same way at once. */
  private async publishTenant(runId: string, entries: OutboxEntry[], signal: AbortSignal, progress: (final?: boolean) => void): Promise<void> {
    let stop: RpcError | null = null;
    let client: BackendApi | null = null;
    try {
      client = this.deps.sessions.session(entries[0]!.tenant_id).client;
    } catch (error) {
      stop = error instanceof RpcError ? error : new RpcError('INTERNAL', 'Publishing failed inside the app.'); // no backend URL any more
    }
    for (const entry of entries) {
      if (signal.aborted) return;
      if (stop) {
        this.deps.outbox.finish(entry.id, 'failed', { failure: { code: stop.code, message: stop.message } });
      } else {
        const error = await this.publishEntry(runId, entry, client!, signal); // set unless stop is
        if (error && (error.kind === 'unreachable' || error.kind === 'signed_out')) stop = error;
      }
      progress();
    }
    this.deps.events.tenantChanged(entries[0]!.tenant_id);
  }

  /** Sends one entry to its end state; returns the error it failed with, if any. */
  private async publishEntry(runId: string, entry: OutboxEntry, client: BackendApi, signal: AbortSignal): Promise<BackendError | null> {
    const { outbox } = this.deps;
    const publisher = this.deps.publisherOf(entry.kind);
    for (let round = 0; round < MAX_PUBLISH_ROUNDS; round++) {
      let current = outbox.get(entry.id)!;
      if (!isOpenIn(current, runId)) return null; // superseded by a newer publish, or adopted by one
      if (publisher.needsPullFirst(current)) {
        const outcome = await this.pullAndRetarget(publisher, current, signal);
        if (outcome !== 'resend') return outcome;
        current = outbox.get(entry.id)!;
      }
      try {
        if ((await publisher.send(current, client, signal)) === 'done') return null;
      } catch (error) {
        if (signal.aborted || isBackendError(error, 'cancelled')) return null; // the run's cancel settles it
        return this.fail(current, error);
      }
      const outcome = await this.pullAndRetarget(publisher, current, signal);
      if (outcome !== 'resend') return outcome;
    }
    outbox.finish(entry.id, 'conflict', { failure: { code: 'CONFLICT', message: KEPT_CHANGING } });
    return null;
  }

  /** After a 412 (or with no base, or a 404 on a replace): pull, then send what the merge left, or stop (done / conflict / cancelled / failed). */
  private async pullAndRetarget(publisher: DocumentPublisher, entry: OutboxEntry, signal: AbortSignal): Promise<'resend' | BackendError | null> {
    const { outbox, documents, db } = this.deps;
    try {
      await this.deps.pull(entry.tenant_id, signal);
    } catch (error) {
      if (signal.aborted || isBackendError(error, 'cancelled')) return null;
      return this.fail(entry, error);
    }
    const row = publisher.current(entry);
    if (!row || row.dirty === 0) {
      // The backend has the draft already (a write whose answer was lost, or the same change made there).
      db.transaction(() => {
        if (row?.base_json) documents.revision(row.id, 'publish', row.base_json, this.deps.clock());
        outbox.finish(entry.id, 'done', { version: row?.base_version ?? null });
      })();
      return null;
    }
    if (documents.conflictsOf(row.id).length > 0) {
      outbox.finish(entry.id, 'conflict', { failure: { code: 'CONFLICT', message: publisher.conflictMessage } });
      return null;
    }
    if (row.base_json === null || (row.deleted === 1) !== (entry.op === 'delete')) {
      outbox.finish(entry.id, 'cancelled', { failure: { code: 'CANCELLED', message: 'It changed meanwhile: publish again.' } });
      return null;
    }
    const vaultOwner = hasSecretSections(entry.kind) && row.deleted === 0 ? row.vault_owner : null;
    outbox.retarget(entry.id, row.deleted === 1 ? null : row.draft_json, row.base_version, vaultOwner);
    if (entry.vault_owner !== null && entry.vault_owner !== vaultOwner) {
      const old = releasedSet(entry.vault_owner, entry.body_json);
      await this.deps.vaultQueue.run(() => this.deps.sets.releaseUnused(entry.tenant_id, outbox.isPinned(entry.tenant_id, entry.vault_owner!) ? [] : [old]));
    }
    return 'resend';
  }

  private fail(entry: OutboxEntry, error: unknown): BackendError | null {
    const backend = error instanceof BackendError ? error : null;
    if (!(error instanceof RpcError)) this.deps.onUnexpectedError?.('sync.publish', error);
    const code = error instanceof RpcError ? error.code : 'INTERNAL';
    const message = error instanceof RpcError ? error.message : 'Publishing this document failed inside the app.';
    // The backend looked at the creation (after its idempotency key) and refused it: it does not exist there.
    const settled = entry.op !== 'create' || (backend !== null && (backend.wireCode === 'validation_failed' || backend.wireCode === 'conflict'));
    this.deps.outbox.finish(entry.id, 'failed', { settled, failure: { code, message, ...(error instanceof RpcError && error.issues ? { issues: error.issues } : {}) } });
    this.deps.sessions.recordFailure(entry.tenant_id, error);
    return backend;
  }

  private progressEmitter(runId: string): (final?: boolean) => void {
    let last = 0;
    return (final = false) => {
      const now = Date.now();
      if (!final && now - last < PROGRESS_INTERVAL_MS) return;
      last = now;
      const progress = this.deps.outbox.progress(runId);
      if (progress) this.deps.events.emit('sync.progress', progress);
    };
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
