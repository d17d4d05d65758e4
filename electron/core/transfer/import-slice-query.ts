import { isPlainRecord } from '../../../shared/logic/json-path';
import type { ExportedTenant } from '../../../shared/schemas/export-document';
import type { CatalogNames } from '../catalog/catalog-service';
import type { DraftRow } from '../documents/document-store';
import type { TenantRow } from '../tenants/tenant-store';

/** A tenant's catalog when nothing of it is stored (or the tenant is new): no entries, never fetched. */
export const NO_STORED_CATALOG: CatalogNames = { divisions: [], agents: [], fetchedAt: null };

/** An existing tenant with what its plan reads of it (import-stored-slice.ts reads it for a slice). */
export interface StoredTenant {
  row: TenantRow;
  tags: string[];
  /** Its drafts of the kinds the slice holds, deleted ones included, in the store's order. */
  drafts: DraftRow[];
  catalog: CatalogNames;
}

/**
 * What a slice of a file needs of the store, made from the file alone: the tenants' names, which
 * of them hold settings documents and connections, and the catalog names the slice refers to. It
 * is small and plain, so that the file can be planned where the store is not (a worker thread).
 */
export interface StoredSliceQuery {
  names: string[];
  /** Per tenant of the slice: its file holds an AI Response or an Idle Action. */
  singletons: boolean[];
  /** Per tenant of the slice: its file holds API connections. */
  connections: boolean[];
  /** The names the slice refers to, each once (a file repeats the same few names in every tenant). */
  catalogNames: string[];
}

/** What a slice of checked tenants needs of the store. */
export function storedSliceQuery(files: readonly ExportedTenant[]): StoredSliceQuery {
  // A checked tenant has every part the reading of unchecked ones looks for.
  const query = uncheckedSliceQuery(files);
  if (!query) throw new Error('A checked tenant of the import file lacks a part its query reads.');
  return query;
}

/**
 * What a slice needs of the store, from its tenants as parsed, before any check: null as soon as
 * one of them is not shaped as a checked one is. From a file not yet checked it is a hint only:
 * what it reads is used for a slice whose checked tenants ask the same (sameSliceQuery).
 */
export function uncheckedSliceQuery(tenants: readonly unknown[]): StoredSliceQuery | null {
  const names: string[] = [];
  const singletons: boolean[] = [];
  const connections: boolean[] = [];
  const catalogNames = new Set<string>();
  for (const tenant of tenants) {
    if (!isPlainRecord(tenant) || typeof tenant.name !== 'string' || !Array.isArray(tenant.apiConnections)) return null;
    const references = tenant.referenceNames;
    if (!isPlainRecord(references) || !isPlainRecord(references.divisions) || !isPlainRecord(references.agents)) return null;
    for (const list of [references.divisions, references.agents]) {
      for (const name of Object.values(list)) {
        if (typeof name !== 'string') return null;
        catalogNames.add(name);
      }
    }
    names.push(tenant.name);
    singletons.push((tenant.aiResponse ?? null) !== null || (tenant.idleAction ?? null) !== null);
    connections.push(tenant.apiConnections.length > 0);
  }
  return { names, singletons, connections, catalogNames: [...catalogNames] };
}

export function sameSliceQuery(a: StoredSliceQuery, b: StoredSliceQuery): boolean {
  const same = <T>(x: readonly T[], y: readonly T[]) => x.length === y.length && x.every((value, i) => value === y[i]);
  return same(a.names, b.names) && same(a.singletons, b.singletons) && same(a.connections, b.connections) && same(a.catalogNames, b.catalogNames);
}
