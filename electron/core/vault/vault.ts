import { randomUUID } from 'node:crypto';
import { RpcError } from '../../../shared/rpc/rpc-error';
import { loadKeytar, type KeychainBackend } from './keychain-backend';
import { findCredentialsSettled } from './keychain-listing';
import { accountOf, assertValidRef, installationPrefix, parseAccount, SHARED_VAULT_SERVICE, tenantPrefix, vaultServiceOf, type VaultRef } from './vault-ref';
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
  private writeListener: (() => void) | null = null;
  private sharedEntriesPending = false;

  constructor(options: VaultOptions) {
    this.accountPrefix = installationPrefix(options.installationId);
    this.service = vaultServiceOf(options.installationId);
    this.installationId = options.installationId;
    const backend = options.backend ?? loadKeytar;
    this.backendSource = typeof backend === 'function' ? backend : () => Promise.resolve(backend);
    this.timeoutMs = options.timeoutMs ?? 30_000;
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
    const account = accountOf(this.installationId, ref);
    // The keychain refuses empty secrets; callers keep "empty" as a flag (see api-connection-secrets).
    if (value.length === 0) throw new RpcError('INTERNAL', `An empty value cannot be stored in the keychain (${ref.field}).`);
    this.writeListener?.();
    await this.call((k) => k.setPassword(this.service, account, value), [value]);
  }

  /**
   * The stored value, or null when there is none. With `expectPresent` (the app knows it stored
   * one), null is the keychain's silent failure and becomes a MISSING_VALUE VaultError.
   */
  async get(ref: VaultRef, options: { expectPresent?: boolean; label?: string } = {}): Promise<string | null> {
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
   * one fails as get() says). A keychain call per value — GNOME Keyring has no cheaper way to read
   * a few: its findCredentials hands over every entry of the service — but up to
   * READ_PARALLELISM in flight, as the keyring serves a few calls at once. The first failure is
   * thrown once every call started has ended.
   */
  async getMany(refs: readonly VaultRef[], options: { expectPresent?: boolean; label?: (ref: VaultRef) => string } = {}): Promise<Array<string | null>> {
    const values = new Array<string | null>(refs.length).fill(null);
    let next = 0;
    let failure: { error: unknown } | null = null;
    const worker = async () => {
      while (failure === null && next < refs.length) {
        const index = next++;
        const ref = refs[index]!;
        try {
          values[index] = await this.get(ref, { expectPresent: options.expectPresent, label: options.label?.(ref) });
        } catch (error) {
          failure ??= { error };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(READ_PARALLELISM, refs.length) }, worker));
    if (failure !== null) throw (failure as { error: unknown }).error;
    return values;
  }

  /** True when an entry was removed. */
  async delete(ref: VaultRef): Promise<boolean> {
    const account = accountOf(this.installationId, ref);
    const removed = await this.call((k) => k.deletePassword(this.service, account));
    if (!this.sharedEntriesPending) return removed;
    return (await this.call((k) => k.deletePassword(SHARED_VAULT_SERVICE, account))) || removed;
  }

  /** The refs (never the values) of a tenant's entries in this store. */
  async listByTenant(tenantId: string): Promise<VaultRef[]> {
    const prefix = tenantPrefix(this.installationId, tenantId);
    return (await this.accounts())
      .filter((account) => account.startsWith(prefix))
      .map((account) => parseAccount(this.installationId, account))
      .filter((ref): ref is VaultRef => ref !== null);
  }

  /** Removes every entry of one owner (an API connection being deleted); returns how many. */
  async deleteOwner(tenantId: string, owner: string): Promise<number> {
    assertValidRef({ tenantId, owner, field: 'x' });
    const refs = (await this.listByTenant(tenantId)).filter((ref) => ref.owner === owner);
    return this.deleteAll(refs.map((ref) => accountOf(this.installationId, ref)));
  }

  /** Removes every entry of a tenant being deleted; returns how many. */
  async deleteTenant(tenantId: string): Promise<number> {
    return this.deleteAll((await this.listByTenant(tenantId)).map((ref) => accountOf(this.installationId, ref)));
  }

  /**
   * At start: removes this store's entries that belong to nothing — whose ref `isKnown` denies,
   * and accounts under the store's prefix that this app cannot read (left-over probes, older
   * formats). Other stores' entries are never looked at. Returns how many were removed.
   */
  async sweepOrphans(isKnown: (ref: VaultRef) => boolean | Promise<boolean>): Promise<number> {
    const orphans: string[] = [];
    for (const account of await this.accounts()) {
      const ref = parseAccount(this.installationId, account);
      if (ref === null || !(await isKnown(ref))) orphans.push(account);
    }
    return this.deleteAll(orphans);
  }

  /**
   * Moves this store's entries from the service all stores once shared (SHARED_VAULT_SERVICE)
   * into its own; a value already in its own service is newer and stays. The shared service is
   * listed once for it; other stores' entries there are left alone. Returns how many moved.
   */
  async adoptSharedEntries(): Promise<number> {
    await this.probe();
    const shared = (await this.call((k) => findCredentialsSettled(k, SHARED_VAULT_SERVICE))).filter((c) => c.account.startsWith(this.accountPrefix));
    let moved = 0;
    for (const { account, password } of shared) {
      if ((await this.call((k) => k.getPassword(this.service, account))) === null) {
        await this.call((k) => k.setPassword(this.service, account, password), [password]);
        moved++;
      }
      await this.call((k) => k.deletePassword(SHARED_VAULT_SERVICE, account));
    }
    this.sharedEntriesPending = false;
    return moved;
  }

  private async deleteAll(accounts: string[]): Promise<number> {
    let removed = 0;
    for (const account of accounts) if (await this.call((k) => k.deletePassword(this.service, account))) removed++;
    return removed;
  }

  /**
   * This store's accounts (only those under its prefix), after making sure listing cannot crash
   * (see the class comment). An entry removed by another process while being listed is gone, not a failure.
   */
  private async accounts(): Promise<string[]> {
    await this.probe();
    const credentials = await this.call((k) => findCredentialsSettled(k, this.service));
    return credentials.map((c) => c.account).filter((account) => account.startsWith(this.accountPrefix));
  }

  /** Writes, reads back and removes a throw-away entry: fails with the reason when the keychain cannot be used. */
  private async probe(): Promise<void> {
    const account = `${this.accountPrefix}${PROBE_PREFIX}${randomUUID()}`;
    const value = randomUUID();
    await this.call((k) => k.setPassword(this.service, account, value));
    try {
      const read = await this.call((k) => k.getPassword(this.service, account));
      if (read !== value) throw new VaultError('UNKNOWN', 'The OS keychain accepted a value but did not give it back. Restart the keyring service or your session, then try again.');
    } finally {
      await this.call((k) => k.deletePassword(this.service, account)).catch(() => false);
    }
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
