import Database from 'better-sqlite3';
import keytar from 'keytar';
import { storePaths } from '../../../electron/core/store/store-paths';
import { installationPrefix, vaultServiceOf } from '../../../electron/core/vault/vault-ref';

export interface StoreKeychain {
  /** The store's keychain service (`chatbot-settings-desktop/<installationId>`). */
  service: string;
  /** The store's entries: accounts under its installation id. */
  entries: Array<{ account: string; password: string }>;
  /** Removes these entries: the test's clean-up, since the keyring outlives the data directory. */
  clear(): Promise<void>;
}

/**
 * The keychain entries of the store in `dataDir`, read straight through keytar (the app's own
 * library): the store's own service, accounts under its installation id. Only for a store whose
 * host has stopped: the store is opened read-only to learn that id.
 */
export async function readStoreKeychain(dataDir: string): Promise<StoreKeychain> {
  const db = new Database(storePaths(dataDir).db, { readonly: true, fileMustExist: true });
  let installationId: string;
  try {
    const row = db.prepare("SELECT value FROM meta WHERE key = 'installation_id'").get() as { value: string } | undefined;
    if (!row) throw new Error(`the store in ${dataDir} has no installation id`);
    installationId = row.value;
  } finally {
    db.close();
  }
  const prefix = installationPrefix(installationId);
  const service = vaultServiceOf(installationId);
  const entries = (await keytar.findCredentials(service)).filter((entry) => entry.account.startsWith(prefix));
  return {
    service,
    entries,
    clear: async () => {
      for (const entry of entries) await keytar.deletePassword(service, entry.account);
    },
  };
}
