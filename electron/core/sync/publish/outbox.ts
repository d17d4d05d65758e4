import type Database from 'better-sqlite3';
import type { ValidationIssue } from '../../../../shared/schemas/settings-document';
import { OUTBOX_STATES, type PublishProgress, type PublishRun } from '../../../../shared/schemas/sync';
import { outboxStatements, type OutboxEntry, type OutboxOp, type OutboxState } from '../sync-store';

export type { OutboxEntry, OutboxOp, OutboxState } from '../sync-store';

export interface NewOutboxEntry {
  tenantId: string;
  documentId: string;
  kind: string;
  op: OutboxOp;
  remoteId: string | null;
  bodyJson: string | null;
  ifMatch: string | null;
  idempotencyKey: string;
  vaultOwner?: string | null;
}

export interface OutboxFailure {
  code: string;
  message: string;
  issues?: ValidationIssue[];
}

export interface OutboxDeps {
  db: Database.Database;
  clock: () => number;
}

/**
 * The durable outbox of publishes: one row per document write, written (with its idempotency
 * key) before the request goes out, moved to 'sending' before each try and to its final state
 * with the result. After a crash, 'sending' rows go back to 'pending' and are sent again with the
 * same key and the same If-Match.
 *
 * A creation that was sent (may_exist) is never superseded nor replaced by one under a new key:
 * the next publish of its document adopts it into its own run, body and key unchanged, so that
 * the backend answers the first result instead of creating a second document. An API
 * connection's entry pins the keychain set its secrets come from (vault_owner) while it is open
 * or may still be sent again.
 */
export class Outbox {
  private readonly stmt;

  private readonly db: Database.Database;
  private readonly clock: () => number;

  constructor(deps: OutboxDeps) {
    this.db = deps.db;
    this.clock = deps.clock;
    this.stmt = outboxStatements(deps.db);
  }

  /**
   * Creates a run with its entries, atomically. A document's entries still pending elsewhere are
   * superseded; `adopt` names earlier creations that may exist, moved into this run as they are.
   */
  createRun(runId: string, entries: NewOutboxEntry[], adopt: readonly number[] = []): void {
    const now = this.clock();
    this.db.transaction(() => {
      this.stmt.insertRun.run(runId, now);
      for (const id of adopt) this.stmt.adopt.run(runId, now, id);
      for (const entry of entries) {
        this.stmt.supersede.run(now, entry.documentId);
        this.stmt.insert.run({ runId, now, vaultOwner: null, ...entry });
      }
    })();
  }

  /**
   * What this installation sent for a document on top of `baseVersion` (the version its base
   * still has): bodies of writes that may have landed although no answer said so. A remote equal
   * to one of them is this installation's own write, not someone else's change.
   */
  sentOnto(documentId: string, baseVersion: string | null): { body: unknown; vaultOwner: string | null }[] {
    return this.stmt.sent.all(documentId, baseVersion).map((row) => ({ body: JSON.parse(row.body_json) as unknown, vaultOwner: row.vault_owner }));
  }

  /** The latest creation of a document that was sent and may have happened, unless it ended 'done'. */
  creationThatMayExist(documentId: string): OutboxEntry | undefined {
    return this.stmt.mayExist.get(documentId);
  }

  /** The runs in which the document's entry is being sent right now. */
  sendingRuns(documentId: string): string[] {
    return this.stmt.sendingIn.all(documentId).map((row) => row.run_id);
  }

  /** The runs in which each document's entry is being sent right now, for every document being sent (one read). */
  sendingRunsByDocument(): Map<string, string[]> {
    const byDocument = new Map<string, string[]>();
    for (const { document_id: documentId, run_id: runId } of this.stmt.sendingAll.all()) {
      const runs = byDocument.get(documentId);
      if (runs) runs.push(runId);
      else byDocument.set(documentId, [runId]);
    }
    return byDocument;
  }

  /** Keychain sets entries still need (see the class comment), by tenant. */
  pinnedOwners(): Array<{ tenant_id: string; owner: string }> {
    return this.stmt.pinned.all();
  }

  /** The keychain sets a run's entries pinned, with the public part each was pinned for. */
  runOwners(runId: string): Array<{ tenant_id: string; owner: string; body_json: string | null }> {
    return this.stmt.runOwners.all(runId);
  }

  isPinned(tenantId: string, owner: string): boolean {
    return this.stmt.isPinned.get(tenantId, owner) !== undefined;
  }

  openEntries(runId: string): OutboxEntry[] {
    return this.stmt.open.all(runId);
  }

  get(id: number): OutboxEntry | undefined {
    return this.stmt.get.get(id);
  }

  /**
   * The entry is about to be sent (one more attempt; a creation may exist from now on). False,
   * and nothing changed, when it is no longer its run's to send: a newer publish superseded it
   * (or adopted it) since it was read.
   */
  markSending(entry: Pick<OutboxEntry, 'id' | 'run_id'>): boolean {
    return this.stmt.sending.run(this.clock(), entry.id, entry.run_id).changes === 1;
  }

  /** A 412 moved the target: the merged draft, its new base version (and secret set), durably before resending. */
  retarget(id: number, bodyJson: string | null, ifMatch: string | null, vaultOwner: string | null = null): void {
    this.stmt.retarget.run(bodyJson, ifMatch, vaultOwner, this.clock(), id);
  }

  /**
   * The entry's end state. `settled`: the outcome is known for sure (done, or a refusal the
   * backend gave after looking at the idempotency key); otherwise a sent creation may still exist.
   */
  finish(
    id: number,
    state: Exclude<OutboxState, 'pending' | 'sending'>,
    result: { version?: string | null; failure?: OutboxFailure; settled?: boolean } = {},
  ): void {
    this.stmt.finish.run({
      id,
      state,
      settled: (result.settled ?? state === 'done') ? 1 : 0,
      version: result.version ?? null,
      code: result.failure?.code ?? null,
      message: result.failure?.message ?? null,
      issues: result.failure?.issues ? JSON.stringify(result.failure.issues) : null,
      now: this.clock(),
    });
  }

  /** Runs a crash left 'running', with their in-flight entries back to 'pending'. */
  unfinishedRuns(): string[] {
    const ids = this.stmt.runningRuns.all().map((row) => row.id);
    for (const id of ids) this.stmt.requeueSending.run(id);
    return ids;
  }

  finishRun(runId: string, state: 'finished' | 'cancelled'): void {
    const now = this.clock();
    this.db.transaction(() => {
      if (state === 'cancelled') this.stmt.cancelOpen.run(now, runId);
      this.stmt.finishRun.run(state, now, runId);
    })();
  }

  progress(runId: string): PublishProgress | null {
    const run = this.stmt.run.get(runId);
    if (!run) return null;
    const counts = Object.fromEntries(OUTBOX_STATES.map((state) => [state, 0])) as Record<OutboxState, number>;
    let total = 0;
    for (const row of this.stmt.counts.all(runId)) {
      counts[row.state] = row.n;
      total += row.n;
    }
    return { runId, state: run.state, total, counts };
  }

  runView(runId: string): PublishRun | null {
    const progress = this.progress(runId);
    if (!progress) return null;
    const results = this.stmt.results.all(runId).map((row) => ({
      tenantId: row.tenant_id,
      kind: row.kind as PublishRun['results'][number]['kind'],
      documentId: row.document_id,
      op: row.op,
      state: row.state,
      error:
        row.error_code && row.error_message
          ? {
              code: row.error_code,
              message: row.error_message,
              ...(row.error_issues_json ? { issues: JSON.parse(row.error_issues_json) as ValidationIssue[] } : {}),
            }
          : null,
    }));
    return { ...progress, results };
  }
}

/** The outbox at a glance, for diagnostics: entries and runs per state, and how old the oldest unsent entry is. No content. */
export function summarizeOutbox(db: Database.Database): { entries: Record<string, number>; runs: Record<string, number>; oldestOpenEntryAt: number | null } {
  const entries = Object.fromEntries(OUTBOX_STATES.map((state) => [state, 0])) as Record<string, number>;
  for (const row of db.prepare<[], { state: string; n: number }>('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state').all()) entries[row.state] = row.n;
  const runs: Record<string, number> = { running: 0, finished: 0, cancelled: 0 };
  for (const row of db.prepare<[], { state: string; n: number }>('SELECT state, COUNT(*) AS n FROM publish_runs GROUP BY state').all()) runs[row.state] = row.n;
  const oldest = db.prepare<[], { at: number | null }>("SELECT MIN(created_at) AS at FROM outbox WHERE state IN ('pending', 'sending')").get();
  return { entries, runs, oldestOpenEntryAt: oldest?.at ?? null };
}
