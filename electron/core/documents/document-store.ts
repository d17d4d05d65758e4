import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { CollectionKindName } from '../../../shared/document-kinds';
import type { RevisionSourceName } from '../../../shared/schemas/history';

/**
 * The owner of settings_documents, revisions and document_conflicts: the row types, the column
 * lists and every statement that names these tables, for every document kind and every path that
 * writes them (edits, collections, sync's pull and publish, apply/import/undo/restore).
 * Callers run the writes inside their own transaction.
 */

// ---- one-per-tenant documents (AI Response, Idle Action) and revisions -------------------

export interface DocumentRow {
  id: string;
  draft_json: string;
  base_json: string | null;
  base_version: string | null;
  dirty: number;
  updated_at: number;
}

export type RevisionSource = 'edit' | 'discard' | 'pull' | 'publish' | 'apply' | 'import';

/** A burst of autosaves closer together than this becomes one 'edit' revision. */
export const REVISION_COALESCE_MS = 2000;

export type Statement<P extends unknown[], R = unknown> = Database.Statement<P, R>;

export interface DocumentStatements {
  select: Statement<[string, string], DocumentRow>;
  insert: Statement<[string, string, string, string, number, number, number]>;
  updateDraft: Statement<[string, number, number, string]>;
  delete: Statement<[string]>;
  latestRevision: Statement<[string], { id: number; source: RevisionSource; updated_at: number }>;
  insertRevision: Statement<[string, RevisionSource, string, number, number]>;
  updateRevision: Statement<[string, number, number]>;
  revisionCount: Statement<[string], { n: number }>;
}

/** The prepared statements of settings documents and revisions, made once per connection. */
export function documentStatements(db: Database.Database): DocumentStatements {
  return {
    select: db.prepare<[string, string], DocumentRow>(
      'SELECT id, draft_json, base_json, base_version, dirty, updated_at FROM settings_documents WHERE tenant_id = ? AND kind = ? AND deleted = 0',
    ),
    insert: db.prepare<[string, string, string, string, number, number, number]>(
      'INSERT INTO settings_documents (id, tenant_id, kind, draft_json, dirty, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    updateDraft: db.prepare<[string, number, number, string]>(
      'UPDATE settings_documents SET draft_json = ?, dirty = ?, updated_at = ? WHERE id = ?',
    ),
    delete: db.prepare<[string]>('DELETE FROM settings_documents WHERE id = ?'),
    latestRevision: db.prepare<[string], { id: number; source: RevisionSource; updated_at: number }>(
      'SELECT id, source, updated_at FROM revisions WHERE document_id = ? ORDER BY id DESC LIMIT 1',
    ),
    insertRevision: db.prepare<[string, RevisionSource, string, number, number]>(
      'INSERT INTO revisions (document_id, source, draft_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
    ),
    updateRevision: db.prepare<[string, number, number]>('UPDATE revisions SET draft_json = ?, updated_at = ? WHERE id = ?'),
    revisionCount: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM revisions WHERE document_id = ?'),
  };
}

/** Typing makes many saves a second: they update the latest 'edit' revision while it is recent. */
export function recordRevision(stmt: DocumentStatements, documentId: string, source: RevisionSource, json: string, now: number): void {
  const latest = source === 'edit' ? stmt.latestRevision.get(documentId) : undefined;
  if (latest && latest.source === 'edit' && now - latest.updated_at < REVISION_COALESCE_MS && now >= latest.updated_at) {
    stmt.updateRevision.run(json, now, latest.id);
  } else {
    stmt.insertRevision.run(documentId, source, json, now, now);
  }
}

// ---- one-per-tenant documents as sync reads and writes them ---------------------------------

export interface SyncRow {
  id: string;
  draft_json: string;
  base_json: string | null;
  base_version: string | null;
  dirty: number;
}

/** The sync side of the one-per-tenant documents, and the conflicts a pull leaves (sync/pull/document-sync.ts). */
export interface DocumentSyncStatements {
  select: Statement<[string, string], SyncRow>;
  byId: Statement<[string], SyncRow & { tenant_id: string; kind: string }>;
  insert: Statement<unknown[]>;
  update: Statement<[string, string | null, string | null, number, number, string]>;
  setBase: Statement<[string, string, number, string]>;
  conflicts: Statement<[string], { conflicts_json: string }>;
  tenantConflicts: Statement<[string], { document_id: string; kind: string; conflicts_json: string }>;
  saveConflicts: Statement<unknown[]>;
  dropConflicts: Statement<[string]>;
}

export function documentSyncStatements(db: Database.Database): DocumentSyncStatements {
  return {
    select: db.prepare<[string, string], SyncRow>(
      'SELECT id, draft_json, base_json, base_version, dirty FROM settings_documents WHERE tenant_id = ? AND kind = ? AND deleted = 0',
    ),
    byId: db.prepare<[string], SyncRow & { tenant_id: string; kind: string }>(
      'SELECT id, tenant_id, kind, draft_json, base_json, base_version, dirty FROM settings_documents WHERE id = ?',
    ),
    insert: db.prepare(
      'INSERT INTO settings_documents (id, tenant_id, kind, draft_json, base_json, base_version, dirty, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    update: db.prepare<[string, string | null, string | null, number, number, string]>(
      'UPDATE settings_documents SET draft_json = ?, base_json = ?, base_version = ?, dirty = ?, updated_at = ? WHERE id = ?',
    ),
    setBase: db.prepare<[string, string, number, string]>('UPDATE settings_documents SET base_json = ?, base_version = ?, dirty = ? WHERE id = ?'),
    conflicts: db.prepare<[string], { conflicts_json: string }>('SELECT conflicts_json FROM document_conflicts WHERE document_id = ?'),
    tenantConflicts: db.prepare<[string], { document_id: string; kind: string; conflicts_json: string }>(
      'SELECT c.document_id, d.kind, c.conflicts_json FROM document_conflicts c JOIN settings_documents d ON d.id = c.document_id WHERE c.tenant_id = ? ORDER BY d.kind, d.id',
    ),
    saveConflicts: db.prepare(
      `INSERT INTO document_conflicts (document_id, tenant_id, conflicts_json, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (document_id) DO UPDATE SET conflicts_json = excluded.conflicts_json, updated_at = excluded.updated_at`,
    ),
    dropConflicts: db.prepare<[string]>('DELETE FROM document_conflicts WHERE document_id = ?'),
  };
}

// ---- collection documents (API connections, deal settings) ----------------------------------

/** API connections: kind 'api_connection', many per tenant (see api-connections/api-connection-rows.ts). */
export const API_CONNECTION_KIND = 'api_connection';

/** Deal settings: kind 'deal_setting', many per tenant (see crm/deal-setting-rows.ts). */
export const DEAL_SETTING_KIND = 'deal_setting';

/**
 * Collection documents: many per tenant, each with the backend's id once it has one, unique by
 * the natural key of its kind (shared/document-kinds). One set of statements serves every
 * collection kind: the kind is a parameter. API connections' JSON is their public part only;
 * their secrets are in the keychain under vault_owner (draft) and base_vault_owner.
 */
/** The collection kinds, as the document kinds' registry (shared/document-kinds) names them. */
export type CollectionKind = CollectionKindName;

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

/** The columns sync writes of a collection row. */
export type CollectionRowUpdate = Omit<CollectionRow, 'id' | 'tenant_id' | 'kind' | 'created_at' | 'updated_at'>;

const COLLECTION_COLUMNS = 'id, tenant_id, kind, draft_json, base_json, base_version, remote_id, dirty, deleted, vault_owner, base_vault_owner, created_at, updated_at';

export interface CollectionStatements {
  /** A kind's documents of a tenant, oldest first, deleted ones included: (tenantId, kind). */
  byTenant: Statement<[string, string], CollectionRow>;
  byId: Statement<[string], CollectionRow>;
  /** One document of a kind of a tenant: (id, tenantId, kind). */
  ofTenant: Statement<[string, string, string], CollectionRow>;
  /** A document made here: (id, tenantId, kind, draft_json, dirty, vault_owner, created_at, updated_at). */
  insert: Statement<[string, string, string, string, number, string | null, number, number]>;
  /** An edit of the draft: (draft_json, dirty, vault_owner, updated_at, id). */
  updateDraft: Statement<[string, number, string | null, number, string]>;
  /** Deletion as a flag a publish sends, and its undo: (deleted, dirty, updated_at, id). */
  setDeleted: Statement<[number, number, number, string]>;
  /** Deleted documents of a kind the backend never had: nothing to publish, so they can go. */
  purgeable: Statement<[string], Pick<CollectionRow, 'id' | 'tenant_id' | 'vault_owner'>>;
  /** Every keychain owner the store still points at, any kind. */
  owners: Statement<[], { tenant_id: string; owner: string }>;
  dirty: Statement<[string, string], CollectionRow>;
  insertPulled: Statement<[NewCollectionRow]>;
  update: Statement<[CollectionRowUpdate & { id: string; now: number }]>;
  setBase: Statement<[string | null, string | null, string | null, string | null, number, string]>;
  remove: Statement<[string]>;
}

export function collectionStatements(db: Database.Database): CollectionStatements {
  return {
    byTenant: db.prepare(`SELECT ${COLLECTION_COLUMNS} FROM settings_documents WHERE tenant_id = ? AND kind = ? ORDER BY created_at, rowid`),
    byId: db.prepare(`SELECT ${COLLECTION_COLUMNS} FROM settings_documents WHERE id = ?`),
    ofTenant: db.prepare(`SELECT ${COLLECTION_COLUMNS} FROM settings_documents WHERE id = ? AND tenant_id = ? AND kind = ?`),
    insert: db.prepare(
      'INSERT INTO settings_documents (id, tenant_id, kind, draft_json, dirty, vault_owner, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    updateDraft: db.prepare('UPDATE settings_documents SET draft_json = ?, dirty = ?, vault_owner = ?, updated_at = ? WHERE id = ?'),
    setDeleted: db.prepare('UPDATE settings_documents SET deleted = ?, dirty = ?, updated_at = ? WHERE id = ?'),
    purgeable: db.prepare('SELECT id, tenant_id, vault_owner FROM settings_documents WHERE kind = ? AND deleted = 1 AND base_json IS NULL'),
    owners: db.prepare(
      `SELECT tenant_id, vault_owner AS owner FROM settings_documents WHERE vault_owner IS NOT NULL
       UNION SELECT tenant_id, base_vault_owner AS owner FROM settings_documents WHERE base_vault_owner IS NOT NULL`,
    ),
    dirty: db.prepare(`SELECT ${COLLECTION_COLUMNS} FROM settings_documents WHERE tenant_id = ? AND kind = ? AND dirty = 1 ORDER BY created_at, rowid`),
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

// ---- drafts as apply, import, undo and restore write them ----------------------------------

/**
 * Settings-document rows as apply, import, undo and restore write them: the draft, its dirty
 * flag and a revision that says what happened (note) and to which batch it belongs. Callers run
 * these inside a transaction. 
 */
export interface DraftRow {
  id: string;
  tenant_id: string;
  kind: string;
  draft_json: string;
  base_json: string | null;
  dirty: number;
  deleted: number;
  vault_owner: string | null;
  base_vault_owner: string | null;
}

export interface RevisionMeta {
  source: RevisionSourceName;
  note: string | null;
  batchId: string | null;
}

const DRAFT_COLUMNS = 'id, tenant_id, kind, draft_json, base_json, dirty, deleted, vault_owner, base_vault_owner';
/** A DraftRow's values in DRAFT_COLUMNS' order (a raw read). */
type DraftRowValues = [string, string, string, string, string | null, number, number, string | null, string | null];

export class DraftRows {
  private readonly stmt;

  constructor(db: Database.Database) {
    this.stmt = {
      byId: db.prepare<[string], DraftRow>(`SELECT ${DRAFT_COLUMNS} FROM settings_documents WHERE id = ?`),
      singleton: db.prepare<[string, string], DraftRow>(`SELECT ${DRAFT_COLUMNS} FROM settings_documents WHERE tenant_id = ? AND kind = ? AND deleted = 0`),
      ofKind: db.prepare<[string, string], DraftRow>(`SELECT ${DRAFT_COLUMNS} FROM settings_documents WHERE tenant_id = ? AND kind = ? ORDER BY created_at, id`),
      ofTenants: db
        .prepare<[string, string], DraftRowValues>(
          `SELECT ${DRAFT_COLUMNS} FROM settings_documents
           WHERE tenant_id IN (SELECT value FROM json_each(?)) AND kind IN (SELECT value FROM json_each(?))
           ORDER BY tenant_id, kind, created_at, id`,
        )
        .raw(true),
      insert: db.prepare<[string, string, string, string, number, string | null, number, number]>(
        'INSERT INTO settings_documents (id, tenant_id, kind, draft_json, dirty, vault_owner, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      update: db.prepare<[string, number, string | null, number, string]>(
        'UPDATE settings_documents SET draft_json = ?, dirty = ?, vault_owner = ?, updated_at = ? WHERE id = ?',
      ),
      remove: db.prepare<[string]>('DELETE FROM settings_documents WHERE id = ?'),
      stamp: db.prepare<[string], { tenant_id: string; updated_at: number; deleted: number }>('SELECT tenant_id, updated_at, deleted FROM settings_documents WHERE id = ?'),
      markApplied: db.prepare<[string]>(
        'UPDATE settings_documents SET base_json = draft_json, base_vault_owner = vault_owner, dirty = 0 WHERE id = ?',
      ),
      markDeleted: db.prepare<[number, string]>('UPDATE settings_documents SET deleted = 1, dirty = 1, updated_at = ? WHERE id = ?'),
      revision: db.prepare<[string, string, string, number, number, string | null, string | null]>(
        'INSERT INTO revisions (document_id, source, draft_json, created_at, updated_at, note, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
    };
  }

  byId(id: string): DraftRow | undefined {
    return this.stmt.byId.get(id);
  }

  singleton(tenantId: string, kind: string): DraftRow | undefined {
    return this.stmt.singleton.get(tenantId, kind);
  }

  ofKind(tenantId: string, kind: string): DraftRow[] {
    return this.stmt.ofKind.all(tenantId, kind);
  }

  /**
   * The documents of some kinds of many tenants in one statement (a bulk reader such as the import
   * preview), deleted ones included: per tenant, per kind, in ofKind's order (a one-per-tenant
   * kind's live document is its row with deleted = 0). A tenant without any is absent.
   */
  ofTenants(tenantIds: readonly string[], kinds: readonly string[]): Map<string, DraftRow[]> {
    const out = new Map<string, DraftRow[]>();
    if (tenantIds.length === 0 || kinds.length === 0) return out;
    // Read as arrays (DRAFT_COLUMNS' order): thousands of rows become objects of one shape.
    for (const [id, tenant_id, kind, draft_json, base_json, dirty, deleted, vault_owner, base_vault_owner] of this.stmt.ofTenants.all(JSON.stringify(tenantIds), JSON.stringify(kinds))) {
      const row: DraftRow = { id, tenant_id, kind, draft_json, base_json, dirty, deleted, vault_owner, base_vault_owner };
      const rows = out.get(row.tenant_id);
      if (rows) rows.push(row);
      else out.set(row.tenant_id, [row]);
    }
    return out;
  }

  /** A new document; returns its id. */
  insert(tenantId: string, kind: string, json: string, vaultOwner: string | null, now: number, meta: RevisionMeta): string {
    const id = randomUUID();
    this.stmt.insert.run(id, tenantId, kind, json, 1, vaultOwner, now, now);
    this.revision(id, json, now, meta);
    return id;
  }

  /** A new draft for an existing document; dirty against its base (and keychain set). */
  update(row: DraftRow, json: string, vaultOwner: string | null, now: number, meta: RevisionMeta): void {
    const dirty = row.base_json === null || row.base_json !== json || vaultOwner !== row.base_vault_owner ? 1 : 0;
    this.stmt.update.run(json, dirty, vaultOwner, now, row.id);
    this.revision(row.id, json, now, meta);
  }

  /** The tenant, last change and deletion flag of a document (what a change sheet's stamp checks). */
  stamp(id: string): { tenant_id: string; updated_at: number; deleted: number } | undefined {
    return this.stmt.stamp.get(id);
  }

  /** The draft was applied by hand in the web app: it becomes the base (nothing left to publish). */
  markApplied(id: string): void {
    this.stmt.markApplied.run(id);
  }

  /** Removes a document the backend never had (its revisions cascade). */
  remove(id: string): void {
    this.stmt.remove.run(id);
  }

  /** Flags a document the backend has as deleted: the deletion is what a publish sends. */
  markDeleted(id: string, now: number): void {
    this.stmt.markDeleted.run(now, id);
  }

  revision(documentId: string, json: string, now: number, meta: RevisionMeta): void {
    this.stmt.revision.run(documentId, meta.source, json, now, now, meta.note, meta.batchId);
  }
}
