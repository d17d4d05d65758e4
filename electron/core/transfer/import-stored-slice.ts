import { SINGLETON_KINDS } from '../../../shared/schemas/settings-document';
import type { CatalogService } from '../catalog/catalog-service';
import { API_CONNECTION_KIND, type DraftRows } from '../documents/document-store';
import type { TagService } from '../tags/tag-service';
import { textKey } from '../tenants/tenant-keys';
import type { TenantStore } from '../tenants/tenant-store';
import { NO_STORED_CATALOG, type StoredSliceQuery, type StoredTenant } from './import-slice-query';

export interface StoredSliceDeps {
  tenants: TenantStore;
  tags: TagService;
  drafts: DraftRows;
  catalog: CatalogService;
}

/**
 * What the store holds of a slice of an import file's tenants, read for the whole slice at once,
 * one statement per table: the tenants by name (ignoring case), their tags, their drafts of the
 * kinds the slice holds and their catalogs' entries of the names it refers to (not cached). The
 * answer is plain data, in the slice's order (null: no tenant of that name).
 */
export class StoredSliceReader {
  constructor(private readonly deps: StoredSliceDeps) {}

  read(query: StoredSliceQuery): (StoredTenant | null)[] {
    const byName = this.deps.tenants.byNames(query.names);
    const existing = query.names.map((name) => byName.get(textKey(name)) ?? null);
    const ids: string[] = [];
    const catalogIds: string[] = [];
    let singletons = false;
    let connections = false;
    existing.forEach((row, i) => {
      if (!row) return;
      ids.push(row.id);
      if (query.singletons[i]) catalogIds.push(row.id);
      singletons ||= query.singletons[i] === true;
      connections ||= query.connections[i] === true;
    });
    const kinds = [...(singletons ? SINGLETON_KINDS : []), ...(connections ? [API_CONNECTION_KIND] : [])];
    const tags = this.deps.tags.tagsOfMany(ids);
    const drafts = this.deps.drafts.ofTenants(ids, kinds);
    const catalogs = this.deps.catalog.liveEntriesNamed(catalogIds, query.catalogNames);
    return existing.map((row) =>
      row
        ? {
            row,
            tags: tags.get(row.id) ?? [],
            drafts: drafts.get(row.id) ?? [],
            catalog: catalogs.get(row.id) ?? NO_STORED_CATALOG,
          }
        : null,
    );
  }
}
