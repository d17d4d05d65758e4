import type { Migration } from './migration';

/**
 * Backend kinds: each tenant says how it connects (`qontak`, `qontak_legacy`, `settings_api`);
 * the tenants that existed before spoke this project's contract, so they become `settings_api`
 * and nothing changes for them. `requests_per_minute` is a tenant's own pace for Qontak requests
 * (null: the default). `capabilities_json` is what the tenant's backend was last found to offer
 * (shared/wire/qontak/capabilities.ts), with when; null: not known yet.
 */
export const migration008BackendKinds: Migration = {
  version: 8,
  name: 'backend kinds, request pace and backend capabilities',
  up(db) {
    db.exec(`
      ALTER TABLE tenants ADD COLUMN backend_kind TEXT NOT NULL DEFAULT 'settings_api'
        CHECK (backend_kind IN ('qontak', 'qontak_legacy', 'settings_api'));
      ALTER TABLE tenants ADD COLUMN requests_per_minute INTEGER CHECK (requests_per_minute IS NULL OR requests_per_minute BETWEEN 1 AND 6000);
      ALTER TABLE sync_state ADD COLUMN capabilities_json TEXT;
    `);
  },
};
