import { afterAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import keytar from 'keytar';
import { Vault } from '../../../electron/core/vault/vault';
import type { KeychainBackend } from '../../../electron/core/vault/keychain-backend';
import { VaultError } from '../../../electron/core/vault/vault-error';
import type { VaultRef } from '../../../electron/core/vault/vault-ref';
import { insideKeyringSession } from '../../support/keyring/keyring-sandbox';
import { clearStoreEntries, setStoreEntry, storeEntries, storeValues } from './store-entries';

/**
 * A tenant's sets in one keychain entry (vault-ref.ts), against the real keychain: one entry and
 * one read for many sets, the sets too large for it, values kept one per entry by older versions,
 * writes side by side, and a damaged entry.
 */
const inside = insideKeyringSession();
const SKIP_REASON = 'needs a private keyring session: run `bash scripts/with-keyring.sh npx vitest run test/integration/vault`';
if (!inside) console.warn(`[vault-tenant-sets] skipped: ${SKIP_REASON}`);

const installations: string[] = [];

/** A vault on the real keychain that counts its calls by kind. */
function countingVault(options: { setsMaxBytes?: number } = {}) {
  const installationId = randomUUID();
  installations.push(installationId);
  const calls = { get: 0, set: 0, delete: 0, list: 0 };
  const backend: KeychainBackend = {
    getPassword: (s, a) => (calls.get++, keytar.getPassword(s, a)),
    setPassword: (s, a, p) => (a.includes('/~probe/') ? undefined : calls.set++, keytar.setPassword(s, a, p)),
    deletePassword: (s, a) => (a.includes('/~probe/') ? undefined : calls.delete++, keytar.deletePassword(s, a)),
    findCredentials: (s) => (calls.list++, keytar.findCredentials(s)),
  };
  const vault = new Vault({ installationId, backend, timeoutMs: 10_000, ...options });
  return { vault, installationId, calls };
}

const setOwner = () => `api_connection:${randomUUID()}_${randomUUID().slice(0, 12).replace(/-/g, 'a')}`;
const marker = (name: string) => `MARKER-${name}-${randomUUID()}`;

describe.skipIf(!inside)(`a tenant's sets in one keychain entry (${inside ? 'private keyring session' : SKIP_REASON})`, () => {
  afterAll(async () => {
    if (!inside) return;
    for (const id of installations) await clearStoreEntries(id);
  });

  it('keeps many sets of a tenant in one entry, read in one call; another kind of owner keeps its own entry', async () => {
    const { vault, installationId, calls } = countingVault();
    const tenantId = randomUUID();
    const owners = Array.from({ length: 7 }, setOwner);
    const values = owners.map((owner) => marker(owner.slice(-6)));
    for (const [i, owner] of owners.entries()) await vault.setMany([{ ref: { tenantId, owner, field: 'headers/apikey' }, value: values[i]! }]);
    await vault.set({ tenantId, owner: 'session', field: 'tokens' }, marker('session'));
    expect((await storeEntries(installationId)).map((e) => e.account).sort()).toEqual([`${tenantId}/session/tokens`, `${tenantId}/~sets`].sort());

    calls.get = 0;
    const refs: VaultRef[] = owners.map((owner) => ({ tenantId, owner, field: 'headers/apikey' }));
    expect(await vault.getMany(refs, { expectPresent: true })).toEqual(values);
    expect(calls.get).toBe(1);
  });

  it('keeps a set too large for the entry one entry per value; reads, lists and removals reach it', async () => {
    const { vault, installationId } = countingVault({ setsMaxBytes: 400 });
    const tenantId = randomUUID();
    const small = setOwner();
    const large = setOwner();
    await vault.setMany([{ ref: { tenantId, owner: small, field: 'token/access_token' }, value: marker('small') }]);
    const big = ['headers/a', 'headers/b'].map((field) => ({ ref: { tenantId, owner: large, field }, value: `${marker('large')}${'x'.repeat(200)}` }));
    await vault.setMany(big);
    expect((await storeEntries(installationId)).map((e) => e.account).sort()).toEqual([`${tenantId}/${large}/headers/a`, `${tenantId}/${large}/headers/b`, `${tenantId}/~sets`]);
    expect(await vault.getMany(big.map((w) => w.ref), { expectPresent: true })).toEqual(big.map((w) => w.value));
    expect((await vault.listByTenant(tenantId)).map((r) => r.owner).sort()).toEqual([large, large, small].sort());
    expect(await vault.deleteOwner(tenantId, large)).toBe(2);
    expect(await vault.deleteTenant(tenantId)).toBe(1);
    expect(await storeEntries(installationId)).toEqual([]);
  });

  it('moves the values an older version kept one per entry into the sets entry at the sweep; reads find them before and after', async () => {
    const { vault, installationId } = countingVault();
    const tenantId = randomUUID();
    const older = setOwner();
    const copied = setOwner();
    const olderValue = marker('older');
    await setStoreEntry(installationId, `${tenantId}/${older}/headers/apikey`, olderValue);
    await vault.set({ tenantId, owner: copied, field: 'headers/apikey' }, marker('in-sets'));
    // A copy left by a move cut short: its owner is in the sets entry already, and that one wins.
    await setStoreEntry(installationId, `${tenantId}/${copied}/headers/apikey`, marker('stale'));
    const inSets = await vault.get({ tenantId, owner: copied, field: 'headers/apikey' });
    expect(inSets).toMatch(/^MARKER-in-sets-/);
    expect(await vault.get({ tenantId, owner: older, field: 'headers/apikey' }, { expectPresent: true })).toBe(olderValue);

    expect(await vault.sweepOrphans(() => true)).toBe(0);
    expect((await storeEntries(installationId)).map((e) => e.account)).toEqual([`${tenantId}/~sets`]);
    expect((await storeValues(installationId)).map((v) => v.password).sort()).toEqual([olderValue, inSets].sort());
    expect(await vault.get({ tenantId, owner: older, field: 'headers/apikey' }, { expectPresent: true })).toBe(olderValue);
  });

  it('loses no set when many are written for one tenant at once', async () => {
    const { vault } = countingVault();
    const tenantId = randomUUID();
    const writes = Array.from({ length: 20 }, () => ({ ref: { tenantId, owner: setOwner(), field: 'token/access_token' }, value: marker('many') }));
    await Promise.all(writes.map((write) => vault.setMany([write])));
    expect(await vault.getMany(writes.map((w) => w.ref), { expectPresent: true })).toEqual(writes.map((w) => w.value));
    await Promise.all(writes.slice(0, 10).map((write) => vault.delete(write.ref)));
    expect(await vault.getMany(writes.map((w) => w.ref))).toEqual([...writes.slice(0, 10).map(() => null), ...writes.slice(10).map((w) => w.value)]);
  });

  it('a damaged sets entry holds nothing readable: a value is missing, the sweep removes it, a new set replaces it', async () => {
    const { vault, installationId } = countingVault();
    const tenantId = randomUUID();
    const ref = { tenantId, owner: setOwner(), field: 'headers/apikey' };
    await vault.set(ref, marker('before'));
    await setStoreEntry(installationId, `${tenantId}/~sets`, '{"not": "sets"');
    const missing = await vault.get(ref, { expectPresent: true }).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(VaultError);
    expect((missing as VaultError).reason).toBe('MISSING_VALUE');
    expect(await vault.sweepOrphans(() => true)).toBe(1);
    expect(await storeEntries(installationId)).toEqual([]);
    await setStoreEntry(installationId, `${tenantId}/~sets`, '[1, 2]');
    const next = { tenantId, owner: setOwner(), field: 'headers/apikey' };
    await vault.set(next, marker('after'));
    expect(await vault.listByTenant(tenantId)).toEqual([next]);
  });
});
