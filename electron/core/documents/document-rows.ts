import type Database from 'better-sqlite3';

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

type Statement<P extends unknown[], R = unknown> = Database.Statement<P, R>;
type RevisionRow = { id: number; source: RevisionSource; draft_json: string; created_at: number; updated_at: number };

export interface DocumentStatements {
  select: Statement<[string, string], DocumentRow>;
  insert: Statement<[string, string, string, string, number, number, number]>;
  updateDraft: Statement<[string, number, number, string]>;
  delete: Statement<[string]>;
  latestRevision: Statement<[string], { id: number; source: RevisionSource; updated_at: number }>;
  insertRevision: Statement<[string, RevisionSource, string, number, number]>;
  updateRevision: Statement<[string, number, number]>;
  revisionCount: Statement<[string], { n: number }>;
  revisions: Statement<[string], RevisionRow>;
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
    revisions: db.prepare<[string], RevisionRow>(
      'SELECT id, source, draft_json, created_at, updated_at FROM revisions WHERE document_id = ? ORDER BY id',
    ),
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
