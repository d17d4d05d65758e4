import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { storePaths } from '../../../electron/core/store/store-paths';
import { useTempDirs } from '../../support/core/temp-dirs';
import { useCores } from '../../support/core/open-test-core';
import { insideKeyringSession } from '../../support/keyring/keyring-sandbox';

const INSIDE_KEYRING = insideKeyringSession();

/**
 * A tenant's last sync error "The system keychain cannot be used" is about the keychain, not the
 * tenant: once the keychain works again (the start's sweep used it), the error is gone, while
 * other tenants' other errors stay. Real store, real keychain (scripts/with-keyring.sh).
 */
describe.skipIf(!INSIDE_KEYRING)('a keychain error is forgotten once the keychain works', () => {
  const tempDir = useTempDirs('keychain-error-cleared-');
  const open = useCores();

  it('clears VAULT_UNAVAILABLE at the next start with a working keychain, and keeps other errors', async () => {
    const dir = tempDir();
    const first = open(dir);
    const keychainTenant = first.services.tenants.create({ name: 'Keychain Down' }).id;
    const offlineTenant = first.services.tenants.create({ name: 'Offline' }).id;
    await first.close();

    // What an earlier run left: a sign-in that failed on the keychain, a pull that failed offline.
    const db = new Database(storePaths(dir).db);
    try {
      db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('vault_used', 1)").run();
      const insert = db.prepare(
        'INSERT INTO sync_state (tenant_id, updated_at, last_error_code, last_error, last_error_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (tenant_id) DO UPDATE SET last_error_code = excluded.last_error_code, last_error = excluded.last_error, last_error_at = excluded.last_error_at',
      );
      insert.run(keychainTenant, Date.now(), 'VAULT_UNAVAILABLE', 'The system keychain cannot be used.', Date.now());
      insert.run(offlineTenant, Date.now(), 'NETWORK', 'The backend cannot be reached.', Date.now());
    } finally {
      db.close();
    }

    const core = open(dir);
    expect(core.services.sync.status(keychainTenant).lastError?.code).toBe('VAULT_UNAVAILABLE'); // before the sweep used the keychain
    await core.whenIdle();
    expect(core.services.sync.status(keychainTenant).lastError).toBeNull();
    expect(core.services.sync.status(offlineTenant).lastError?.code).toBe('NETWORK');
  });
});
