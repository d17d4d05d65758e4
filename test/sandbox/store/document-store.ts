import { randomUUID } from 'node:crypto';
import { nextVersion, type SandboxDb } from './database';

/** A stored settings document: the value exactly as validated, with its version and times. */
export type SingletonKind = 'ai_response' | 'idle_action';
export type CollectionKind = 'api_connection' | 'deal_setting';

export interface StoredDocument<T = unknown> {
  id: string;
  version: string;
  createdAt: string;
  updatedAt: string;
  value: T;
}

interface DbDocument {
  id: string;
  value_json: string;
  version: string;
  created_at: string;
  updated_at: string;
}

const toDocument = <T>(row: DbDocument): StoredDocument<T> => ({
  id: row.id,
  version: row.version,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  value: JSON.parse(row.value_json) as T,
});

export class DocumentStore {
  constructor(
    private readonly db: SandboxDb,
    private readonly now: () => number,
  ) {}

  get<T>(tenantId: string, kind: SingletonKind | CollectionKind, id: string): StoredDocument<T> | null {
    const row = this.db
      .prepare(`SELECT id, value_json, version, created_at, updated_at FROM documents WHERE tenant_id = ? AND kind = ? AND id = ?`)
      .get(tenantId, kind, id) as DbDocument | undefined;
    return row ? toDocument<T>(row) : null;
  }

  getSingleton<T>(tenantId: string, kind: SingletonKind): StoredDocument<T> {
    const doc = this.get<T>(tenantId, kind, kind);
    if (!doc) throw new Error(`Tenant ${tenantId} has no ${kind}`);
    return doc;
  }

  list<T>(tenantId: string, kind: CollectionKind): StoredDocument<T>[] {
    const rows = this.db
      .prepare(`SELECT id, value_json, version, created_at, updated_at FROM documents WHERE tenant_id = ? AND kind = ? ORDER BY created_seq`)
      .all(tenantId, kind) as DbDocument[];
    return rows.map((row) => toDocument<T>(row));
  }

  /** Inserts a document; singletons pass their kind as id. */
  insert<T>(tenantId: string, kind: SingletonKind | CollectionKind, value: T, id: string = randomUUID()): StoredDocument<T> {
    const seq = nextVersion(this.db);
    const at = new Date(this.now()).toISOString();
    this.db
      .prepare(`INSERT INTO documents (tenant_id, kind, id, value_json, version, created_seq, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(tenantId, kind, id, JSON.stringify(value), String(seq), seq, at, at);
    return { id, version: String(seq), createdAt: at, updatedAt: at, value };
  }

  /** Replaces the value under a new version; null when the document does not exist. */
  update<T>(tenantId: string, kind: SingletonKind | CollectionKind, id: string, value: T): StoredDocument<T> | null {
    const version = String(nextVersion(this.db));
    const at = new Date(this.now()).toISOString();
    const row = this.db
      .prepare(
        `UPDATE documents SET value_json = ?, version = ?, updated_at = ? WHERE tenant_id = ? AND kind = ? AND id = ?
         RETURNING id, value_json, version, created_at, updated_at`,
      )
      .get(JSON.stringify(value), version, at, tenantId, kind, id) as DbDocument | undefined;
    return row ? toDocument<T>(row) : null;
  }

  delete(tenantId: string, kind: CollectionKind, id: string): boolean {
    return this.db.prepare(`DELETE FROM documents WHERE tenant_id = ? AND kind = ? AND id = ?`).run(tenantId, kind, id).changes > 0;
  }
}
