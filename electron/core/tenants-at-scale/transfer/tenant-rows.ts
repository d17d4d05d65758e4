import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { textKey } from '../../tenants/tenant-keys';

export interface TenantRow {
  id: string;
  name: string;
  backend_url: string | null;
}

/**
 * Tenants as bulk creation (CSV, import) reads and writes them: by the same name key and URL key
 * as TenantService, inside the caller's transaction, without an event per tenant (the caller
 * sends one for the whole batch).
 */
export class TenantRows {
  private readonly stmt;

  constructor(db: Database.Database) {
    this.stmt = {
      byId: db.prepare<[string], TenantRow>('SELECT id, name, backend_url FROM tenants WHERE id = ?'),
      byNameKey: db.prepare<[string], TenantRow>('SELECT id, name, backend_url FROM tenants WHERE name_key = ?'),
      insert: db.prepare<[string, string, string, string | null, string, number, number]>(
        'INSERT INTO tenants (id, name, name_key, backend_url, url_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      setUrl: db.prepare<[string | null, string, number, string]>('UPDATE tenants SET backend_url = ?, url_key = ?, updated_at = ? WHERE id = ?'),
    };
  }

  byId(id: string): TenantRow | undefined {
    return this.stmt.byId.get(id);
  }

  byName(name: string): TenantRow | undefined {
    return this.stmt.byNameKey.get(textKey(name));
  }

  insert(name: string, backendUrl: string | null, now: number): string {
    const id = randomUUID();
    this.stmt.insert.run(id, name, textKey(name), backendUrl, backendUrl === null ? '' : textKey(backendUrl), now, now);
    return id;
  }

  setBackendUrl(id: string, backendUrl: string | null, now: number): void {
    this.stmt.setUrl.run(backendUrl, backendUrl === null ? '' : textKey(backendUrl), now, id);
  }
}
