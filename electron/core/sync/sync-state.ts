import type Database from 'better-sqlite3';
import type { SyncStatus } from '../../../shared/schemas/sync';
import { toIso, type Clock } from '../clock';
import { syncStateStatements } from './sync-store';
import { backendCapabilitiesSchema, type BackendCapabilities } from '../../../shared/wire/qontak/capabilities';

const SUCCESS_WRITE_INTERVAL_MS = 1000;

export interface SyncStateStoreDeps {
  db: Database.Database;
  clock: Clock;
}

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

  private readonly db: Database.Database;
  private readonly clock: Clock;

  constructor(deps: SyncStateStoreDeps) {
    this.db = deps.db;
    this.clock = deps.clock;
    this.stmt = syncStateStatements(deps.db);
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
      capabilities: parseCapabilities(row?.capabilities_json ?? null),
    };
  }

  /** What the tenant's backend was last found to offer; null: not known yet (never signed in or pulled, or signed out). */
  capabilities(tenantId: string): BackendCapabilities | null {
    return parseCapabilities(this.stmt.get.get(tenantId)?.capabilities_json ?? null);
  }

  /** Records what the backend offers (after sign-in and each pull); null forgets it (sign-out, another backend). */
  setCapabilities(tenantId: string, capabilities: BackendCapabilities | null): void {
    this.write('capabilities', { tenantId, json: capabilities === null ? null : JSON.stringify(backendCapabilitiesSchema.parse(capabilities)) });
  }

  /** The backends of the signed-in tenants, each with its tenants (the health check's targets). */
  signedInBackends(): Array<{ baseUrl: string; tenantIds: string[] }> {
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
    return this.stmt.clearErrorsOfCode.run(code).changes;
  }

  private write(which: 'signedIn' | 'online' | 'success' | 'error' | 'clearError' | 'capabilities', params: Record<string, unknown>): void {
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

/** A JSON column read back: parsed with its schema; a damaged value counts as unknown. */
function parseCapabilities(json: string | null): BackendCapabilities | null {
  if (json === null) return null;
  try {
    const parsed = backendCapabilitiesSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
