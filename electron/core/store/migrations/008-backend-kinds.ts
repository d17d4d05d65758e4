import type { Migration } from './migration';

/**
 * Backend kinds: each tenant says how it connects (`qontak`, `qontak_legacy`, `settings_api`);
 * the tenants that existed before spoke this project's contract, so they become `settings_api`
 * and nothing changes for them. `requests_per_minute` is a tenant's own pace for Qontak requests
 * (null: the default). `capabilities_json` is what the tenant's backend was last found to offer
 * (shared/wire/qontak/capabilities.ts), with when; null: not known yet. Revisions learn the
 * source 'applied_by_hand': a change sheet's state marked as applied in the web app (who, in its note).
 */
export const migration008BackendKinds: Migration = {
  version: 8,
  name: 'backend kinds, request pace and backend capabilities',
  up(db) {
    db.exec(`
      ALTER TABLE tenants ADD COLUMN backend_kind TEXT NOT NULL DEFAULT 'settings_api'
        CHECK (backend_kind IN ('qontak', 'qontak_legacy', 'settings_api'));
      ALTER TABLE tenants ADD COLUMN requests_per_minute INTEGER CHECK (requests_per_minute IS NULL OR requests_per_minute BETWEEN 1 AND 6000);
      ALTER TABLE sync_state ADD COLUMN capabilities_json TEXT;

      CREATE TABLE revisions_v8 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        document_id TEXT NOT NULL REFERENCES settings_documents(id) ON DELETE CASCADE,
        source TEXT NOT NULL CHECK (source IN ('edit', 'discard', 'pull', 'publish', 'apply', 'import', 'restore', 'applied_by_hand')),
        draft_json TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        note TEXT,
        batch_id TEXT
      ) STRICT;
      INSERT INTO revisions_v8 (id, document_id, source, draft_json, created_at, updated_at, note, batch_id)
        SELECT id, document_id, source, draft_json, created_at, updated_at, note, batch_id FROM revisions;
      DROP TABLE revisions;
      ALTER TABLE revisions_v8 RENAME TO revisions;
      CREATE INDEX revisions_document ON revisions(document_id, id);
      CREATE INDEX revisions_batch ON revisions(batch_id) WHERE batch_id IS NOT NULL;
    `);
  },
};
