import type { Migration } from './migration';

/** The app's own file marker (PRAGMA application_id): "QCBS" as a 32-bit integer. */
export const APPLICATION_ID = 0x51434253;

export const migration001Tenants: Migration = {
  version: 1,
  name: 'meta and tenants',
  up(db) {
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.exec(`
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value ANY
      ) STRICT;

      CREATE TABLE tenants (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        -- lower-cased, NFC name: uniqueness and sorting ignore case
        name_key TEXT NOT NULL,
        backend_url TEXT,
        url_key TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX tenants_name_key ON tenants(name_key);
    `);
  },
};
