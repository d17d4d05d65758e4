import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { RpcError } from '../../../shared/rpc/rpc-error';
import {
  tenantCreateInputSchema,
  tenantUpdateInputSchema,
  type Tenant,
  type TenantCreateInput,
  type TenantUpdateInput,
} from '../../../shared/schemas/tenant';
import { entityIdSchema } from '../../../shared/schemas/ids';
import { toIso, type Clock } from '../clock';
import type { EventBus } from '../events/event-bus';
import { invalidInput, parseOrThrow } from '../validation/invalid-input';
import { textKey } from './tenant-keys';

interface TenantRow {
  id: string;
  name: string;
  backend_url: string | null;
  created_at: number;
  updated_at: number;
  unpublished: number;
}

const SELECT_TENANT = `
  SELECT t.id, t.name, t.backend_url, t.created_at, t.updated_at,
    (SELECT COUNT(*) FROM settings_documents d WHERE d.tenant_id = t.id AND d.dirty = 1) AS unpublished
  FROM tenants t`;

/** Tenants: the clients whose chatbots are configured. Inputs are parsed here too (seeding calls in directly). */
export class TenantService {
  private readonly stmt;

  constructor(
    private readonly db: Database.Database,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly onDeleted: (tenantId: string) => void,
  ) {
    this.stmt = {
      byId: db.prepare<[string], TenantRow>(`${SELECT_TENANT} WHERE t.id = ?`),
      exists: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM tenants WHERE id = ?'),
      all: db.prepare<[], TenantRow>(`${SELECT_TENANT} ORDER BY t.name_key, t.name, t.id`),
      search: db.prepare<[string, string], TenantRow>(
        `${SELECT_TENANT} WHERE instr(t.name_key, ?) > 0 OR instr(t.url_key, ?) > 0 ORDER BY t.name_key, t.name, t.id`,
      ),
      byNameKey: db.prepare<[string], { id: string }>('SELECT id FROM tenants WHERE name_key = ?'),
      insert: db.prepare(
        'INSERT INTO tenants (id, name, name_key, backend_url, url_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      update: db.prepare('UPDATE tenants SET name = ?, name_key = ?, backend_url = ?, url_key = ?, updated_at = ? WHERE id = ?'),
      delete: db.prepare('DELETE FROM tenants WHERE id = ?'),
    };
  }

  list(query?: string): Tenant[] {
    const needle = textKey((query ?? '').trim());
    const rows = needle === '' ? this.stmt.all.all() : this.stmt.search.all(needle, needle);
    return rows.map(toTenant);
  }

  get(id: string): Tenant {
    const row = this.stmt.byId.get(id);
    if (!row) throw notFound(id);
    return toTenant(row);
  }

  /** Throws NOT_FOUND unless the tenant exists (cheap: the autosave path calls it). */
  require(id: string): void {
    if (!this.stmt.exists.get(id)) throw notFound(id);
  }

  create(input: TenantCreateInput): Tenant {
    const parsed = parseOrThrow(tenantCreateInputSchema, input);
    const id = randomUUID();
    const now = this.clock();
    const backendUrl = parsed.backendUrl ?? null;
    this.db.transaction(() => {
      this.assertNameFree(parsed.name, null);
      this.stmt.insert.run(id, parsed.name, textKey(parsed.name), backendUrl, urlKey(backendUrl), now, now);
    })();
    this.events.tenantChanged(id);
    return this.get(id);
  }

  update(input: TenantUpdateInput): Tenant {
    const parsed = parseOrThrow(tenantUpdateInputSchema, input);
    this.db.transaction(() => {
      const current = this.get(parsed.id);
      const name = parsed.name ?? current.name;
      const backendUrl = parsed.backendUrl === undefined ? current.backendUrl : parsed.backendUrl;
      if (parsed.name !== undefined) this.assertNameFree(name, parsed.id);
      this.stmt.update.run(name, textKey(name), backendUrl, urlKey(backendUrl), this.clock(), parsed.id);
    })();
    this.events.tenantChanged(parsed.id);
    return this.get(parsed.id);
  }

  /** Deletes the tenant with its documents, revisions and catalog (foreign keys cascade). */
  delete(id: string): { id: string } {
    const parsedId = parseOrThrow(entityIdSchema, id, ['id']);
    const { changes } = this.stmt.delete.run(parsedId);
    if (changes === 0) throw notFound(parsedId);
    this.onDeleted(parsedId);
    this.events.tenantChanged(parsedId);
    return { id: parsedId };
  }

  private assertNameFree(name: string, exceptId: string | null): void {
    const other = this.stmt.byNameKey.get(textKey(name));
    if (other && other.id !== exceptId) throw invalidInput([{ path: ['name'], message: 'tenant.name.duplicate' }]);
  }
}

function urlKey(url: string | null): string {
  return url === null ? '' : textKey(url);
}

function notFound(id: string): RpcError {
  return new RpcError('NOT_FOUND', `Tenant ${id} does not exist.`);
}

function toTenant(row: TenantRow): Tenant {
  return {
    id: row.id,
    name: row.name,
    backendUrl: row.backend_url,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    unpublishedCount: row.unpublished,
  };
}
