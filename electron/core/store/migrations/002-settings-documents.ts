import type { Migration } from './migration';

/**
 * Settings documents and their revisions. One table for every kind: the singletons
 * (ai_response, idle_action: one row per tenant) and, later, the list kinds (api_connection,
 * deal_setting: many rows per tenant, told apart by id).
 */
export const migration002SettingsDocuments: Migration = {
  version: 2,
  name: 'settings documents and revisions',
  up(db) {
    db.exec(`
      CREATE TABLE settings_documents (
        id TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        draft_json TEXT NOT NULL,
        -- the last state known on the backend, and its version (ETag); null until pulled/published
        base_json TEXT,
        base_version TEXT,
        dirty INTEGER NOT NULL DEFAULT 1 CHECK (dirty IN (0, 1)),
        deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX settings_documents_tenant ON settings_documents(tenant_id, kind);
      CREATE UNIQUE INDEX settings_documents_singleton ON settings_documents(tenant_id, kind)
        WHERE kind IN ('ai_response', 'idle_action');

      CREATE TABLE revisions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        document_id TEXT NOT NULL REFERENCES settings_documents(id) ON DELETE CASCADE,
        source TEXT NOT NULL CHECK (source IN ('edit', 'discard', 'pull', 'publish', 'apply', 'import')),
        draft_json TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX revisions_document ON revisions(document_id, id);
    `);
  },
};
