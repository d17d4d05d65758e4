import type { Migration } from './migration';

/**
 * Many tenants (tags, apply batches with undo, revisions that say what happened):
 * - tenant tags (normalised, see shared/schemas/tags.ts), many per tenant;
 * - revisions learn the source 'restore', what happened in words (note) and the apply/import
 *   batch they belong to: SQLite cannot change a CHECK, so the table is rebuilt, ids kept;
 * - change batches: what an apply (or import) changed, document by document, with the state
 *   before, so that the whole batch can be undone in one step;
 * - an index for each tenant's last publish (the tenant list shows it).
 */
export const migration006TagsAndChangeBatches: Migration = {
  version: 6,
  name: 'tenant tags, revision notes and batches, change batches',
  up(db) {
    db.exec(`
      CREATE TABLE tenant_tags (
        tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        tag TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (tenant_id, tag)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX tenant_tags_tag ON tenant_tags(tag);

      CREATE TABLE revisions_v6 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        document_id TEXT NOT NULL REFERENCES settings_documents(id) ON DELETE CASCADE,
        source TEXT NOT NULL CHECK (source IN ('edit', 'discard', 'pull', 'publish', 'apply', 'import', 'restore')),
        draft_json TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        note TEXT,
        batch_id TEXT
      ) STRICT;
      INSERT INTO revisions_v6 (id, document_id, source, draft_json, created_at, updated_at)
        SELECT id, document_id, source, draft_json, created_at, updated_at FROM revisions;
      DROP TABLE revisions;
      ALTER TABLE revisions_v6 RENAME TO revisions;
      CREATE INDEX revisions_document ON revisions(document_id, id);
      CREATE INDEX revisions_batch ON revisions(batch_id) WHERE batch_id IS NOT NULL;

      CREATE TABLE change_batches (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('apply', 'import')),
        summary TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        undone_at INTEGER
      ) STRICT;

      CREATE TABLE change_batch_items (
        batch_id TEXT NOT NULL REFERENCES change_batches(id) ON DELETE CASCADE,
        document_id TEXT NOT NULL,
        tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        -- the document before the batch: null when the batch created it
        before_json TEXT,
        before_dirty INTEGER,
        -- an API connection's keychain set before the batch: kept (not swept) while the batch can be undone
        before_vault_owner TEXT,
        after_json TEXT NOT NULL,
        after_vault_owner TEXT,
        PRIMARY KEY (batch_id, document_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX change_batch_items_tenant ON change_batch_items(tenant_id);

      CREATE INDEX outbox_tenant_done ON outbox(tenant_id, updated_at) WHERE state = 'done';
    `);
  },
};
