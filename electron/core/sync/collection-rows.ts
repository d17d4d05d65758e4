import type Database from 'better-sqlite3';

/**
 * The sync engine's view of the collection documents (API connections and deal settings: many
 * per tenant, each with the backend's id once it has one). API connections' JSON is their public
 * part only; their secrets are in the keychain under vault_owner (draft) and base_vault_owner.
 */
export const COLLECTION_KINDS = ['api_connection', 'deal_setting'] as const;
export type CollectionKind = (typeof COLLECTION_KINDS)[number];

export function isCollectionKind(kind: string): kind is CollectionKind {
  return (COLLECTION_KINDS as readonly string[]).includes(kind);
}

export interface CollectionRow {
  id: string;
  tenant_id: string;
  kind: CollectionKind;
  draft_json: string;
  base_json: string | null;
  base_version: string | null;
  remote_id: string | null;
  dirty: number;
  deleted: number;
  vault_owner: string | null;
  base_vault_owner: string | null;
  created_at: number;
  updated_at: number;
}

export interface NewCollectionRow {
  id: string;
  tenantId: string;
  kind: CollectionKind;
  json: string;
  remoteId: string;
  version: string;
  vaultOwner: string | null;
  now: number;
}

export interface CollectionRowUpdate {
  draft_json: string;
  base_json: string | null;
  base_version: string | null;
  remote_id: string | null;
  dirty: number;
  deleted: number;
  vault_owner: string | null;
  base_vault_owner: string | null;
}

const COLUMNS = 'id, tenant_id, kind, draft_json, base_json, base_version, remote_id, dirty, deleted, vault_owner, base_vault_owner, created_at, updated_at';

type Statement<P extends unknown[], R = unknown> = Database.Statement<P, R>;

export interface CollectionStatements {
  byTenant: Statement<[string, string], CollectionRow>;
  byId: Statement<[string], CollectionRow>;
  dirty: Statement<[string, string], CollectionRow>;
  insertPulled: Statement<[NewCollectionRow]>;
  update: Statement<[CollectionRowUpdate & { id: string; now: number }]>;
  setBase: Statement<[string | null, string | null, string | null, string | null, number, string]>;
  remove: Statement<[string]>;
}

export function collectionStatements(db: Database.Database): CollectionStatements {
  return {
    byTenant: db.prepare(`SELECT ${COLUMNS} FROM settings_documents WHERE tenant_id = ? AND kind = ? ORDER BY created_at, rowid`),
    byId: db.prepare(`SELECT ${COLUMNS} FROM settings_documents WHERE id = ?`),
    dirty: db.prepare(`SELECT ${COLUMNS} FROM settings_documents WHERE tenant_id = ? AND kind = ? AND dirty = 1 ORDER BY created_at, rowid`),
    /** A pulled document the app did not have: its draft is the remote's, nothing to publish. */
    insertPulled: db.prepare(
      `INSERT INTO settings_documents (id, tenant_id, kind, draft_json, base_json, base_version, remote_id, dirty, deleted, vault_owner, base_vault_owner, created_at, updated_at)
       VALUES (@id, @tenantId, @kind, @json, @json, @version, @remoteId, 0, 0, @vaultOwner, @vaultOwner, @now, @now)`,
    ),
    update: db.prepare(
      `UPDATE settings_documents SET draft_json = @draft_json, base_json = @base_json, base_version = @base_version, remote_id = @remote_id, dirty = @dirty,
       deleted = @deleted, vault_owner = @vault_owner, base_vault_owner = @base_vault_owner, updated_at = @now WHERE id = @id`,
    ),
    /** What a publish changes: the base (and the backend's id); the draft is the user's and stays. */
    setBase: db.prepare(
      'UPDATE settings_documents SET base_json = ?, base_version = ?, remote_id = ?, base_vault_owner = ?, dirty = ? WHERE id = ?',
    ),
    remove: db.prepare('DELETE FROM settings_documents WHERE id = ?'),
  };
}

/** The row with `changes` applied, for deciding what it becomes before writing it. */
export function withChanges(row: CollectionRow, changes: Partial<CollectionRowUpdate>): CollectionRow {
  return { ...row, ...changes };
}

/** Writes a row's new state (every sync-owned column) in the caller's transaction. */
export function writeRow(stmt: CollectionStatements, row: CollectionRow, now: number): void {
  stmt.update.run({
    id: row.id,
    draft_json: row.draft_json,
    base_json: row.base_json,
    base_version: row.base_version,
    remote_id: row.remote_id,
    dirty: row.dirty,
    deleted: row.deleted,
    vault_owner: row.vault_owner,
    base_vault_owner: row.base_vault_owner,
    now,
  });
}
