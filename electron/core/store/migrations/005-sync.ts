import type { Migration } from './migration';

/**
 * What syncing with the backend needs: each tenant's sync state, the true conflicts a
 * pull left per document, the CRM catalogs as fetched (kept raw until the CRM forms use them), the
 * backend's id of collection documents, and the durable outbox of publishes: each entry carries
 * its idempotency key, written before the request is sent, so that a retry after a crash is the
 * same request to the backend.
 */
export const migration005Sync: Migration = {
  version: 5,
  name: 'sync state, conflicts and publish outbox',
  up(db) {
    db.exec(`
      ALTER TABLE settings_documents ADD COLUMN remote_id TEXT;

      CREATE TABLE sync_state (
        tenant_id TEXT PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
        signed_in INTEGER NOT NULL DEFAULT 0 CHECK (signed_in IN (0, 1)),
        -- who signed in (shown to the user); the password and tokens are never stored here
        username TEXT,
        -- null: not known yet
        online INTEGER CHECK (online IN (0, 1)),
        last_sync_at INTEGER,
        last_error_code TEXT,
        last_error TEXT,
        last_error_at INTEGER,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE document_conflicts (
        document_id TEXT PRIMARY KEY REFERENCES settings_documents(id) ON DELETE CASCADE,
        tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        -- [{path, pointer, base, local, remote}] of shared/logic/three-way-merge
        conflicts_json TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX document_conflicts_tenant ON document_conflicts(tenant_id);

      CREATE TABLE catalog_raw (
        tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        data_json TEXT NOT NULL,
        fetched_at INTEGER NOT NULL,
        PRIMARY KEY (tenant_id, name)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE publish_runs (
        id TEXT PRIMARY KEY,
        state TEXT NOT NULL CHECK (state IN ('running', 'finished', 'cancelled')),
        created_at INTEGER NOT NULL,
        finished_at INTEGER
      ) STRICT;

      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        run_id TEXT NOT NULL REFERENCES publish_runs(id) ON DELETE CASCADE,
        tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        document_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        op TEXT NOT NULL CHECK (op IN ('create', 'update', 'delete')),
        remote_id TEXT,
        -- what is sent (documents without secrets only); the draft may change meanwhile
        body_json TEXT,
        if_match TEXT,
        -- <installation id>:<mutation number>, fixed before the first try
        idempotency_key TEXT NOT NULL UNIQUE,
        state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'done', 'conflict', 'failed', 'cancelled')),
        attempts INTEGER NOT NULL DEFAULT 0,
        result_version TEXT,
        error_code TEXT,
        error_message TEXT,
        error_issues_json TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX outbox_run ON outbox(run_id, state);
      CREATE INDEX outbox_open ON outbox(state) WHERE state IN ('pending', 'sending');
    `);
  },
};
