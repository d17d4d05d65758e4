import type Database from 'better-sqlite3';
import { HISTORY_LIMITS, publishLogInputSchema, type PublishLogEntry } from '../../../shared/schemas/history';
import { toIso } from '../clock';
import { parseOrThrow } from '../validation/invalid-input';

interface OutboxRow {
  run_id: string;
  kind: PublishLogEntry['kind'];
  document_id: string;
  op: PublishLogEntry['op'];
  state: PublishLogEntry['state'];
  body_json: string | null;
  result_version: string | null;
  error_code: string | null;
  error_message: string | null;
  attempts: number;
  created_at: number;
  updated_at: number;
}

export interface PublishLogDeps {
  db: Database.Database;
  requireTenant: (tenantId: string) => void;
}

/**
 * A tenant's publish log, read from sync's durable outbox (migration 005): every document write
 * sent (or to send), what was sent, the backend's answer (version or error) and when. Newest first.
 */
export class PublishLog {
  private readonly stmt;

  private readonly requireTenant: (tenantId: string) => void;

  constructor(deps: PublishLogDeps) {
    this.requireTenant = deps.requireTenant;
    this.stmt = {
      entries: deps.db.prepare<[string, number], OutboxRow>(`SELECT run_id, kind, document_id, op, state, body_json, result_version, error_code, error_message,
        attempts, created_at, updated_at FROM outbox WHERE tenant_id = ? ORDER BY updated_at DESC, id DESC LIMIT ?`),
    };
  }

  list(input: { tenantId: string }): PublishLogEntry[] {
    const { tenantId } = parseOrThrow(publishLogInputSchema, input);
    this.requireTenant(tenantId);
    return this.stmt.entries.all(tenantId, HISTORY_LIMITS.publishLogMax).map((row) => ({
      runId: row.run_id,
      kind: row.kind,
      documentId: row.document_id,
      op: row.op,
      state: row.state,
      sent: row.body_json === null ? null : (JSON.parse(row.body_json) as unknown),
      version: row.result_version,
      error: row.error_code && row.error_message ? { code: row.error_code, message: row.error_message } : null,
      attempts: row.attempts,
      createdAt: toIso(row.created_at),
      updatedAt: toIso(row.updated_at),
    }));
  }
}
