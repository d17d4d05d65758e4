import type Database from 'better-sqlite3';
import type { VaultCleanup, VaultStatusView } from '../../../shared/schemas/vault-status';
import { toIso, type Clock } from '../clock';
import { MetaStore } from '../meta/meta-store';
import { TenantStore } from '../tenants/tenant-store';
import type { SerialQueue } from './serial-queue';
import type { Vault } from './vault';
import { toVaultError } from './vault-error';
import type { VaultRef } from './vault-ref';

/**
 * The owners the store keeps track of: `isTracked` tells which owners it judges (API connections'
 * secret sets), `list` gives the ones it points at now, by tenant.
 */
export interface TrackedOwners {
  isTracked(owner: string): boolean;
  list(): Array<{ tenant_id: string; owner: string }>;
  /** A set something still needs although no row points at it (a publish in flight sends its values): removeSet leaves it. */
  isPinned?(tenantId: string, owner: string): boolean;
}

/** Told about a clean-up that failed (for the log); the error's message never holds a secret. */
export type HousekeepingLog = (what: string, error: unknown) => void;

const LEFT_FOR_LATER = 'What is left is removed at the next start.';

export interface VaultHousekeepingDeps {
  db: Database.Database;
  vault: Vault;
  queue: SerialQueue;
  clock: Clock;
  owners: TrackedOwners;
  log: HousekeepingLog;
}

/**
 * Keeps the keychain free of entries that belong to nothing:
 * - at start, first, a store that wrote secrets before each store had its own keychain service
 *   moves its entries from the shared service into its own (Vault.adoptSharedEntries; meta
 *   `vault_own_service` once done; until then reads fall back to the shared service);
 * - at start (after the store opened, never blocking it) the sweep removes the entries of tenants
 *   and secret sets the store no longer knows: deleted tenants, purged connections, the old set
 *   of a save whose clean-up failed, a save that crashed before its row was written;
 * - deleting a tenant removes its entries at once; if the keychain cannot be used then, the
 *   next start's sweep does it.
 * A store that never saved a secret (meta `vault_used`, set before the first write through the
 * vault, whoever writes) never touches the keychain at start, nor when a tenant is deleted.
 * Failures are logged and shown in `vault.status`; they never crash anything.
 */
export class VaultHousekeeping {
  private cleanup: VaultCleanup = { state: 'idle', removed: 0, message: null, finishedAt: null };
  private used = false;
  private readonly meta: MetaStore;
  private readonly tenants: TenantStore;
  private readonly worksListeners: Array<() => void> = [];

  private readonly db: Database.Database;
  private readonly vault: Vault;
  private readonly queue: SerialQueue;
  private readonly clock: Clock;
  private readonly owners: TrackedOwners;
  private readonly log: HousekeepingLog;

  constructor(deps: VaultHousekeepingDeps) {
    this.db = deps.db;
    this.vault = deps.vault;
    this.queue = deps.queue;
    this.clock = deps.clock;
    this.owners = deps.owners;
    this.log = deps.log;
    this.meta = new MetaStore(deps.db);
    this.tenants = new TenantStore(deps.db);
    deps.vault.onWrite(() => this.markUsed());
    deps.vault.setSharedEntriesPending(this.sharedEntriesPending());
  }

  /** A store that wrote secrets before each store had its own keychain service may have entries in the shared one. */
  private sharedEntriesPending(): boolean {
    return this.isUsed() && !this.meta.isVaultOwnService();
  }

  /** Told whenever the keychain was just used successfully (a sweep, a clean-up, a status probe). */
  onKeychainWorks(listener: () => void): void {
    this.worksListeners.push(listener);
  }

  private keychainWorks(): void {
    if (!this.db.open) return;
    for (const listener of this.worksListeners) listener();
  }

  /** True once this store has written a secret to the keychain. */
  isUsed(): boolean {
    this.used ||= this.meta.isVaultUsed();
    return this.used;
  }

  /** Before every keychain write (any owner): so that a crash right after it still gets swept at the next start. */
  private markUsed(): void {
    if (this.used) return;
    this.meta.markVaultUsed();
    this.used = true;
  }

  /** The start-up sweep; resolves when it is over (it never rejects). */
  start(): Promise<void> {
    if (!this.isUsed()) return Promise.resolve();
    this.cleanup = { ...this.cleanup, state: 'running', message: null };
    return this.queue.run(async () => {
      try {
        if (this.sharedEntriesPending()) {
          await this.vault.adoptSharedEntries();
          if (this.db.open) this.meta.markVaultOwnService();
        }
        const isKnown = this.knownRefs();
        const removed = await this.vault.sweepOrphans(isKnown);
        this.succeeded(removed, true);
      } catch (error) {
        this.failed('The keychain could not be cleaned up at start', error);
      }
    });
  }

  /** After a tenant was deleted: removes all of its entries (best effort, see the class comment). */
  async forgetTenant(tenantId: string): Promise<void> {
    if (!this.isUsed()) return;
    await this.queue.run(async () => {
      try {
        this.succeeded(await this.vault.deleteTenant(tenantId), false);
      } catch (error) {
        this.failed('The keychain entries of a deleted tenant could not be removed', error);
      }
    });
  }

  /**
   * Removes a secret set the store no longer points at (the old set after a save). Runs inside
   * the caller's queue task. Best effort: what stays is an orphan for the next sweep. `fields`,
   * when the caller knows them, are removed by name (one change of the tenant's sets entry):
   * listing the keychain to find the set's values takes seconds once it holds thousands of entries.
   */
  async removeSet(tenantId: string, owner: string, fields?: readonly string[]): Promise<void> {
    // Whoever unpins it removes it then (the sync engine, when the entry ends), or the next sweep does.
    if (this.owners.isPinned?.(tenantId, owner)) return;
    try {
      let removed = 0;
      if (fields) removed = await this.vault.deleteMany(fields.map((field) => ({ tenantId, owner, field })));
      else removed = await this.vault.deleteOwner(tenantId, owner);
      this.succeeded(removed, false);
    } catch (error) {
      this.failed('The previous secrets of an API connection could not be removed from the keychain', error);
    }
  }

  async status(): Promise<VaultStatusView> {
    const status = await this.queue.run(() => this.vault.status());
    if (status.state === 'available') this.keychainWorks();
    return { ...status, cleanup: { ...this.cleanup } };
  }

  /** A snapshot of what the store knows, taken inside the queue (no save can be half-done then). */
  private knownRefs(): (ref: VaultRef) => boolean {
    const tenants = new Set(this.tenants.allIds());
    const known = new Set(this.owners.list().map((row) => `${row.tenant_id}/${row.owner}`));
    // Owners of other kinds (a later backend session, ...) are not judged here: kept while their tenant exists.
    return (ref) => tenants.has(ref.tenantId) && (!this.owners.isTracked(ref.owner) || known.has(`${ref.tenantId}/${ref.owner}`));
  }

  /** Only a sweep clears an earlier failure: what that failure left stays until a sweep removes it. */
  private succeeded(removed: number, isSweep: boolean): void {
    this.keychainWorks();
    const keepFailure = this.cleanup.state === 'failed' && !isSweep;
    this.cleanup = {
      state: keepFailure ? 'failed' : 'done',
      removed: this.cleanup.removed + removed,
      message: keepFailure ? this.cleanup.message : null,
      finishedAt: toIso(this.clock()),
    };
  }

  private failed(what: string, error: unknown): void {
    const message = `${what}: ${toVaultError(error).message} ${LEFT_FOR_LATER}`;
    this.cleanup = { ...this.cleanup, state: 'failed', message, finishedAt: toIso(this.clock()) };
    this.log('vault clean-up', error);
  }
}
