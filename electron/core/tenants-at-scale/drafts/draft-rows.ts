import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { RevisionSourceName } from '../../../../shared/schemas/history';

/**
 * Settings-document rows as apply, import, undo and restore write them: the draft, its dirty
 * flag and a revision that says what happened (note) and to which batch it belongs. Callers run
 * these inside a transaction. Rows of every kind live in settings_documents (migration 002).
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

const COLUMNS = 'id, tenant_id, kind, draft_json, base_json, dirty, deleted, vault_owner, base_vault_owner';

export class DraftRows {
  private readonly stmt;

  constructor(db: Database.Database) {
    this.stmt = {
      byId: db.prepare<[string], DraftRow>(`SELECT ${COLUMNS} FROM settings_documents WHERE id = ?`),
      singleton: db.prepare<[string, string], DraftRow>(`SELECT ${COLUMNS} FROM settings_documents WHERE tenant_id = ? AND kind = ? AND deleted = 0`),
      ofKind: db.prepare<[string, string], DraftRow>(`SELECT ${COLUMNS} FROM settings_documents WHERE tenant_id = ? AND kind = ? ORDER BY created_at, id`),
      insert: db.prepare<[string, string, string, string, number, string | null, number, number]>(
        'INSERT INTO settings_documents (id, tenant_id, kind, draft_json, dirty, vault_owner, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      update: db.prepare<[string, number, string | null, number, string]>(
        'UPDATE settings_documents SET draft_json = ?, dirty = ?, vault_owner = ?, updated_at = ? WHERE id = ?',
      ),
      remove: db.prepare<[string]>('DELETE FROM settings_documents WHERE id = ?'),
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
