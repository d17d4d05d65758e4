import keytar from 'keytar';
import { findCredentialsSettled } from '../../../electron/core/vault/keychain-listing';
import { installationPrefix, vaultServiceOf } from '../../../electron/core/vault/vault-ref';

/**
 * One store's keychain entries read straight through keytar (the app's own library), for tests:
 * the store's own service, only the accounts under its installation id. Accounts are given
 * without that prefix (`<tenantId>/<owner>/<field>`), sorted. Values are secrets: compare them,
 * never print them.
 */
export interface StoreEntry {
  account: string;
  password: string;
}

/** The full keychain account of `relative` (`<tenantId>/<owner>/<field>`) in the store. */
export function storeAccount(installationId: string, relative: string): string {
  return `${installationPrefix(installationId)}${relative}`;
}

/** Listed like the vault lists (keychain-listing.ts). */
export async function storeEntries(installationId: string): Promise<StoreEntry[]> {
  const prefix = installationPrefix(installationId);
  return (await findCredentialsSettled(keytar, vaultServiceOf(installationId)))
    .filter((c) => c.account.startsWith(prefix))
    .map((c) => ({ account: c.account.slice(prefix.length), password: c.password }))
    .sort((a, b) => a.account.localeCompare(b.account));
}

/**
 * The store's VALUES, one per `<tenantId>/<owner>/<field>`: each value kept in an entry of its own,
 * and each value of a tenant's sets entry (`<tenantId>/~sets`, vault-ref.ts) as if it had one.
 * Sorted by that account.
 */
export async function storeValues(installationId: string): Promise<StoreEntry[]> {
  const values: StoreEntry[] = [];
  for (const entry of await storeEntries(installationId)) {
    const tenant = /^([^/]+)\/~sets$/.exec(entry.account)?.[1];
    if (tenant === undefined) {
      values.push(entry);
      continue;
    }
    const sets = JSON.parse(entry.password) as Record<string, Record<string, string>>;
    for (const [owner, fields] of Object.entries(sets)) for (const [field, password] of Object.entries(fields)) values.push({ account: `${tenant}/${owner}/${field}`, password });
  }
  return values.sort((a, b) => a.account.localeCompare(b.account));
}

/** Writes an entry behind the app's back (an orphan, a foreign entry ...). */
export async function setStoreEntry(installationId: string, relative: string, value: string): Promise<void> {
  await keytar.setPassword(vaultServiceOf(installationId), storeAccount(installationId, relative), value);
}

/** Removes all of the store's entries (a test's clean-up: the keyring outlives the data directory); returns how many. */
export async function clearStoreEntries(installationId: string): Promise<number> {
  let removed = 0;
  for (const entry of await storeEntries(installationId)) if (await keytar.deletePassword(vaultServiceOf(installationId), storeAccount(installationId, entry.account))) removed++;
  return removed;
}
