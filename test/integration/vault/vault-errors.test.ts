import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { Vault } from '../../../electron/core/vault/vault';
import { classifyKeychainError, VaultError } from '../../../electron/core/vault/vault-error';
import type { KeychainBackend } from '../../../electron/core/vault/keychain-backend';
import { RpcError } from '../../../shared/rpc/rpc-error';

/**
 * Failures that cannot be caused for real with GNOME Keyring: an error text that quotes the value
 * being stored, a keychain that never answers, keytar failing to load. A minimal fake backend
 * stands in only for those; every other mode is caused for real in vault-failure-modes.test.ts.
 */
const SECRET = `SECRET-${randomUUID()}`;
const ref = { tenantId: randomUUID(), owner: 'session', field: 'token' };
const installationId = randomUUID();

const failing = (message: string): KeychainBackend => ({
  getPassword: () => Promise.reject(new Error(message)),
  setPassword: () => Promise.reject(new Error(message)),
  deletePassword: () => Promise.reject(new Error(message)),
  findCredentials: () => Promise.reject(new Error(message)),
});

describe('vault errors', () => {
  it('an unexpected keychain error is UNKNOWN, quoting the keychain without the secret', async () => {
    const vault = new Vault({ installationId, backend: failing(`GDBus.Error: weird failure storing ${SECRET} in item`) });
    const error = await vault.set(ref, SECRET).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VaultError);
    expect(error).toBeInstanceOf(RpcError);
    expect(error).toMatchObject({ code: 'VAULT_UNAVAILABLE', reason: 'UNKNOWN' });
    const text = JSON.stringify({ ...(error as VaultError).toBody(), stack: (error as Error).stack });
    expect(text).not.toContain(SECRET);
    expect((error as Error).message).toContain('weird failure storing [redacted] in item');
  });

  it('a keychain that does not answer fails in bounded time', async () => {
    const hanging: KeychainBackend = { ...failing('x'), setPassword: () => new Promise(() => {}) };
    const started = Date.now();
    const status = await new Vault({ installationId, backend: hanging, timeoutMs: 200 }).status();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(status).toMatchObject({ state: 'unavailable', reason: 'UNKNOWN' });
    expect(status.message).toMatch(/did not answer within 0 s|did not answer/);
  });

  it('keytar failing to load makes the vault unavailable, not the app', async () => {
    const vault = new Vault({ installationId, backend: () => Promise.reject(new Error('libsecret-1.so.0: cannot open shared object file')) });
    expect(await vault.status()).toMatchObject({ state: 'unavailable', reason: 'UNKNOWN', message: expect.stringMatching(/Install libsecret/) });
  });

  it('refuses an empty value and malformed refs as bugs, before touching the keychain', async () => {
    const vault = new Vault({ installationId, backend: failing('must not be called') });
    await expect(vault.set(ref, '')).rejects.toMatchObject({ code: 'INTERNAL' });
    await expect(vault.get({ ...ref, tenantId: 'nope' })).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(/not a UUID/) });
    await expect(vault.get({ ...ref, owner: 'a/b' })).rejects.toMatchObject({ code: 'INTERNAL' });
    await expect(vault.get({ ...ref, field: '' })).rejects.toMatchObject({ code: 'INTERNAL' });
    await expect(vault.listByTenant('nope')).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('refuses an installation id that is not a UUID: it could not keep the store to its own accounts', () => {
    for (const bad of ['', 'a/b', `${randomUUID()}/x`]) {
      expect(() => new Vault({ installationId: bad, backend: failing('must not be called') })).toThrow(/installation id is not a UUID/);
    }
  });

  // keytar searches, then reads each item found: another process removing one in between fails the listing.
  const VANISHED = 'No such secret item at path: /org/freedesktop/secrets/collection/login/220';
  const keychainWithOneEntry = (account: string, vanishings: number) => {
    const stored = new Map<string, string>();
    let listings = 0;
    const backend: KeychainBackend = {
      getPassword: (_, a) => Promise.resolve(stored.get(a) ?? null),
      setPassword: (_, a, p) => Promise.resolve(void stored.set(a, p)),
      deletePassword: (_, a) => Promise.resolve(stored.delete(a)),
      findCredentials: () =>
        ++listings <= vanishings ? Promise.reject(new Error(VANISHED)) : Promise.resolve([...stored].map(([a, password]) => ({ account: a, password }))),
    };
    stored.set(account, SECRET);
    return { backend, listings: () => listings };
  };

  it('an entry vanishing while the keychain is listed is gone, not a failure: the listing is taken again', async () => {
    const keychain = keychainWithOneEntry(`${installationId}/${ref.tenantId}/${ref.owner}/${ref.field}`, 2);
    const vault = new Vault({ installationId, backend: keychain.backend });
    expect(await vault.listByTenant(ref.tenantId)).toEqual([ref]);
    expect(keychain.listings()).toBe(3);
  });

  it('entries that keep vanishing under every listing fail as UNKNOWN (not LOCKED), after a bounded number of tries', async () => {
    const keychain = keychainWithOneEntry(`${installationId}/${ref.tenantId}/${ref.owner}/${ref.field}`, Infinity);
    const vault = new Vault({ installationId, backend: keychain.backend });
    const error = await vault.deleteTenant(ref.tenantId).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'VAULT_UNAVAILABLE', reason: 'UNKNOWN', message: expect.stringContaining('No such secret item') });
    expect(keychain.listings()).toBeGreaterThan(1);
    expect(keychain.listings()).toBeLessThan(20);
  });

  it.each([
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'NO_DBUS'],
    ['Could not connect: No such file or directory', 'NO_DBUS'],
    ['GDBus.Error:org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.secrets was not provided by any .service files', 'NO_SECRET_SERVICE'],
    ['Object does not exist at path “/org/freedesktop/secrets/collection/login”', 'LOCKED'],
    ['Cannot create an item in a locked collection', 'LOCKED'],
    ['No such secret item at path: /org/freedesktop/secrets/collection/login/220', 'UNKNOWN'],
    ['Something else entirely', 'UNKNOWN'],
  ])('classifies %j as %s', (message, reason) => {
    expect(classifyKeychainError(message)).toBe(reason);
  });
});
