import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import keytar from 'keytar';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/open-core';
import { storePaths } from '../../../electron/core/store/store-paths';
import { Vault } from '../../../electron/core/vault/vault';
import { SHARED_VAULT_SERVICE, installationPrefix, vaultServiceOf, type VaultRef } from '../../../electron/core/vault/vault-ref';
import type { ApiConnectionDocument } from '../../../shared/schemas/api-connection-document';
import type { Tenant } from '../../../shared/schemas/tenant';
import { useCores } from '../../support/core/open-test-core';
import { useTempDirs } from '../../support/core/temp-dirs';
import { INSIDE_KEYRING, KEYRING_SKIP_REASON, RpcRecorder, clearStore, keychainSnapshot, marker, seedConnection, type StoreOfEntries } from '../api-connections/support';
import { clearStoreEntries, storeEntries, storeValues } from './store-entries';

/**
 * Stores written before each store had its own keychain service kept their entries in one shared
 * service: at start such a store moves them into its own, reading the shared ones meanwhile; other
 * stores' entries there stay where they are. Real keychain, real stores.
 */
if (!INSIDE_KEYRING) console.warn(`[vault-shared-service] skipped: ${KEYRING_SKIP_REASON}`);

/** This store's entries still in the shared service, accounts without the store's prefix, sorted. */
async function sharedEntriesOf(installationId: string): Promise<Array<[string, string]>> {
  const prefix = installationPrefix(installationId);
  return (await keytar.findCredentials(SHARED_VAULT_SERVICE))
    .filter((c) => c.account.startsWith(prefix))
    .map((c): [string, string] => [c.account.slice(prefix.length), c.password])
    .sort(([a], [b]) => a.localeCompare(b));
}

/** Moves the store's values back into the shared service, one entry each: the keychain as an older version left it. */
async function moveIntoSharedService(installationId: string): Promise<void> {
  const prefix = installationPrefix(installationId);
  for (const value of await storeValues(installationId)) await keytar.setPassword(SHARED_VAULT_SERVICE, `${prefix}${value.account}`, value.password);
  for (const entry of await storeEntries(installationId)) await keytar.deletePassword(vaultServiceOf(installationId), `${prefix}${entry.account}`);
}

/** The store's keychain flags in meta, read through the open core's connection (the store is locked to it). */
function metaKeys(core: Core): string[] {
  return (core.services.db.prepare("SELECT key FROM meta WHERE key LIKE 'vault_%' ORDER BY key").all() as Array<{ key: string }>).map((row) => row.key);
}

function forgetOwnService(dir: string): void {
  const db = new Database(storePaths(dir).db, { fileMustExist: true });
  try {
    db.prepare("DELETE FROM meta WHERE key = 'vault_own_service'").run();
  } finally {
    db.close();
  }
}

describe.skipIf(!INSIDE_KEYRING)(`a store's entries in the service all stores once shared (${INSIDE_KEYRING ? 'real keychain' : KEYRING_SKIP_REASON})`, () => {
  const tempDir = useTempDirs('vault-shared-service-');
  const open = useCores();
  const stores: StoreOfEntries[] = [];
  const sharedLeftovers: string[] = [];
  afterEach(async () => {
    for (const store of stores.splice(0)) {
      await clearStore(store);
      for (const [account] of await sharedEntriesOf(store.installationId)) await keytar.deletePassword(SHARED_VAULT_SERVICE, `${installationPrefix(store.installationId)}${account}`);
    }
    for (const account of sharedLeftovers.splice(0)) await keytar.deletePassword(SHARED_VAULT_SERVICE, account);
  });

  it('a new store writes only into its own service and notes that nothing of it is in the shared one', async () => {
    const dir = tempDir();
    const core = open(dir, { onUnexpectedError: () => undefined });
    stores.push(core.services.vault);
    const rpc = new RpcRecorder(core);
    const tenant = await rpc.ok<Tenant>('tenants.create', { name: 'PT Baru' });
    expect(metaKeys(core)).toEqual([]);
    await rpc.ok('apiConnections.create', { tenantId: tenant.id, ...seedConnection(marker()) });
    expect(metaKeys(core)).toEqual(['vault_own_service', 'vault_used']);
    expect((await keychainSnapshot(core.services.vault)).length).toBeGreaterThan(0);
    expect(await sharedEntriesOf(core.services.vault.installationId)).toEqual([]);
  });

  it('an older store moves its entries into its own service at start, leaving other stores’ shared entries alone', async () => {
    const dir = tempDir();
    const first = open(dir, { onUnexpectedError: () => undefined });
    const { installationId } = first.services.vault;
    stores.push(first.services.vault);
    const rpc = new RpcRecorder(first);
    const tenant = await rpc.ok<Tenant>('tenants.create', { name: 'PT Lama' });
    const created = await rpc.ok<ApiConnectionDocument>('apiConnections.create', { tenantId: tenant.id, ...seedConnection(marker()) });
    const before = await keychainSnapshot(first.services.vault);
    await first.close();

    await moveIntoSharedService(installationId);
    forgetOwnService(dir);
    const otherStore = `${randomUUID()}/${randomUUID()}/session/tokens`;
    const otherValue = marker();
    await keytar.setPassword(SHARED_VAULT_SERVICE, otherStore, otherValue);
    sharedLeftovers.push(otherStore);
    expect(await keychainSnapshot({ installationId })).toEqual([]);
    expect(await sharedEntriesOf(installationId)).toEqual(before);

    const reopened = open(dir, { onUnexpectedError: () => undefined });
    await reopened.whenIdle();
    expect(await keychainSnapshot({ installationId })).toEqual(before);
    expect(await sharedEntriesOf(installationId)).toEqual([]);
    expect(await keytar.getPassword(SHARED_VAULT_SERVICE, otherStore)).toBe(otherValue);
    expect(metaKeys(reopened)).toEqual(['vault_own_service', 'vault_used']);
    const got = await new RpcRecorder(reopened).ok<ApiConnectionDocument>('apiConnections.get', { tenantId: tenant.id, id: created.id });
    expect(got.secrets).toMatchObject({ readable: true, missingFields: [] });
  });

  it('until the move, reads fall back to the shared service and a removal reaches it; a value already in the own service wins', async () => {
    const installationId = randomUUID();
    stores.push({ installationId });
    const vault = new Vault({ installationId, timeoutMs: 10_000 });
    const tenantId = randomUUID();
    const ref = (field: string): VaultRef => ({ tenantId, owner: `api_connection:${randomUUID()}`, field });
    const shared = (r: VaultRef) => `${installationPrefix(installationId)}${r.tenantId}/${r.owner}/${r.field}`;
    const onlyShared = ref('headers/apikey');
    const removed = ref('token/access_token');
    const both = ref('token/refresh_token');
    await keytar.setPassword(SHARED_VAULT_SERVICE, shared(onlyShared), 'old-only');
    await keytar.setPassword(SHARED_VAULT_SERVICE, shared(removed), 'old-removed');
    await keytar.setPassword(SHARED_VAULT_SERVICE, shared(both), 'old-both');

    expect(await vault.get(onlyShared)).toBeNull(); // not told: its own service only
    vault.setSharedEntriesPending(true);
    expect(await vault.get(onlyShared, { expectPresent: true })).toBe('old-only');
    await vault.set(both, 'new-both');
    expect(await vault.get(both)).toBe('new-both');
    expect(await vault.delete(removed)).toBe(true);
    expect(await vault.get(removed)).toBeNull();

    expect(await vault.adoptSharedEntries()).toBe(1);
    expect(await sharedEntriesOf(installationId)).toEqual([]);
    expect(await vault.get(onlyShared, { expectPresent: true })).toBe('old-only');
    expect(await vault.get(both)).toBe('new-both');
    expect(await vault.get(removed)).toBeNull();
    expect(await keytar.getPassword(vault.service, shared(onlyShared))).toBe('old-only');
    await clearStoreEntries(installationId);
  });
});
