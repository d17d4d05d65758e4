import type Database from 'better-sqlite3';
import type { ValidationIssue } from '../../../shared/schemas/settings-document';
import type { PublishProgress, PublishRun } from '../../../shared/schemas/sync';
import { OUTBOX_STATES } from '../../../shared/schemas/sync';

export type OutboxState = (typeof OUTBOX_STATES)[number];
export type OutboxOp = 'create' | 'update' | 'delete';

export interface OutboxEntry {
  id: number;
  run_id: string;
  tenant_id: string;
  document_id: string;
  kind: string;
  op: OutboxOp;
  remote_id: string | null;
  body_json: string | null;
  if_match: string | null;
  idempotency_key: string;
  state: OutboxState;
  attempts: number;
}

export interface NewOutboxEntry {
  tenantId: string;
  documentId: string;
  kind: string;
  op: OutboxOp;
  remoteId: string | null;
  bodyJson: string | null;
  ifMatch: string | null;
  idempotencyKey: string;
}

export interface OutboxFailure {
  code: string;
  message: string;
  issues?: ValidationIssue[];
}

/**
 * The durable outbox of publishes: one row per document write, written (with its idempotency
 * key) before the request goes out, moved to 'sending' before each try and to its final state
 * with the result. After a crash, 'sending' rows go back to 'pending' and are sent again with the
 * same key and the same If-Match.
 */
export class Outbox {
  private readonly stmt;

  constructor(
    private readonly db: Database.Database,
    private readonly clock: () => number,
  ) {
    this.stmt = {
      insertRun: db.prepare<[string, number]>("INSERT INTO publish_runs (id, state, created_at) VALUES (?, 'running', ?)"),
      insert: db.prepare(`INSERT INTO outbox (run_id, tenant_id, document_id, kind, op, remote_id, body_json, if_match, idempotency_key, state, created_at, updated_at)
        VALUES (@runId, @tenantId, @documentId, @kind, @op, @remoteId, @bodyJson, @ifMatch, @idempotencyKey, 'pending', @now, @now)`),
      supersede: db.prepare<[number, string]>(
        "UPDATE outbox SET state = 'cancelled', error_code = 'CANCELLED', error_message = 'Replaced by a newer publish of the same document.', updated_at = ? WHERE document_id = ? AND state = 'pending'",
      ),
      open: db.prepare<[string], OutboxEntry>("SELECT * FROM outbox WHERE run_id = ? AND state IN ('pending', 'sending') ORDER BY id"),
      get: db.prepare<[number], OutboxEntry>('SELECT * FROM outbox WHERE id = ?'),
      sending: db.prepare<[number, number]>("UPDATE outbox SET state = 'sending', attempts = attempts + 1, updated_at = ? WHERE id = ?"),
      retarget: db.prepare<[string | null, string | null, number, number]>("UPDATE outbox SET body_json = ?, if_match = ?, updated_at = ? WHERE id = ?"),
      finish: db.prepare(`UPDATE outbox SET state = @state, result_version = @version, error_code = @code, error_message = @message,
        error_issues_json = @issues, updated_at = @now WHERE id = @id`),
      runningRuns: db.prepare<[], { id: string }>("SELECT id FROM publish_runs WHERE state = 'running' ORDER BY created_at"),
      run: db.prepare<[string], { id: string; state: PublishProgress['state'] }>('SELECT id, state FROM publish_runs WHERE id = ?'),
      finishRun: db.prepare<[string, number, string]>('UPDATE publish_runs SET state = ?, finished_at = ? WHERE id = ?'),
      counts: db.prepare<[string], { state: OutboxState; n: number }>('SELECT state, COUNT(*) AS n FROM outbox WHERE run_id = ? GROUP BY state'),
      results: db.prepare<[string], { tenant_id: string; kind: string; document_id: string; op: OutboxOp; state: OutboxState; error_code: string | null; error_message: string | null; error_issues_json: string | null }>(
        'SELECT tenant_id, kind, document_id, op, state, error_code, error_message, error_issues_json FROM outbox WHERE run_id = ? ORDER BY id',
      ),
      requeueSending: db.prepare<[string]>("UPDATE outbox SET state = 'pending' WHERE run_id = ? AND state = 'sending'"),
      cancelOpen: db.prepare<[number, string]>(
        "UPDATE outbox SET state = 'cancelled', error_code = 'CANCELLED', error_message = 'Publishing was cancelled.', updated_at = ? WHERE run_id = ? AND state IN ('pending', 'sending')",
      ),
    };
  }

  /** Creates a run with its entries, atomically. A document's entries still pending elsewhere are superseded. */
  createRun(runId: string, entries: NewOutboxEntry[]): void {
    const now = this.clock();
    this.db.transaction(() => {
      this.stmt.insertRun.run(runId, now);
      for (const entry of entries) {
        this.stmt.supersede.run(now, entry.documentId);
        this.stmt.insert.run({ runId, now, ...entry });
      }
    })();
  }

  openEntries(runId: string): OutboxEntry[] {
    return this.stmt.open.all(runId);
  }

  get(id: number): OutboxEntry | undefined {
    return this.stmt.get.get(id);
  }

  markSending(id: number): void {
    this.stmt.sending.run(this.clock(), id);
  }

  /** A 412 moved the target: the merged draft and its new base version, durably before resending. */
  retarget(id: number, bodyJson: string | null, ifMatch: string | null): void {
    this.stmt.retarget.run(bodyJson, ifMatch, this.clock(), id);
  }

  finish(id: number, state: Exclude<OutboxState, 'pending' | 'sending'>, result: { version?: string | null; failure?: OutboxFailure } = {}): void {
    this.stmt.finish.run({
      id,
      state,
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
