import { randomUUID } from 'node:crypto';
import { RpcError } from '../../../shared/rpc/rpc-error';
import { loadKeytar, type KeychainBackend } from './keychain-backend';
import { findCredentialsSettled } from './keychain-listing';
import { inParallel } from './in-parallel';
import { TenantLocks } from '../sync/tenant-lock';
import { SerialQueue } from './serial-queue';
import { addWithin, parseTenantSets, readableTenantSets, refsOfSets, removeValue, serializeTenantSets, tenantSetsValues, type TenantSets } from './tenant-sets';
import {
  accountOf,
  assertValidRef,
  installationPrefix,
  isSetOwner,
  parseAccount,
  setsAccountOf,
  SHARED_VAULT_SERVICE,
  tenantOfSetsAccount,
  tenantPrefix,
  vaultServiceOf,
  type VaultRef,
} from './vault-ref';
import { missingValueMessage, toVaultError, VaultError, type VaultReason } from './vault-error';

export interface VaultStatus {
  state: 'available' | 'unavailable';
  reason?: VaultReason;
  message: string;
}

export interface VaultOptions {
  /**
   * The store's installation id (a UUID): every account this vault writes, lists or removes starts
   * with it, so that stores sharing the keychain never touch each other's entries (vault-ref.ts).
   */
  installationId: string;
  /** Defaults to keytar. */
  backend?: KeychainBackend | (() => Promise<KeychainBackend>);
  /** A keychain call that takes longer fails as UNKNOWN (an unlock prompt left open, a hung daemon). */
  timeoutMs?: number;
  /** The largest sets entry (UTF-8 bytes) written; a set beyond it keeps one entry per value. Defaults to SETS_MAX_BYTES. */
  setsMaxBytes?: number;
}

/**
 * The largest sets entry written (vault-ref.ts): Windows' Credential Manager takes at most 2,560
 * bytes a credential (5 × 512); the other keychains take far more, bounded here so that rewriting a
 * tenant's entry stays cheap.
 */
const SETS_MAX_BYTES = process.platform === 'win32' ? 2_560 : 64 * 1024;

/** A value to write and where. */
export interface VaultWrite {
  ref: VaultRef;
  value: string;
}

/** Keychain reads in flight at once in getMany (GNOME Keyring answers about two at a time; more only queue in its daemon). */
const READ_PARALLELISM = 4;

/** Accounts (after the store's prefix) of the probe entries status() writes and removes; never a valid ref, so a leftover is an orphan. */
const PROBE_PREFIX = '~probe/';

/**
 * The app's secrets in the OS keychain (keytar over libsecret on Linux, Keychain on macOS,
 * Credential Vault on Windows). Every failure is a VaultError with a reason and a message for
 * the user; nothing is ever stored anywhere else instead.
 *
 * Why status() writes a probe rather than listing: on a locked GNOME keyring keytar's
 * findCredentials crashes the process (it dereferences the missing secret of a locked item), and
 * getPassword answers null exactly as if nothing were stored. Only a write tells "locked" apart.
 * For the same reason, every listing first makes sure the keyring is writable.
 *
 * One vault serves one store: its own service (vault-ref.ts), and within it only the accounts
 * under its installation id's prefix. Until the store's entries left in the service all stores
 * once shared are moved (adoptSharedEntries, at start), reads fall back to that service and an
 * entry's removal reaches it too, so nothing is missing meanwhile and nothing removed comes back
 * (what a tenant's or an owner's removal leaves there is moved, then swept as an orphan).
 */
export class Vault {
  /** The store's own keychain service. */
  readonly service: string;
  readonly installationId: string;
  /** `<installationId>/`: the start of every account of this store. */
  readonly accountPrefix: string;
  private readonly backendSource: () => Promise<KeychainBackend>;
  private readonly timeoutMs: number;
  private readonly setsMaxBytes: number;
  private writeListener: (() => void) | null = null;
  private sharedEntriesPending = false;
  /** One read-change-write of a tenant's sets entry at a time. */
  private readonly setsLocks = new TenantLocks();
  /**
   * Probes and listings one at a time. A probe creates and removes an entry; a listing that finds
   * it and then reads its secret after it is gone fails, or — in keytar's native code, when the
   * secret comes back empty — ends the process. A probe may run outside the core's keychain queue
   * (a value found missing while the publish reads ahead), a listing inside it.
   */
  private readonly probeOrList = new SerialQueue();

  constructor(options: VaultOptions) {
    this.accountPrefix = installationPrefix(options.installationId);
    this.service = vaultServiceOf(options.installationId);
    this.installationId = options.installationId;
    const backend = options.backend ?? loadKeytar;
    this.backendSource = typeof backend === 'function' ? backend : () => Promise.resolve(backend);
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.setsMaxBytes = options.setsMaxBytes ?? SETS_MAX_BYTES;
  }

  async status(): Promise<VaultStatus> {
    try {
      await this.probe();
      return { state: 'available', message: 'The OS keychain is available.' };
    } catch (error) {
      const vaultError = toVaultError(error);
      return { state: 'unavailable', reason: vaultError.reason, message: vaultError.message };
    }
  }

  /** Told before every write: the store notes that it has secrets to clean up some day (vault-housekeeping.ts). */
  onWrite(listener: (() => void) | null): void {
    this.writeListener = listener;
  }

  /** Told by the store whether it may still have entries in the shared service (vault-housekeeping.ts). */
  setSharedEntriesPending(pending: boolean): void {
    this.sharedEntriesPending = pending;
  }

  async set(ref: VaultRef, value: string): Promise<void> {
    await this.setMany([{ ref, value }]);
  }

  /**
   * Several values. Those of set owners (vault-ref.ts) go into their tenant's sets entry, one write
   * per tenant — all of them or none — unless the entry would grow beyond what the keychain takes:
   * then, like the values of other owners, one entry each.
   */
  async setMany(writes: readonly VaultWrite[]): Promise<void> {
    for (const { ref, value } of writes) {
      assertValidRef(ref);
      // The keychain refuses empty secrets; callers keep "empty" as a flag (see api-connection-secrets).
      if (value.length === 0) throw new RpcError('INTERNAL', `An empty value cannot be stored in the keychain (${ref.field}).`);
    }
    const separate = writes.filter((write) => !isSetOwner(write.ref.owner));
    for (const [tenantId, items] of groupBy(writes.filter((write) => isSetOwner(write.ref.owner)), (write) => write.ref.tenantId)) {
      const fitted = await this.changeSets(tenantId, (sets) => addWithin(sets, items, this.setsMaxBytes));
      if (!fitted) separate.push(...items);
    }
    for (const { ref, value } of separate) {
      this.writeListener?.();
      await this.call((k) => k.setPassword(this.service, accountOf(this.installationId, ref), value), [value]);
    }
  }

  /**
   * The stored value, or null when there is none. With `expectPresent` (the app knows it stored
   * one), null is the keychain's silent failure and becomes a MISSING_VALUE VaultError.
   */
  async get(ref: VaultRef, options: { expectPresent?: boolean; label?: string } = {}): Promise<string | null> {
    assertValidRef(ref);
    const inSets = isSetOwner(ref.owner) ? ((await this.readSets(ref.tenantId)).get(ref.owner)?.get(ref.field) ?? null) : null;
    return inSets ?? this.getSeparate(ref, options);
  }

  /** A value kept in an entry of its own (any owner's; a set's when it did not fit in its tenant's entry, or was written before). */
  private async getSeparate(ref: VaultRef, options: { expectPresent?: boolean; label?: string }): Promise<string | null> {
    const account = accountOf(this.installationId, ref);
    let value = await this.call((k) => k.getPassword(this.service, account));
    if (value === null && this.sharedEntriesPending) value = await this.call((k) => k.getPassword(SHARED_VAULT_SERVICE, account));
    if (value !== null || !options.expectPresent) return value;
    const locked = await this.probe().then(
      () => false,
      () => true,
    );
    throw new VaultError('MISSING_VALUE', missingValueMessage(options.label ?? `the secret “${ref.field}”`, locked));
  }

  /**
   * Several values, in the order of `refs`, each as get() reads it (with `expectPresent`, a missing
   * one fails as get() says): each tenant's sets entry once, then what those did not hold one by
   * one (GNOME Keyring has no cheaper way to read a few entries: its findCredentials reads every
   * entry of the service). Up to READ_PARALLELISM calls in flight, as the keyring serves a few at
   * once. The first failure is thrown once every call started has ended.
   */
  async getMany(refs: readonly VaultRef[], options: { expectPresent?: boolean; label?: (ref: VaultRef) => string } = {}): Promise<Array<string | null>> {
    for (const ref of refs) assertValidRef(ref);
    const tenants = [...new Set(refs.filter((ref) => isSetOwner(ref.owner)).map((ref) => ref.tenantId))];
    const setsOf = new Map<string, TenantSets>();
    await inParallel(tenants, READ_PARALLELISM, async (tenantId) => void setsOf.set(tenantId, await this.readSets(tenantId)));
    const values = refs.map((ref) => setsOf.get(ref.tenantId)?.get(ref.owner)?.get(ref.field) ?? null);
    const rest = refs.flatMap((ref, index) => (values[index] === null ? [index] : []));
    await inParallel(rest, READ_PARALLELISM, async (index) => {
      const ref = refs[index]!;
      values[index] = await this.getSeparate(ref, { expectPresent: options.expectPresent, label: options.label?.(ref) });
    });
    return values;
  }

  /** Removes several values (a set's fields): one change of each tenant's sets entry, then the values kept apart. Returns how many were removed. */
  async deleteMany(refs: readonly VaultRef[]): Promise<number> {
    for (const ref of refs) assertValidRef(ref);
    let removed = 0;
    const apart: VaultRef[] = refs.filter((ref) => !isSetOwner(ref.owner));
    for (const [tenantId, inTenant] of groupBy(refs.filter((ref) => isSetOwner(ref.owner)), (ref) => ref.tenantId)) {
      const found = await this.changeSets(tenantId, (sets) => inTenant.map((ref) => removeValue(sets, ref)));
      removed += found.filter(Boolean).length;
      apart.push(...inTenant.filter((_, i) => !found[i]));
    }
    for (const ref of apart) if (await this.delete(ref)) removed++;
    return removed;
  }

  /** True when a value was removed. */
  async delete(ref: VaultRef): Promise<boolean> {
    const account = accountOf(this.installationId, ref);
    if (isSetOwner(ref.owner)) {
      const fromSets = await this.changeSets(ref.tenantId, (sets) => removeValue(sets, ref));
      if (fromSets) return true;
    }
    const removed = await this.call((k) => k.deletePassword(this.service, account));
    if (!this.sharedEntriesPending) return removed;
    return (await this.call((k) => k.deletePassword(SHARED_VAULT_SERVICE, account))) || removed;
  }

  /** The refs (never the values) of a tenant's values in this store: in its sets entry and in entries of their own. */
  async listByTenant(tenantId: string): Promise<VaultRef[]> {
    const { separate, sets } = await this.tenantEntries(tenantId);
    return [...refsOfSets(tenantId, sets), ...separate];
  }

  /** Removes every value of one owner (an API connection being deleted); returns how many. */
  async deleteOwner(tenantId: string, owner: string): Promise<number> {
    assertValidRef({ tenantId, owner, field: 'x' });
    let removed = 0;
    if (isSetOwner(owner)) {
      removed += await this.changeSets(tenantId, (sets) => {
        const count = sets.get(owner)?.size ?? 0;
        sets.delete(owner);
        return count;
      });
    }
    const { separate } = await this.tenantEntries(tenantId);
    return removed + (await this.deleteAll(separate.filter((ref) => ref.owner === owner).map((ref) => accountOf(this.installationId, ref))));
  }

  /** Removes every value of a tenant being deleted; returns how many. */
  async deleteTenant(tenantId: string): Promise<number> {
    const removed = await this.changeSets(tenantId, (sets) => {
      const count = refsOfSets(tenantId, sets).length;
      sets.clear();
      return count;
    });
    const { separate } = await this.tenantEntries(tenantId);
    return removed + (await this.deleteAll(separate.map((ref) => accountOf(this.installationId, ref))));
  }

  /**
   * At start: removes this store's values that belong to nothing — whose ref `isKnown` denies, and
   * accounts under the store's prefix that this app cannot read (left-over probes, older formats,
   * a damaged sets entry) — and moves the values of sets still kept one per entry (written before
   * the sets entries) into their tenant's sets entry where they fit. Other stores' entries are never
   * looked at. Returns how many values were removed.
   */
  async sweepOrphans(isKnown: (ref: VaultRef) => boolean | Promise<boolean>): Promise<number> {
    const orphans: string[] = [];
    const toMove: Array<{ account: string; ref: VaultRef; value: string }> = [];
    const judged = new Map<string, VaultRef[]>();
    for (const { account, password } of await this.credentials()) {
      const setsTenant = tenantOfSetsAccount(this.installationId, account);
      if (setsTenant !== null) {
        const sets = parseTenantSets(password);
        if (sets === null) orphans.push(account);
        else {
          const unknown: VaultRef[] = [];
          for (const ref of refsOfSets(setsTenant, sets)) if (!(await isKnown(ref))) unknown.push(ref);
          judged.set(setsTenant, unknown);
        }
        continue;
      }
      const ref = parseAccount(this.installationId, account);
      if (ref === null || !(await isKnown(ref))) orphans.push(account);
      else if (isSetOwner(ref.owner)) toMove.push({ account, ref, value: password });
    }
    let removed = await this.deleteAll(orphans);
    // Judged on the listing; the entry is read again when changed, and values written since are not judged here.
    for (const [tenantId, unknown] of judged) {
      if (unknown.length === 0) continue;
      removed += await this.changeSets(tenantId, (sets) => {
        let count = 0;
        for (const ref of unknown) if (removeValue(sets, ref)) count++;
        return count;
      });
    }
    for (const [tenantId, items] of groupBy(toMove, (item) => item.ref.tenantId)) {
      const moved = await this.changeSets(tenantId, (sets) => {
        // A whole owner at a time, and only one the entry does not hold: a set is never split or replaced by this move.
        for (const [owner, writes] of groupBy(items, (item) => item.ref.owner)) if (!sets.has(owner)) addWithin(sets, writes, this.setsMaxBytes);
        // Owners the entry holds now: their entries of their own are copies (a move cut short) or moved.
        return new Set(sets.keys());
      });
      await this.deleteAll(items.filter((item) => moved.has(item.ref.owner)).map((item) => item.account));
    }
    return removed;
  }

  /**
   * Moves this store's entries from the service all stores once shared (SHARED_VAULT_SERVICE)
   * into its own; a value already in its own service is newer and stays. The shared service is
   * listed once for it; other stores' entries there are left alone. Returns how many moved.
   */
  async adoptSharedEntries(): Promise<number> {
    await this.probe();
    const shared = (await this.list(SHARED_VAULT_SERVICE)).filter((c) => c.account.startsWith(this.accountPrefix));
    let moved = 0;
    for (const { account, password } of shared) {
      if (!(await this.ownHas(account))) {
        await this.call((k) => k.setPassword(this.service, account, password), [password]);
        moved++;
      }
      await this.call((k) => k.deletePassword(SHARED_VAULT_SERVICE, account));
    }
    this.sharedEntriesPending = false;
    return moved;
  }

  /** This store's own service holds a value for `account` (in its tenant's sets entry, or in an entry of its own). */
  private async ownHas(account: string): Promise<boolean> {
    const ref = parseAccount(this.installationId, account);
    if (ref !== null && isSetOwner(ref.owner) && (await this.readSets(ref.tenantId)).get(ref.owner)?.has(ref.field)) return true;
    return (await this.call((k) => k.getPassword(this.service, account))) !== null;
  }

  private async deleteAll(accounts: string[]): Promise<number> {
    let removed = 0;
    for (const account of accounts) if (await this.call((k) => k.deletePassword(this.service, account))) removed++;
    return removed;
  }

  /**
   * This store's entries (only those under its prefix), after making sure listing cannot crash
   * (see the class comment). An entry removed by another process while being listed is gone, not a failure.
   */
  private async credentials(): Promise<Array<{ account: string; password: string }>> {
    await this.probe();
    const credentials = await this.list(this.service);
    return credentials.filter((c) => c.account.startsWith(this.accountPrefix));
  }

  /** A tenant's values in entries of their own, and its sets entry (null when it has none or it is damaged), from one listing. */
  private async tenantEntries(tenantId: string): Promise<{ separate: VaultRef[]; sets: TenantSets | null }> {
    const prefix = tenantPrefix(this.installationId, tenantId);
    const separate: VaultRef[] = [];
    let sets: TenantSets | null = null;
    for (const { account, password } of await this.credentials()) {
      if (!account.startsWith(prefix)) continue;
      if (tenantOfSetsAccount(this.installationId, account) === tenantId) {
        sets = parseTenantSets(password);
        continue;
      }
      const ref = parseAccount(this.installationId, account);
      if (ref !== null) separate.push(ref);
    }
    return { separate, sets };
  }

  /** A tenant's sets entry as it is now (empty when it has none; a damaged one holds nothing this app can read). */
  private async readSets(tenantId: string): Promise<TenantSets> {
    return readableTenantSets(await this.call((k) => k.getPassword(this.service, setsAccountOf(this.installationId, tenantId))));
  }

  /**
   * Reads the tenant's sets entry, lets `change` change it, and writes it back when it changed
   * (removes it once empty); one change at a time per tenant, so that none is lost. Resolves with
   * what `change` returned, once written.
   */
  private changeSets<T>(tenantId: string, change: (sets: TenantSets) => T): Promise<T> {
    return this.setsLocks.run(tenantId, async () => {
      const account = setsAccountOf(this.installationId, tenantId);
      const before = await this.call((k) => k.getPassword(this.service, account));
      const sets = readableTenantSets(before);
      const result = change(sets);
      const after = sets.size === 0 ? null : serializeTenantSets(sets);
      if (after === before) return result;
      if (after === null) {
        await this.call((k) => k.deletePassword(this.service, account));
      } else {
        this.writeListener?.();
        await this.call((k) => k.setPassword(this.service, account, after), [after, ...tenantSetsValues(sets)]);
      }
      return result;
    });
  }

  /** Writes, reads back and removes a throw-away entry: fails with the reason when the keychain cannot be used. */
  private probe(): Promise<void> {
    return this.probeOrList.run(async () => {
      const account = `${this.accountPrefix}${PROBE_PREFIX}${randomUUID()}`;
      const value = randomUUID();
      await this.call((k) => k.setPassword(this.service, account, value));
      try {
        const read = await this.call((k) => k.getPassword(this.service, account));
        if (read !== value) throw new VaultError('UNKNOWN', 'The OS keychain accepted a value but did not give it back. Restart the keyring service or your session, then try again.');
      } finally {
        await this.call((k) => k.deletePassword(this.service, account)).catch(() => false);
      }
    });
  }

  /** Every entry of `service`, listed while no probe runs (see probeOrList). */
  private list(service: string): Promise<Array<{ account: string; password: string }>> {
    return this.probeOrList.run(() => this.call((k) => findCredentialsSettled(k, service)));
  }

  /** One keychain call: bounded in time, its failure a VaultError that never quotes `secrets`. */
  private async call<T>(run: (backend: KeychainBackend) => Promise<T>, secrets: readonly string[] = []): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new VaultError('UNKNOWN', `The OS keychain did not answer within ${Math.round(this.timeoutMs / 1000)} s. If an unlock prompt is open, answer it; otherwise restart the keyring service, then try again.`)),
        this.timeoutMs,
      );
    });
    try {
      const backend = await this.backendSource().catch((error: unknown) => {
        throw new VaultError('UNKNOWN', `The keychain library (keytar) could not be loaded: ${error instanceof Error ? error.message.slice(0, 200) : 'unknown error'}. Install libsecret, then restart the app.`);
      });
      return await Promise.race([run(backend), timeout]);
    } catch (error) {
      throw toVaultError(error, secrets);
    } finally {
      clearTimeout(timer);
    }
  }
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
