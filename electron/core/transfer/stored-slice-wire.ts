import type { BackendKind } from '../../../shared/schemas/backend-kind';
import type { CatalogName } from '../catalog/catalog-service';
import type { DraftRow } from '../documents/document-store';
import type { StoredTenant } from './import-slice-query';

/**
 * What the store holds of a slice of an import file's tenants, as it crosses to the import's
 * thread: one flat array of values in a fixed order per tenant, without the keys of its thousands
 * of small objects (copying it between threads costs about half as much as copying the objects).
 * A tenant the store does not hold is a 0; one it holds is a 1, its row, its tags, its drafts and
 * its catalog's names, each list after its length.
 */
export type StoredSliceWire = (string | number | boolean | null)[];

export function encodeStoredSlice(slice: readonly (StoredTenant | null)[]): StoredSliceWire {
  const out: StoredSliceWire = [];
  for (const tenant of slice) {
    if (!tenant) {
      out.push(0);
      continue;
    }
    const { row, tags, drafts, catalog } = tenant;
    out.push(1, row.id, row.name, row.backend_url, row.backend_kind, row.requests_per_minute, tags.length, ...tags, drafts.length);
    for (const draft of drafts) out.push(draft.id, draft.tenant_id, draft.kind, draft.draft_json, draft.base_json, draft.dirty, draft.deleted, draft.vault_owner, draft.base_vault_owner);
    out.push(catalog.fetchedAt, catalog.divisions.length);
    for (const entry of catalog.divisions) out.push(entry.id, entry.name, entry.removed);
    out.push(catalog.agents.length);
    for (const entry of catalog.agents) out.push(entry.id, entry.name, entry.removed);
  }
  return out;
}

export function decodeStoredSlice(wire: StoredSliceWire): (StoredTenant | null)[] {
  let at = 0;
  const text = () => wire[at++] as string;
  const maybeText = () => wire[at++] as string | null;
  const count = () => wire[at++] as number;
  const entries = (): CatalogName[] => {
    const list: CatalogName[] = [];
    for (let n = count(); n > 0; n--) list.push({ id: text(), name: text(), removed: wire[at++] as boolean });
    return list;
  };
  const out: (StoredTenant | null)[] = [];
  while (at < wire.length) {
    if (wire[at++] === 0) {
      out.push(null);
      continue;
    }
    const row = { id: text(), name: text(), backend_url: maybeText(), backend_kind: text() as BackendKind, requests_per_minute: wire[at++] as number | null };
    const tags: string[] = [];
    for (let n = count(); n > 0; n--) tags.push(text());
    const drafts: DraftRow[] = [];
    for (let n = count(); n > 0; n--) {
      drafts.push({ id: text(), tenant_id: text(), kind: text(), draft_json: text(), base_json: maybeText(), dirty: count(), deleted: count(), vault_owner: maybeText(), base_vault_owner: maybeText() });
    }
    const fetchedAt = maybeText();
    const divisions = entries();
    const agents = entries();
    out.push({ row, tags, drafts, catalog: { divisions, agents, fetchedAt } });
  }
  return out;
}
