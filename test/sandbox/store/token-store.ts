import { createHash, randomBytes } from 'node:crypto';
import type { SandboxDb } from './database';

export type TokenCheck =
  | { ok: true; tenantId: string }
  | { ok: false; reason: 'unknown' | 'expired' | 'revoked' };

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  createdAt: number;
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = (prefix: string) => `${prefix}_${randomBytes(32).toString('base64url')}`;

interface DbToken {
  tenant_id: string;
  kind: 'access' | 'refresh';
  expires_at: number;
  revoked: number;
  spent_at: number | null;
}

export interface TokenLifetimes {
  accessSeconds: number;
  refreshSeconds: number;
  /**
   * For how long a spent refresh token is still accepted (0: not at all). Identity providers
   * with rotation offer such a grace so that a client whose answer to a refresh was lost can
   * repeat it with the same token; each use issues a new pair.
   */
  refreshReuseGraceSeconds?: number;
}

/** Access and refresh tokens. Refresh tokens rotate: using one spends it (after the reuse grace, it is refused). */
export class TokenStore {
  constructor(
    private readonly db: SandboxDb,
    private readonly ttl: TokenLifetimes,
    private readonly now: () => number,
  ) {}

  issue(tenantId: string): IssuedTokens {
    const now = this.now();
    const accessToken = newToken('sbx_at');
    const refreshToken = newToken('sbx_rt');
    const insert = this.db.prepare(`INSERT INTO tokens (hash, tenant_id, kind, expires_at, created_at) VALUES (?, ?, ?, ?, ?)`);
    insert.run(hash(accessToken), tenantId, 'access', now + this.ttl.accessSeconds * 1000, now);
    insert.run(hash(refreshToken), tenantId, 'refresh', now + this.ttl.refreshSeconds * 1000, now);
    return { accessToken, refreshToken, expiresIn: this.ttl.accessSeconds, createdAt: Math.floor(now / 1000) };
  }

  private check(token: string, kind: DbToken['kind']): TokenCheck {
    const row = this.db.prepare(`SELECT tenant_id, kind, expires_at, revoked, spent_at FROM tokens WHERE hash = ?`).get(hash(token)) as DbToken | undefined;
    if (!row || row.kind !== kind) return { ok: false, reason: 'unknown' };
    if (row.revoked === 1) return { ok: false, reason: 'revoked' };
    if (row.spent_at !== null && this.now() - row.spent_at > (this.ttl.refreshReuseGraceSeconds ?? 0) * 1000) return { ok: false, reason: 'revoked' };
    if (row.expires_at <= this.now()) return { ok: false, reason: 'expired' };
    return { ok: true, tenantId: row.tenant_id };
  }

  checkAccess(token: string): TokenCheck {
    return this.check(token, 'access');
  }

  /** Spends a refresh token (a spent one within the reuse grace stays spent since its first use) and issues a new pair, atomically. */
  refresh(refreshToken: string): ({ ok: true; tenantId: string } & IssuedTokens) | { ok: false; reason: 'unknown' | 'expired' | 'revoked' } {
    return this.db.transaction(() => {
      const checked = this.check(refreshToken, 'refresh');
      if (!checked.ok) return checked;
      this.db.prepare(`UPDATE tokens SET spent_at = ? WHERE hash = ? AND spent_at IS NULL`).run(this.now(), hash(refreshToken));
      return { ok: true as const, tenantId: checked.tenantId, ...this.issue(checked.tenantId) };
    })();
  }

  /** Whose token this is, valid or not (fault rules filter by tenant). */
  tenantOf(token: string): string | null {
    const row = this.db.prepare(`SELECT tenant_id FROM tokens WHERE hash = ?`).get(hash(token)) as { tenant_id: string } | undefined;
    return row?.tenant_id ?? null;
  }

  /** Revokes every token of a tenant: its requests get 401 and its refresh fails until it signs in again. */
  revokeAll(tenantId: string): number {
    return this.db.prepare(`UPDATE tokens SET revoked = 1 WHERE tenant_id = ? AND revoked = 0`).run(tenantId).changes;
  }
}
