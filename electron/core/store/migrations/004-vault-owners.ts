import type { Migration } from './migration';

/**
 * Where a settings document's secrets are in the OS keychain. An API connection keeps only its
 * public part in SQLite; its secret values live in the vault under an owner
 * `api_connection:<id>_<set>`, a fresh <set> for every save that writes secrets, so that a save
 * either switches to a complete new set or leaves the old one untouched (see
 * electron/core/api-connections/api-connection-service.ts). The columns name the draft's set and
 * the base's (the values last published, for a later discard); null: no secrets.
 */
export const migration004VaultOwners: Migration = {
  version: 4,
  name: 'keychain owners of settings documents',
  up(db) {
    db.exec(`
      ALTER TABLE settings_documents ADD COLUMN vault_owner TEXT;
      ALTER TABLE settings_documents ADD COLUMN base_vault_owner TEXT;
    `);
  },
};
