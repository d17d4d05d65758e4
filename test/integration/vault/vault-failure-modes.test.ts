import { afterAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { KeyringSandbox, missingTools, runWithKeyring, runWithoutDbus, runWithoutSecretService, type ChildRun } from '../../support/keyring/keyring-sandbox';
import { VAULT_MESSAGES } from '../../../electron/core/vault/vault-error';

/**
 * Each keychain failure mode, caused for real in a child process (TOOLCHAIN.md lists them), must
 * become a VaultError with its reason and its message, never a crash and never a secret in text.
 * These tests make their own D-Bus sessions, so they run with or without scripts/with-keyring.sh.
 */
const missing = missingTools();
const INSTALLATION_ID = randomUUID();
const TENANT = randomUUID();
const ref = (field: string) => ({ tenantId: TENANT, owner: `api_connection:${randomUUID()}`, field });
const SECRET = `SECRET-${randomUUID()}`;

const sandbox = new KeyringSandbox();
afterAll(() => sandbox.dispose());

function expectCleanRun(run: ChildRun, count: number) {
  expect({ exitCode: run.exitCode, signal: run.signal, results: run.results.length }, run.stderr).toEqual({ exitCode: 0, signal: null, results: count });
  expect(JSON.stringify(run.results)).not.toContain(SECRET);
}

describe.skipIf(missing.length > 0)(`keychain failure modes (needs ${missing.join(', ') || 'dbus and gnome-keyring'})`, () => {
  it('no D-Bus session → NO_DBUS', async () => {
    const run = await runWithoutDbus(sandbox, INSTALLATION_ID, [{ op: 'status' }, { op: 'set', ref: ref('token/access_token'), value: SECRET }]);
    expectCleanRun(run, 2);
    expect(run.results[0]?.value).toEqual({ state: 'unavailable', reason: 'NO_DBUS', message: VAULT_MESSAGES.NO_DBUS });
    expect(run.results[1]?.error).toMatchObject({ name: 'VaultError', code: 'VAULT_UNAVAILABLE', reason: 'NO_DBUS' });
    expect(run.results[1]?.error?.message).toMatch(/no D-Bus connection.*Nothing was saved anywhere else/);
  });

  it('a D-Bus session without Secret Service → NO_SECRET_SERVICE', async () => {
    const run = await runWithoutSecretService(sandbox, INSTALLATION_ID, [{ op: 'status' }, { op: 'set', ref: ref('headers/apikey'), value: SECRET }]);
    expectCleanRun(run, 2);
    expect(run.results[0]?.value).toEqual({ state: 'unavailable', reason: 'NO_SECRET_SERVICE', message: VAULT_MESSAGES.NO_SECRET_SERVICE });
    expect(run.results[1]?.error).toMatchObject({ code: 'VAULT_UNAVAILABLE', reason: 'NO_SECRET_SERVICE' });
    expect(run.results[1]?.error?.message).toMatch(/Install or start GNOME Keyring/);
  });

  it('a keyring service with no login keyring it may create → LOCKED', async () => {
    const run = await runWithKeyring(sandbox, sandbox.dir('empty-keyrings'), null, INSTALLATION_ID, [{ op: 'status' }]);
    expectCleanRun(run, 1);
    expect(run.results[0]?.value).toEqual({ state: 'unavailable', reason: 'LOCKED', message: VAULT_MESSAGES.LOCKED });
  });

  describe('a login keyring created with password A', () => {
    const keyrings = sandbox.dir('keyrings');
    const stored = ref('token/refresh_token');

    it('stores a secret while unlocked with A', async () => {
      const run = await runWithKeyring(sandbox, keyrings, 'password-A', INSTALLATION_ID, [
        { op: 'set', ref: stored, value: SECRET },
        { op: 'get', ref: stored, expectPresent: true },
      ]);
      expect(run.exitCode, run.stderr).toBe(0);
      expect(run.results).toEqual([
        { op: 'set', ok: true, value: null },
        { op: 'get', ok: true, value: SECRET },
      ]);
    });

    it('left locked after a daemon restart → LOCKED for status, writes and listing, without crashing', async () => {
      const run = await runWithKeyring(sandbox, keyrings, null, INSTALLATION_ID, [
        { op: 'status' },
        { op: 'set', ref: ref('settings/x'), value: SECRET },
        // keytar's findCredentials segfaults on a locked keyring holding our entries: the vault must not call it.
        { op: 'list', tenantId: TENANT },
        { op: 'deleteTenant', tenantId: TENANT },
        { op: 'get', ref: stored, expectPresent: true },
      ]);
      expectCleanRun(run, 5);
      expect(run.results[0]?.value).toEqual({ state: 'unavailable', reason: 'LOCKED', message: VAULT_MESSAGES.LOCKED });
      for (const result of run.results.slice(1, 4)) expect(result.error).toMatchObject({ code: 'VAULT_UNAVAILABLE', reason: 'LOCKED' });
      expect(run.results[1]?.error?.message).toMatch(/^Your login keyring is locked.*Unlock your login keyring/);
      expect(run.results[4]?.error).toMatchObject({ reason: 'MISSING_VALUE' });
      expect(run.results[4]?.error?.message).toMatch(/locked or was unlocked with a different password\. Unlock your login keyring/);
    });

    it('unlocked with password B after a daemon restart → the silent null becomes MISSING_VALUE', async () => {
      const run = await runWithKeyring(sandbox, keyrings, 'password-B', INSTALLATION_ID, [
        { op: 'get', ref: stored },
        { op: 'get', ref: stored, expectPresent: true },
        { op: 'status' },
      ]);
      expectCleanRun(run, 3);
      // What keytar does here: no error, just nothing.
      expect(run.results[0]).toEqual({ op: 'get', ok: true, value: null });
      expect(run.results[1]?.error).toMatchObject({ name: 'VaultError', code: 'VAULT_UNAVAILABLE', reason: 'MISSING_VALUE' });
      expect(run.results[1]?.error?.message).toBe(
        'The keychain returned nothing for the secret “token/refresh_token”, which this app saved earlier: your login keyring is ' +
          'locked or was unlocked with a different password. Unlock your login keyring with your login password and try again.',
      );
      expect(run.results[2]?.value).toMatchObject({ state: 'unavailable', reason: 'LOCKED' });
    });

    it('unlocked with A again → the secret is still there', async () => {
      const run = await runWithKeyring(sandbox, keyrings, 'password-A', INSTALLATION_ID, [{ op: 'get', ref: stored, expectPresent: true }, { op: 'status' }]);
      expect(run.exitCode, run.stderr).toBe(0);
      expect(run.results).toEqual([
        { op: 'get', ok: true, value: SECRET },
        { op: 'status', ok: true, value: { state: 'available', message: 'The OS keychain is available.' } },
      ]);
    });
  });
});
