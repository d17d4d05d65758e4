import type { Migration } from './migration';

/** Each tenant's cached catalog: one generic table of entries, and when it was last replaced. */
export const migration003Catalog: Migration = {
  version: 3,
  name: 'catalog cache',
  up(db) {
    db.exec(`
      CREATE TABLE catalog_entries (
        tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('division', 'agent')),
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        -- the rest of the entry (an agent's email, divisionIds ...)
        data_json TEXT NOT NULL DEFAULT '{}',
        -- no longer listed by the backend; kept so that a reference to it can be named
        removed INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),
        position INTEGER NOT NULL DEFAULT 0,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (tenant_id, kind, id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE catalog_state (
        tenant_id TEXT PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
        fetched_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
