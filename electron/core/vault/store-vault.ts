import { Vault } from './vault';

/**
 * The vault of one store: the store's own keychain service, accounts under its installation id
 * (see vault-ref.ts for why each store keeps to its own service).
 */
export function createStoreVault(installationId: string): Vault {
  return new Vault({ installationId });
}
