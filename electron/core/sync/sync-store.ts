import type Database from 'better-sqlite3';
import type { PublishProgress } from '../../../shared/schemas/sync';
import { OUTBOX_STATES } from '../../../shared/schemas/sync';

type Statement<P extends unknown[], R = unknown> = Database.Statement<P, R>;


/**
 * The owner of the sync tables — outbox, publish_runs (the durable publishes, see publish/outbox.ts) and
 * sync_state (each tenant's sign-in, online state, last sync and last error, see sync-state.ts):
 * their row types and every statement that names them.
 */

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
  /** API connections: the keychain set the request's secrets are read from (pinned, see migration 007). */
  vault_owner: string | null;
  /** A creation that was sent and may have happened on the backend (migration 007). */
  may_exist: number;
}

/**
 * Entries whose keychain set must stay: open ones, and sent creations that may exist whose
 * document is still waiting for its backend id (they are sent again by the next publish).
 */
const PINNED = `o.vault_owner IS NOT NULL AND (o.state IN ('pending', 'sending') OR (o.may_exist = 1 AND o.state <> 'done'
  AND EXISTS (SELECT 1 FROM settings_documents d WHERE d.id = o.document_id AND d.remote_id IS NULL)))`;

/** The outbox's and the publish runs' statements (used by publish/outbox.ts). */
export interface OutboxStatements {
  insertRun: Statement<[string, number]>;
  insert: Statement<[Record<string, unknown>]>;
  supersede: Statement<[number, string]>;
  adopt: Statement<[string, number, number]>;
  mayExist: Statement<[string], OutboxEntry>;
  sent: Statement<[string, string | null], { body_json: string; vault_owner: string | null }>;
  sendingIn: Statement<[string], { run_id: string }>;
  sendingAll: Statement<[], { document_id: string; run_id: string }>;
  pinned: Statement<[], { tenant_id: string; owner: string }>;
  runOwners: Statement<[string], { tenant_id: string; owner: string; body_json: string | null }>;
  isPinned: Statement<[string, string], { one: number }>;
  open: Statement<[string], OutboxEntry>;
  get: Statement<[number], OutboxEntry>;
  sending: Statement<[number, number, string]>;
  retarget: Statement<[string | null, string | null, string | null, number, number]>;
  finish: Statement<[Record<string, unknown>]>;
  runningRuns: Statement<[], { id: string }>;
  run: Statement<[string], { id: string; state: PublishProgress['state'] }>;
  finishRun: Statement<[string, number, string]>;
  counts: Statement<[string], { state: OutboxState; n: number }>;
  results: Statement<[string], { tenant_id: string; kind: string; document_id: string; op: OutboxOp; state: OutboxState; error_code: string | null; error_message: string | null; error_issues_json: string | null }>;
  requeueSending: Statement<[string]>;
  cancelOpen: Statement<[number, string]>;
}

export function outboxStatements(db: Database.Database): OutboxStatements {
  return {
    insertRun: db.prepare<[string, number]>("INSERT INTO publish_runs (id, state, created_at) VALUES (?, 'running', ?)"),
    insert: db.prepare(`INSERT INTO outbox (run_id, tenant_id, document_id, kind, op, remote_id, body_json, if_match, idempotency_key, vault_owner, state, created_at, updated_at)
      VALUES (@runId, @tenantId, @documentId, @kind, @op, @remoteId, @bodyJson, @ifMatch, @idempotencyKey, @vaultOwner, 'pending', @now, @now)`),
    supersede: db.prepare<[number, string]>(
      "UPDATE outbox SET state = 'cancelled', error_code = 'CANCELLED', error_message = 'Replaced by a newer publish of the same document.', updated_at = ? WHERE document_id = ? AND state = 'pending' AND may_exist = 0",
    ),
    adopt: db.prepare<[string, number, number]>(
      "UPDATE outbox SET run_id = ?, state = 'pending', error_code = NULL, error_message = NULL, error_issues_json = NULL, updated_at = ? WHERE id = ?",
    ),
    mayExist: db.prepare<[string], OutboxEntry>(
      "SELECT * FROM outbox WHERE document_id = ? AND op = 'create' AND may_exist = 1 AND state <> 'done' ORDER BY id DESC LIMIT 1",
    ),
    sent: db.prepare<[string, string | null], { body_json: string; vault_owner: string | null }>(
      "SELECT body_json, vault_owner FROM outbox WHERE document_id = ? AND if_match IS ? AND attempts > 0 AND body_json IS NOT NULL AND op <> 'delete' ORDER BY id DESC LIMIT 20",
    ),
    sendingIn: db.prepare<[string], { run_id: string }>("SELECT run_id FROM outbox WHERE document_id = ? AND state = 'sending'"),
    sendingAll: db.prepare<[], { document_id: string; run_id: string }>("SELECT document_id, run_id FROM outbox WHERE state = 'sending'"),
    pinned: db.prepare<[], { tenant_id: string; owner: string }>(`SELECT DISTINCT tenant_id, vault_owner AS owner FROM outbox o WHERE ${PINNED}`),
    runOwners: db.prepare<[string], { tenant_id: string; owner: string; body_json: string | null }>(
      'SELECT tenant_id, vault_owner AS owner, body_json FROM outbox WHERE run_id = ? AND vault_owner IS NOT NULL',
    ),
    isPinned: db.prepare<[string, string], { one: number }>(`SELECT 1 AS one FROM outbox o WHERE tenant_id = ? AND vault_owner = ? AND ${PINNED} LIMIT 1`),
    open: db.prepare<[string], OutboxEntry>("SELECT * FROM outbox WHERE run_id = ? AND state IN ('pending', 'sending') ORDER BY id"),
    get: db.prepare<[number], OutboxEntry>('SELECT * FROM outbox WHERE id = ?'),
    // A creation is marked as possibly existing before it leaves: a crash right after the send still knows.
    // Only while the entry is still its run's to send (a newer publish may have superseded it meanwhile).
    sending: db.prepare<[number, number, string]>(
      "UPDATE outbox SET state = 'sending', attempts = attempts + 1, may_exist = CASE WHEN op = 'create' THEN 1 ELSE may_exist END, updated_at = ? WHERE id = ? AND run_id = ? AND state IN ('pending', 'sending')",
    ),
    retarget: db.prepare<[string | null, string | null, string | null, number, number]>(
      'UPDATE outbox SET body_json = ?, if_match = ?, vault_owner = ?, updated_at = ? WHERE id = ?',
    ),
    finish: db.prepare(`UPDATE outbox SET state = @state, result_version = @version, error_code = @code, error_message = @message,
      error_issues_json = @issues, may_exist = CASE WHEN @settled = 1 THEN 0 ELSE may_exist END, updated_at = @now WHERE id = @id`),
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

/** A row of sync_state. */
export interface StateRow {
  signed_in: number;
  username: string | null;
  online: number | null;
  last_sync_at: number | null;
  last_error_code: string | null;
  last_error: string | null;
  last_error_at: number | null;
  /** What the backend offers (backendCapabilitiesSchema as JSON; migration 008); null: not known yet. */
  capabilities_json: string | null;
}

/** sync_state's statements, with the counts the status shows (used by sync-state.ts). */
export interface SyncStateStatements {
  ensure: Statement<unknown[]>;
  get: Statement<[string], StateRow>;
  signedIn: Statement<[Record<string, unknown>]>;
  online: Statement<[Record<string, unknown>]>;
  success: Statement<[Record<string, unknown>]>;
  error: Statement<[Record<string, unknown>]>;
  clearError: Statement<[Record<string, unknown>]>;
  clearErrorsOfCode: Statement<[string]>;
  capabilities: Statement<[Record<string, unknown>]>;
  counts: Statement<[string, string], { unpublished: number; conflicts: number }>;
  signedInBackends: Statement<[], { tenant_id: string; backend_url: string }>;
  catalogFetchedAt: Statement<[string], { fetched_at: number }>;
}

export function syncStateStatements(db: Database.Database): SyncStateStatements {
  const upsert = (set: string) => db.prepare(`UPDATE sync_state SET ${set}, updated_at = @now WHERE tenant_id = @tenantId`);
  return {
    ensure: db.prepare('INSERT INTO sync_state (tenant_id, updated_at) VALUES (?, ?) ON CONFLICT (tenant_id) DO NOTHING'),
    get: db.prepare<[string], StateRow>(
      'SELECT signed_in, username, online, last_sync_at, last_error_code, last_error, last_error_at, capabilities_json FROM sync_state WHERE tenant_id = ?',
    ),
    signedIn: upsert('signed_in = @signedIn, username = COALESCE(@username, username)'),
    online: upsert('online = @online'),
    success: upsert('last_sync_at = @now, online = 1, last_error_code = NULL, last_error = NULL, last_error_at = NULL'),
    error: upsert('last_error_code = @code, last_error = @message, last_error_at = @now'),
    clearError: upsert('last_error_code = NULL, last_error = NULL, last_error_at = NULL'),
    clearErrorsOfCode: db.prepare<[string]>('UPDATE sync_state SET last_error_code = NULL, last_error = NULL, last_error_at = NULL WHERE last_error_code = ?'),
    capabilities: upsert('capabilities_json = @json'),
    counts: db.prepare<[string, string], { unpublished: number; conflicts: number }>(`SELECT
      (SELECT COUNT(*) FROM settings_documents WHERE tenant_id = ? AND dirty = 1) AS unpublished,
      (SELECT COUNT(*) FROM document_conflicts WHERE tenant_id = ?) AS conflicts`),
    signedInBackends: db.prepare<[], { tenant_id: string; backend_url: string }>(
      "SELECT s.tenant_id, t.backend_url FROM sync_state s JOIN tenants t ON t.id = s.tenant_id WHERE s.signed_in = 1 AND t.backend_url IS NOT NULL AND t.backend_kind <> 'qontak' ORDER BY t.backend_url",
    ),
    catalogFetchedAt: db.prepare<[string], { fetched_at: number }>('SELECT fetched_at FROM catalog_state WHERE tenant_id = ?'),
  };
}
