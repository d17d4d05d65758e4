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

/**
 * Each tenant's sync state in SQLite: signed in (a flag and the username, never a token), online,
 * last successful sync, last error. The online flag is written only when it changes: it is told
 * after every request.
 */
export class SyncStateStore {
  private readonly onlineCache = new Map<string, boolean>();
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
      counts: db.prepare<[string, string], { unpublished: number; conflicts: number }>(`SELECT
        (SELECT COUNT(*) FROM settings_documents WHERE tenant_id = ? AND dirty = 1) AS unpublished,
        (SELECT COUNT(*) FROM document_conflicts WHERE tenant_id = ?) AS conflicts`),
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

  recordSuccess(tenantId: string): void {
    this.onlineCache.set(tenantId, true);
    this.write('success', { tenantId });
  }

  recordError(tenantId: string, code: string, message: string): void {
    this.write('error', { tenantId, code, message: message.slice(0, 1000) });
  }

  clearError(tenantId: string): void {
    this.write('clearError', { tenantId });
  }

  private write(which: 'signedIn' | 'online' | 'success' | 'error' | 'clearError', params: Record<string, unknown>): void {
    const now = this.clock();
    this.db.transaction(() => {
      this.stmt.ensure.run(params.tenantId, now);
      this.stmt[which].run({ ...params, now });
    })();
  }
}
