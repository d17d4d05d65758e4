import type Database from 'better-sqlite3';
import type { SyncStatus } from '../../../shared/schemas/sync';
import { toIso, type Clock } from '../clock';

interface StateRow {
  signed_in: number;
  username: string | null;
  online: number | null;
  last_sync_at: number | null;
  last_error_code: string | null;
  last_error: string | null;
  last_error_at: number | null;
}

const SUCCESS_WRITE_INTERVAL_MS = 1000;

/**
 * Each tenant's sync state in SQLite: signed in (a flag and the username, never a token), online,
 * last successful sync, last error. The online flag is written only when it changes: it is told
 * after every request.
 */
export class SyncStateStore {
  private readonly onlineCache = new Map<string, boolean>();
  /** When each tenant's success was last written (and no error since): a publish succeeds many times a second. */
  private readonly successWritten = new Map<string, number>();
  private readonly rowKnown = new Set<string>();
  private readonly stmt;

  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock,
  ) {
    const upsert = (set: string) => db.prepare(`UPDATE sync_state SET ${set}, updated_at = @now WHERE tenant_id = @tenantId`);
    this.stmt = {
      ensure: db.prepare('INSERT INTO sync_state (tenant_id, updated_at) VALUES (?, ?) ON CONFLICT (tenant_id) DO NOTHING'),
      get: db.prepare<[string], StateRow>(
        'SELECT signed_in, username, online, last_sync_at, last_error_code, last_error, last_error_at FROM sync_state WHERE tenant_id = ?',
      ),
      signedIn: upsert('signed_in = @signedIn, username = COALESCE(@username, username)'),
      online: upsert('online = @online'),
      success: upsert('last_sync_at = @now, online = 1, last_error_code = NULL, last_error = NULL, last_error_at = NULL'),
      error: upsert('last_error_code = @code, last_error = @message, last_error_at = @now'),
      clearError: upsert('last_error_code = NULL, last_error = NULL, last_error_at = NULL'),
      clearErrorsOfCode: db.prepare<[string]>('UPDATE sync_state SET last_error_code = NULL, last_error = NULL, last_error_at = NULL WHERE last_error_code = ?'),
      counts: db.prepare<[string, string], { unpublished: number; conflicts: number }>(`SELECT
        (SELECT COUNT(*) FROM settings_documents WHERE tenant_id = ? AND dirty = 1) AS unpublished,
        (SELECT COUNT(*) FROM document_conflicts WHERE tenant_id = ?) AS conflicts`),
      signedInBackends: db.prepare<[], { tenant_id: string; backend_url: string }>(
        'SELECT s.tenant_id, t.backend_url FROM sync_state s JOIN tenants t ON t.id = s.tenant_id WHERE s.signed_in = 1 AND t.backend_url IS NOT NULL ORDER BY t.backend_url',
      ),
      catalogFetchedAt: db.prepare<[string], { fetched_at: number }>('SELECT fetched_at FROM catalog_state WHERE tenant_id = ?'),
    };
  }

  status(tenantId: string): SyncStatus {
    const row = this.stmt.get.get(tenantId);
    const counts = this.stmt.counts.get(tenantId, tenantId)!;
    const fetched = this.stmt.catalogFetchedAt.get(tenantId);
    return {
      tenantId,
      signedIn: row?.signed_in === 1,
      username: row?.username ?? null,
      online: row?.online === null || row?.online === undefined ? null : row.online === 1,
      lastSyncAt: row?.last_sync_at ? toIso(row.last_sync_at) : null,
      lastError:
        row?.last_error_code && row.last_error && row.last_error_at
          ? { code: row.last_error_code, message: row.last_error, at: toIso(row.last_error_at) }
          : null,
      unpublishedCount: counts.unpublished,
      conflictCount: counts.conflicts,
      catalogFetchedAt: fetched ? toIso(fetched.fetched_at) : null,
    };
  }

  /** The backends of the signed-in tenants, each with its tenants (the health check's targets). */
  signedInBackends(): Array<{ baseUrl: string; tenantIds: string[] }> {
    if (!this.db.open) return [];
    const byUrl = new Map<string, string[]>();
    for (const row of this.stmt.signedInBackends.all()) byUrl.set(row.backend_url, [...(byUrl.get(row.backend_url) ?? []), row.tenant_id]);
    return [...byUrl].map(([baseUrl, tenantIds]) => ({ baseUrl, tenantIds }));
  }

  isSignedIn(tenantId: string): boolean {
    return this.stmt.get.get(tenantId)?.signed_in === 1;
  }

  setSignedIn(tenantId: string, signedIn: boolean, username: string | null = null): void {
    this.write('signedIn', { tenantId, signedIn: signedIn ? 1 : 0, username });
  }

  /** Told after each request; writes only a change. Returns true when it changed. */
  setOnline(tenantId: string, online: boolean): boolean {
    if (this.onlineCache.get(tenantId) === online) return false;
    this.onlineCache.set(tenantId, online);
    this.write('online', { tenantId, online: online ? 1 : 0 });
    return true;
  }

  /** The last successful sync is written at most once a second per tenant (an error in between is cleared at once). */
  recordSuccess(tenantId: string): void {
    this.onlineCache.set(tenantId, true);
    const now = this.clock();
    const last = this.successWritten.get(tenantId);
    if (last !== undefined && now - last >= 0 && now - last < SUCCESS_WRITE_INTERVAL_MS) return;
    this.write('success', { tenantId });
    this.successWritten.set(tenantId, now);
  }

  recordError(tenantId: string, code: string, message: string): void {
    this.successWritten.delete(tenantId);
    this.write('error', { tenantId, code, message: message.slice(0, 1000) });
  }

  clearError(tenantId: string): void {
    this.write('clearError', { tenantId });
  }

  /** Forgets every tenant's last error with this code (its cause is gone: the keychain works again). Returns how many. */
  clearErrorsOfCode(code: string): number {
    if (!this.db.open) return 0;
    return this.stmt.clearErrorsOfCode.run(code).changes;
  }

  private write(which: 'signedIn' | 'online' | 'success' | 'error' | 'clearError', params: Record<string, unknown>): void {
    const now = this.clock();
    const tenantId = params.tenantId as string;
    if (which !== 'success' && which !== 'online') this.successWritten.delete(tenantId);
    this.db.transaction(() => {
      if (!this.rowKnown.has(tenantId)) this.stmt.ensure.run(tenantId, now);
      this.stmt[which].run({ ...params, now });
    })();
    this.rowKnown.add(tenantId);
  }
}
