import type Database from 'better-sqlite3';

export type CatalogEntryKind = 'division' | 'agent';

/** A row of catalog_entries: one division or agent of a tenant's catalog. */
export interface CatalogEntryRow {
  kind: CatalogEntryKind;
  id: string;
  name: string;
  data_json: string;
  removed: number;
}

/** A row of catalog_raw: a catalog stored as one JSON value (the CRM's). */
export interface RawCatalogRow {
  data_json: string;
  fetched_at: number;
}

/** A division's or agent's id and name in one of many tenants' catalogs (bulk reads, as a raw row: tenant_id, kind, id, name, removed). */
export type CatalogNameRow = [tenantId: string, kind: CatalogEntryKind, id: string, name: string, removed: number];

type Statement<P extends unknown[], R = unknown> = Database.Statement<P, R>;

export interface CatalogStatements {
  entries: Statement<[string], CatalogEntryRow>;
  fetchedAt: Statement<[string], { fetched_at: number }>;
  /** The tenants (a JSON array of ids) in one statement: their entries' names, in each catalog's order. */
  namesOfTenants: Statement<[string], CatalogNameRow>;
  /** The tenants' (a JSON array of ids) fetch times, as raw rows: tenant_id, fetched_at. */
  fetchedAtOfTenants: Statement<[string], [tenantId: string, fetchedAt: number]>;
  /** The tenants' live entries of some name keys (both JSON arrays; keys as catalog-name-key.ts makes them), in each catalog's order. */
  liveEntriesKeyed: Statement<[string, string], CatalogNameRow>;
  markAllRemoved: Statement<[number, string]>;
  upsert: Statement<[string, CatalogEntryKind, string, string, string, string, number, number]>;
  setFetchedAt: Statement<[string, number]>;
  rawSelect: Statement<[string, string], RawCatalogRow>;
  rawUpsert: Statement<[string, string, string, number]>;
}

/**
 * The owner of catalog_entries, catalog_state and catalog_raw: every statement that names them.
 * The catalog services (catalog-service.ts, crm/crm-catalog-service.ts) read and write through these.
 */
export function catalogStatements(db: Database.Database): CatalogStatements {
  return {
    entries: db.prepare(
      'SELECT kind, id, name, data_json, removed FROM catalog_entries WHERE tenant_id = ? ORDER BY removed, position, name, id',
    ),
    fetchedAt: db.prepare('SELECT fetched_at FROM catalog_state WHERE tenant_id = ?'),
    namesOfTenants: db
      .prepare<[string], CatalogNameRow>(
        `SELECT tenant_id, kind, id, name, removed FROM catalog_entries WHERE tenant_id IN (SELECT value FROM json_each(?))
         ORDER BY tenant_id, removed, position, name, id`,
      )
      .raw(true),
    fetchedAtOfTenants: db
      .prepare<[string], [tenantId: string, fetchedAt: number]>('SELECT tenant_id, fetched_at FROM catalog_state WHERE tenant_id IN (SELECT value FROM json_each(?))')
      .raw(true),
    liveEntriesKeyed: db
      .prepare<[string, string], CatalogNameRow>(
        `SELECT tenant_id, kind, id, name, removed FROM catalog_entries
         WHERE tenant_id IN (SELECT value FROM json_each(?)) AND removed = 0 AND name_key IN (SELECT value FROM json_each(?))
         ORDER BY tenant_id, position, name, id`,
      )
      .raw(true),
    markAllRemoved: db.prepare('UPDATE catalog_entries SET removed = 1, updated_at = ? WHERE tenant_id = ? AND removed = 0'),
    upsert: db.prepare(`
      INSERT INTO catalog_entries (tenant_id, kind, id, name, name_key, data_json, removed, position, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)
      ON CONFLICT (tenant_id, kind, id) DO UPDATE SET
        name = excluded.name, name_key = excluded.name_key, data_json = excluded.data_json, removed = 0,
        position = excluded.position, updated_at = excluded.updated_at`),
    setFetchedAt: db.prepare(
      'INSERT INTO catalog_state (tenant_id, fetched_at) VALUES (?, ?) ON CONFLICT (tenant_id) DO UPDATE SET fetched_at = excluded.fetched_at',
    ),
    rawSelect: db.prepare('SELECT data_json, fetched_at FROM catalog_raw WHERE tenant_id = ? AND name = ?'),
    rawUpsert: db.prepare(
      `INSERT INTO catalog_raw (tenant_id, name, data_json, fetched_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (tenant_id, name) DO UPDATE SET data_json = excluded.data_json, fetched_at = excluded.fetched_at`,
    ),
  };
}
