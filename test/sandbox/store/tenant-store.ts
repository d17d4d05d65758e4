import { randomBytes, randomUUID, scryptSync, timingSafeEqual } from 'node:crypto';
import type { SandboxDb } from './database';

export interface TenantRow {
  id: string;
  username: string;
  name: string;
  crmConnected: boolean;
}

interface DbTenant {
  id: string;
  username: string;
  name: string;
  password_salt: string;
  password_hash: string;
  crm_connected: number;
}

// Cheap on purpose: a bench signs in to a thousand tenants.
const SCRYPT = { N: 1024, r: 8, p: 1 } as const;
const hashPassword = (password: string, salt: string) => scryptSync(password, salt, 32, SCRYPT).toString('hex');

const toRow = (t: DbTenant): TenantRow => ({ id: t.id, username: t.username, name: t.name, crmConnected: t.crm_connected === 1 });

export class TenantStore {
  constructor(private readonly db: SandboxDb) {}

  create(input: { username: string; password: string; name: string; crmConnected: boolean }): TenantRow {
    const id = randomUUID();
    const salt = randomBytes(16).toString('hex');
    this.db
      .prepare(
        `INSERT INTO tenants (id, username, name, password_salt, password_hash, crm_connected, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, input.username, input.name, salt, hashPassword(input.password, salt), input.crmConnected ? 1 : 0, new Date().toISOString());
    return { id, username: input.username, name: input.name, crmConnected: input.crmConnected };
  }

  byUsername(username: string): TenantRow | null {
    const row = this.db.prepare(`SELECT * FROM tenants WHERE username = ?`).get(username) as DbTenant | undefined;
    return row ? toRow(row) : null;
  }

  byId(id: string): TenantRow | null {
    const row = this.db.prepare(`SELECT * FROM tenants WHERE id = ?`).get(id) as DbTenant | undefined;
    return row ? toRow(row) : null;
  }

  /** The tenant when the password is right; null otherwise (unknown user or wrong password alike). */
  authenticate(username: string, password: string): TenantRow | null {
    const row = this.db.prepare(`SELECT * FROM tenants WHERE username = ?`).get(username) as DbTenant | undefined;
    if (!row) return null;
    const expected = Buffer.from(row.password_hash, 'hex');
    const actual = Buffer.from(hashPassword(password, row.password_salt), 'hex');
    return timingSafeEqual(expected, actual) ? toRow(row) : null;
  }

  list(): TenantRow[] {
    return (this.db.prepare(`SELECT * FROM tenants ORDER BY username`).all() as DbTenant[]).map(toRow);
  }

  setCrmConnected(id: string, connected: boolean): void {
    this.db.prepare(`UPDATE tenants SET crm_connected = ? WHERE id = ?`).run(connected ? 1 : 0, id);
  }

  count(): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM tenants`).get() as { n: number }).n;
  }
}
