import type { Migration } from './migration';

/**
 * The live catalog entries of a tenant by name, for the import's reference look-ups: a partial
 * index over the entries still listed, holding every column those reads select (with the key's
 * kind and id), so they never visit the entries themselves.
 */
export const migration009CatalogLiveNames: Migration = {
  version: 9,
  name: 'index of live catalog entries by name',
  up(db) {
    db.exec('CREATE INDEX catalog_live_names ON catalog_entries (tenant_id, name, position) WHERE removed = 0');
  },
};
