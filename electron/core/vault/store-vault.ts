import { Vault } from './vault';
import { VAULT_SERVICE } from './vault-ref';

/**
 * The keychain service of one store: the app's service name and the store's installation id.
 * Each store sweeps the entries that belong to none of its tenants at start; with one service
 * shared by every store on the machine (a second data directory, the tests' temporary stores),
 * one store would take another's secrets for orphans and delete them.
 */
export function storeVaultService(installationId: string): string {
  return `${VAULT_SERVICE}:${installationId}`;
}

export function createStoreVault(installationId: string): Vault {
  return new Vault({ service: storeVaultService(installationId) });
}
