import keytar from 'keytar';
import { findCredentialsSettled } from '../../../electron/core/vault/keychain-listing';
import { installationPrefix, VAULT_SERVICE } from '../../../electron/core/vault/vault-ref';

/**
 * One store's keychain entries read straight through keytar (the app's own library), for tests:
 * the app's one service, only the accounts under the store's installation id. Accounts are given
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

/** Other test files share the keyring and remove their entries meanwhile: listed like the vault lists (keychain-listing.ts). */
export async function storeEntries(installationId: string): Promise<StoreEntry[]> {
  const prefix = installationPrefix(installationId);
  return (await findCredentialsSettled(keytar, VAULT_SERVICE))
    .filter((c) => c.account.startsWith(prefix))
    .map((c) => ({ account: c.account.slice(prefix.length), password: c.password }))
    .sort((a, b) => a.account.localeCompare(b.account));
}

/** Writes an entry behind the app's back (an orphan, a foreign entry ...). */
export async function setStoreEntry(installationId: string, relative: string, value: string): Promise<void> {
  await keytar.setPassword(VAULT_SERVICE, storeAccount(installationId, relative), value);
}

/** Removes all of the store's entries (a test's clean-up: the keyring outlives the data directory); returns how many. */
export async function clearStoreEntries(installationId: string): Promise<number> {
  let removed = 0;
  for (const entry of await storeEntries(installationId)) if (await keytar.deletePassword(VAULT_SERVICE, storeAccount(installationId, entry.account))) removed++;
  return removed;
}
