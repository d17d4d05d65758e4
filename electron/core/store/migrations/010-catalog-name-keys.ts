import { catalogNameKey } from '../../catalog/catalog-name-key';
import type { Migration } from './migration';

/**
 * Each catalog entry's name key (catalog-name-key.ts) stored beside its name, and the live
 * entries indexed by it: the import's reference look-ups find an entry's matches by key, a seek
 * per tenant and name, where they used to read every live entry of each tenant. The key of an
 * entry already stored is computed here once.
 */
export const migration010CatalogNameKeys: Migration = {
  version: 10,
  name: 'catalog entries keyed by name',
  up(db) {
    db.exec("ALTER TABLE catalog_entries ADD COLUMN name_key TEXT NOT NULL DEFAULT ''");
    const entries = db.prepare<[], [string, string, string, string]>('SELECT tenant_id, kind, id, name FROM catalog_entries').raw(true).all();
    const setKey = db.prepare<[string, string, string, string]>('UPDATE catalog_entries SET name_key = ? WHERE tenant_id = ? AND kind = ? AND id = ?');
    for (const [tenantId, kind, id, name] of entries) setKey.run(catalogNameKey(name), tenantId, kind, id);
    db.exec('DROP INDEX catalog_live_names');
    db.exec('CREATE INDEX catalog_live_keys ON catalog_entries (tenant_id, name_key, position, name) WHERE removed = 0');
  },
};
