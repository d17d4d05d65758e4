import { Vault } from './vault';

/**
 * The vault of one store: the app's one keychain service, accounts under the store's installation
 * id (see vault-ref.ts for why each store keeps to its own prefix).
 */
export function createStoreVault(installationId: string): Vault {
  return new Vault({ installationId });
}
