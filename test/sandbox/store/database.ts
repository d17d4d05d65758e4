import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The sandbox's own storage: one SQLite file in the data dir, so that everything (tenants,
 * tokens, documents, idempotency keys) survives a restart of the sandbox.
 */
export type SandboxDb = Database.Database;

const SCHEMA_VERSION = 2;

const SCHEMA = `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) STRICT;
  INSERT INTO meta (key, value) VALUES ('version', 0);

  CREATE TABLE tenants (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_salt TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    crm_connected INTEGER NOT NULL CHECK (crm_connected IN (0, 1)),
    created_at TEXT NOT NULL
  ) STRICT;

  -- only hashes of tokens are kept
  CREATE TABLE tokens (
    hash TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('access', 'refresh')),
    expires_at INTEGER NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1)),
    created_at INTEGER NOT NULL,
    spent_at INTEGER
  ) STRICT;
  CREATE INDEX tokens_by_tenant ON tokens (tenant_id);

  -- divisions, users, pipelines (with their stages), owners, sources, botResponses
  CREATE TABLE catalog_items (
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    list TEXT NOT NULL,
    id TEXT NOT NULL,
    position INTEGER NOT NULL,
    data_json TEXT NOT NULL,
    PRIMARY KEY (tenant_id, list, id)
  ) STRICT;

  -- singletons use their kind as id
  CREATE TABLE documents (
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('ai_response', 'idle_action', 'api_connection', 'deal_setting')),
    id TEXT NOT NULL,
    value_json TEXT NOT NULL,
    version TEXT NOT NULL,
    created_seq INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, kind, id)
  ) STRICT;

  -- the first answer to each creation, replayed for a repeat of its Idempotency-Key
  CREATE TABLE idempotency (
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    route TEXT NOT NULL,
    key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status INTEGER NOT NULL,
    headers_json TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, route, key)
  ) STRICT;
`;

export function openSandboxDb(dataDir: string): SandboxDb {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'sandbox.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version === 0) {
    db.transaction(() => {
      db.exec(SCHEMA);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    })();
  } else if (version === 1) {
    // Version 2: a spent refresh token remembers when it was spent (the reuse grace).
    db.transaction(() => {
      db.exec(`ALTER TABLE tokens ADD COLUMN spent_at INTEGER`);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    })();
  } else if (version !== SCHEMA_VERSION) {
    db.close();
    throw new Error(`The sandbox data in ${dataDir} has schema ${version}; this sandbox knows ${SCHEMA_VERSION}. Use a fresh --data-dir.`);
  }
  return db;
}

/** A new resource version: one rising counter for the whole sandbox, so no two versions are alike. */
export function nextVersion(db: SandboxDb): number {
  const row = db.prepare(`UPDATE meta SET value = value + 1 WHERE key = 'version' RETURNING value`).get() as { value: number };
  return row.value;
}
