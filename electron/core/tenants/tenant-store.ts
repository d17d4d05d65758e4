import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { TagCount } from '../../../shared/schemas/tags';
import type { BackendKind } from '../../../shared/schemas/backend-kind';
import { textKey } from './tenant-keys';

/** A tenant as bulk creation (CSV, import) and export read it. */
export interface TenantRow {
  id: string;
  name: string;
  backend_url: string | null;
  backend_kind: BackendKind;
  requests_per_minute: number | null;
}

/** How a tenant connects, besides its URL. */
export interface TenantBackendFields {
  kind: BackendKind;
  requestsPerMinute: number | null;
}

/** What the tenants made before backend kinds have (migration 008). */
export const DEFAULT_BACKEND_FIELDS: TenantBackendFields = { kind: 'settings_api', requestsPerMinute: null };

/** A tenant as the list and the services read it, with its count of unpublished documents. */
export interface TenantListRow extends TenantRow {
  created_at: number;
  updated_at: number;
  unpublished: number;
}

const SELECT_TENANT = `
  SELECT t.id, t.name, t.backend_url, t.backend_kind, t.requests_per_minute, t.created_at, t.updated_at,
    (SELECT COUNT(*) FROM settings_documents d WHERE d.tenant_id = t.id AND d.dirty = 1) AS unpublished
  FROM tenants t`;

/**
 * The owner of the tenants and tenant_tags tables: every statement that writes them is here.
 * Names and backend URLs are matched by their keys (trimmed, case-folded: tenant-keys.ts).
 * Callers run writes inside their own transaction and send their own events.
 */
export class TenantStore {
  private readonly stmt;

  constructor(db: Database.Database) {
    this.stmt = {
      row: db.prepare<[string], TenantListRow>(`${SELECT_TENANT} WHERE t.id = ?`),
      all: db.prepare<[], TenantListRow>(`${SELECT_TENANT} ORDER BY t.name_key, t.name, t.id`),
      ids: db.prepare<[], { id: string }>('SELECT id FROM tenants'),
      exists: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM tenants WHERE id = ?'),
      byId: db.prepare<[string], TenantRow>('SELECT id, name, backend_url, backend_kind, requests_per_minute FROM tenants WHERE id = ?'),
      byNameKey: db.prepare<[string], TenantRow>('SELECT id, name, backend_url, backend_kind, requests_per_minute FROM tenants WHERE name_key = ?'),
      byNameKeys: db.prepare<[string], TenantRow & { name_key: string }>(
        'SELECT id, name, backend_url, backend_kind, requests_per_minute, name_key FROM tenants WHERE name_key IN (SELECT value FROM json_each(?))',
      ),
      insert: db.prepare<[string, string, string, string | null, string, BackendKind, number | null, number, number]>(
        'INSERT INTO tenants (id, name, name_key, backend_url, url_key, backend_kind, requests_per_minute, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      update: db.prepare<[string, string, string | null, string, BackendKind, number | null, number, string]>(
        'UPDATE tenants SET name = ?, name_key = ?, backend_url = ?, url_key = ?, backend_kind = ?, requests_per_minute = ?, updated_at = ? WHERE id = ?',
      ),
      setUrl: db.prepare<[string | null, string, BackendKind, number, string]>('UPDATE tenants SET backend_url = ?, url_key = ?, backend_kind = ?, updated_at = ? WHERE id = ?'),
      delete: db.prepare<[string]>('DELETE FROM tenants WHERE id = ?'),
      tagsOf: db.prepare<[string], { tag: string }>('SELECT tag FROM tenant_tags WHERE tenant_id = ? ORDER BY tag'),
      tagsOfTenants: db
        .prepare<[string], [tenantId: string, tag: string]>('SELECT tenant_id, tag FROM tenant_tags WHERE tenant_id IN (SELECT value FROM json_each(?)) ORDER BY tenant_id, tag')
        .raw(true),
      addTag: db.prepare<[string, string, number]>('INSERT INTO tenant_tags (tenant_id, tag, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'),
      removeTag: db.prepare<[string, string]>('DELETE FROM tenant_tags WHERE tenant_id = ? AND tag = ?'),
      tagCounts: db.prepare<[], TagCount>('SELECT tag, COUNT(*) AS count FROM tenant_tags GROUP BY tag ORDER BY tag'),
      allTags: db.prepare<[], { tenant_id: string; tag: string }>('SELECT tenant_id, tag FROM tenant_tags ORDER BY tenant_id, tag'),
    };
  }

  // ---- tenants ---------------------------------------------------------------------------

  /** The tenant with its unpublished count. */
  listRow(id: string): TenantListRow | undefined {
    return this.stmt.row.get(id);
  }

  /** Every tenant in name order, with their unpublished counts. */
  listRows(): TenantListRow[] {
    return this.stmt.all.all();
  }

  allIds(): string[] {
    return this.stmt.ids.all().map((row) => row.id);
  }

  exists(id: string): boolean {
    return this.stmt.exists.get(id) !== undefined;
  }

  byId(id: string): TenantRow | undefined {
    return this.stmt.byId.get(id);
  }

  byName(name: string): TenantRow | undefined {
    return this.stmt.byNameKey.get(textKey(name));
  }

  /** The tenants of many names in one statement, matched as byName matches them, by each name's key (textKey); names no tenant has are absent. */
  byNames(names: readonly string[]): Map<string, TenantRow> {
    const out = new Map<string, TenantRow>();
    if (names.length === 0) return out;
    for (const { name_key: key, ...row } of this.stmt.byNameKeys.all(JSON.stringify(names.map(textKey)))) out.set(key, row);
    return out;
  }

  /** A new tenant; returns its id (a fresh one unless given). */
  insert(name: string, backendUrl: string | null, now: number, id: string = randomUUID(), backend: TenantBackendFields = DEFAULT_BACKEND_FIELDS): string {
    this.stmt.insert.run(id, name, textKey(name), backendUrl, urlKey(backendUrl), backend.kind, backend.requestsPerMinute, now, now);
    return id;
  }

  update(id: string, name: string, backendUrl: string | null, backend: TenantBackendFields, now: number): void {
    this.stmt.update.run(name, textKey(name), backendUrl, urlKey(backendUrl), backend.kind, backend.requestsPerMinute, now, id);
  }

  /** A new backend (an import): its URL and kind. */
  setBackend(id: string, backendUrl: string | null, kind: BackendKind, now: number): void {
    this.stmt.setUrl.run(backendUrl, urlKey(backendUrl), kind, now, id);
  }

  /** Deletes the tenant with everything that is its (foreign keys cascade); false when there was none. */
  delete(id: string): boolean {
    return this.stmt.delete.run(id).changes > 0;
  }

  // ---- tags ------------------------------------------------------------------------------

  tagsOf(tenantId: string): string[] {
    return this.stmt.tagsOf.all(tenantId).map((row) => row.tag);
  }

  /** The tags of many tenants (each sorted, as tagsOf) in one statement; a tenant without tags is absent. */
  tagsOfMany(tenantIds: readonly string[]): Map<string, string[]> {
    const out = new Map<string, string[]>();
    if (tenantIds.length === 0) return out;
    for (const [tenantId, tag] of this.stmt.tagsOfTenants.all(JSON.stringify(tenantIds))) {
      const tags = out.get(tenantId);
      if (tags) tags.push(tag);
      else out.set(tenantId, [tag]);
    }
    return out;
  }

  addTags(tenantId: string, tags: readonly string[], now: number): void {
    for (const tag of tags) this.stmt.addTag.run(tenantId, tag, now);
  }

  removeTags(tenantId: string, tags: readonly string[]): void {
    for (const tag of tags) this.stmt.removeTag.run(tenantId, tag);
  }

  /** Every tag in use, with how many tenants have it. */
  tagCounts(): TagCount[] {
    return this.stmt.tagCounts.all();
  }

  /** Every (tenant, tag) pair, by tenant then tag. */
  allTags(): Array<{ tenant_id: string; tag: string }> {
    return this.stmt.allTags.all();
  }
}

function urlKey(url: string | null): string {
  return url === null ? '' : textKey(url);
}
