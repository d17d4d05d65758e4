import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import keytar from 'keytar';
import { Vault } from '../../../electron/core/vault/vault';
import { VaultError } from '../../../electron/core/vault/vault-error';
import { vaultServiceOf, type VaultRef } from '../../../electron/core/vault/vault-ref';
import { insideKeyringSession } from '../../support/keyring/keyring-sandbox';
import { clearStoreEntries, setStoreEntry, storeAccount, storeEntries } from './store-entries';

/**
 * The vault against the real OS keychain: GNOME Keyring in the private D-Bus session that
 * scripts/with-keyring.sh makes (CI runs the whole suite inside it). Outside such a session these
 * tests skip rather than touch a developer's own keyring.
 */
const inside = insideKeyringSession();
const SKIP_REASON = 'needs a private keyring session: run `bash scripts/with-keyring.sh npx vitest run test/integration/vault`';

// This test's store is its installation id; its service is the store's own.
const INSTALLATION = randomUUID();
const vault = new Vault({ installationId: INSTALLATION, timeoutMs: 10_000 });
const accounts = async () => (await storeEntries(INSTALLATION)).map((e) => e.account);
const tenantA = randomUUID();
const tenantB = randomUUID();
const conn1 = `api_connection:${randomUUID()}`;
const conn2 = `api_connection:${randomUUID()}`;
const ref = (tenantId: string, owner: string, field: string): VaultRef => ({ tenantId, owner, field });
const marker = (name: string) => `MARKER-${name}-${randomUUID()}`;
const sortRefs = (refs: VaultRef[]) => refs.map((r) => `${r.tenantId}/${r.owner}/${r.field}`).sort();

if (!inside) console.warn(`[vault-keychain] skipped: ${SKIP_REASON}`);

describe.skipIf(!inside)(`vault on the real keychain (${inside ? 'private keyring session' : SKIP_REASON})`, () => {
  beforeAll(async () => {
    expect(await vault.status()).toEqual({ state: 'available', message: 'The OS keychain is available.' });
  });
  afterAll(async () => {
    if (!inside) return;
    await clearStoreEntries(INSTALLATION);
  });

  it('stores, reads, replaces and deletes a secret', async () => {
    const r = ref(tenantA, conn1, 'token/access_token');
    const first = marker('first');
    const second = marker('second');
    expect(await vault.get(r)).toBeNull();
    await vault.set(r, first);
    expect(await vault.get(r, { expectPresent: true })).toBe(first);
    // Stored under the store's own service, in the tenant's sets entry (a set owner's value), as other tools can see it.
    expect(vault.service).toBe(`chatbot-settings-desktop/${INSTALLATION}`);
    expect(JSON.parse((await keytar.getPassword(vaultServiceOf(INSTALLATION), `${INSTALLATION}/${tenantA}/~sets`))!)).toEqual({ [conn1]: { 'token/access_token': first } });
    await vault.set(r, second);
    expect(await vault.get(r)).toBe(second);
    expect(await vault.delete(r)).toBe(true);
    expect(await vault.get(r)).toBeNull();
    expect(await vault.delete(r)).toBe(false);
  });

  it('reads several values side by side, in the order asked, and names a missing one', async () => {
    const owner = `api_connection:${randomUUID()}`;
    const fields = Array.from({ length: 7 }, (_, i) => `headers/h${i}`);
    const values = fields.map((field) => marker(field));
    for (const [i, field] of fields.entries()) await vault.set(ref(tenantB, owner, field), values[i]!);
    expect(await vault.getMany(fields.map((field) => ref(tenantB, owner, field)), { expectPresent: true })).toEqual(values);
    expect(await vault.getMany([ref(tenantB, owner, 'headers/none'), ref(tenantB, owner, fields[0]!)])).toEqual([null, values[0]]);
    expect(await vault.getMany([])).toEqual([]);
    const missing = await vault.getMany([ref(tenantB, owner, fields[1]!), ref(tenantB, owner, 'headers/none')], { expectPresent: true, label: (r) => `the secret “${r.field}”` }).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(VaultError);
    expect((missing as VaultError).reason).toBe('MISSING_VALUE');
    expect((missing as VaultError).message).toContain('headers/none');
    for (const field of fields) await vault.delete(ref(tenantB, owner, field));
  });

  it('keeps any text exactly (unicode, JSON, long values), in the sets entry or, too long for it, in an entry of its own', async () => {
    // A set is written once: each value under a set of its own, as the app writes them.
    for (const value of ['"sandbox@qontak.com"', 'ü🙂 ταυ \t x', 'x'.repeat(64 * 1024), '{"nested":[1,2,{"k":"v"}]}']) {
      const r = ref(tenantA, `api_connection:${randomUUID()}`, 'settings/a~1b');
      await vault.set(r, value);
      expect(await vault.get(r)).toBe(value);
      const own = (await accounts()).includes(`${tenantA}/${r.owner}/settings/a~1b`);
      expect(own).toBe(value.length > 1000);
      expect(await vault.delete(r)).toBe(true);
      expect(await vault.get(r)).toBeNull();
    }
  });

  it('lists a tenant’s refs (never values), and deletes an owner’s or a tenant’s entries together', async () => {
    const entries = [
      ref(tenantA, conn1, 'headers/apikey'),
      ref(tenantA, conn1, 'settings/owner_email'),
      ref(tenantA, conn2, 'token/access_token'),
      ref(tenantA, 'session', 'refresh_token'),
      ref(tenantB, conn1, 'headers/apikey'),
    ];
    for (const e of entries) await vault.set(e, marker(e.field.replace('/', '-')));
    const listed = await vault.listByTenant(tenantA);
    expect(sortRefs(listed)).toEqual(sortRefs(entries.slice(0, 4)));
    expect(JSON.stringify(listed)).not.toContain('MARKER');

    expect(await vault.deleteOwner(tenantA, conn1)).toBe(2);
    expect(sortRefs(await vault.listByTenant(tenantA))).toEqual(sortRefs(entries.slice(2, 4)));
    expect(await vault.deleteTenant(tenantA)).toBe(2);
    expect(await vault.listByTenant(tenantA)).toEqual([]);
    // The other tenant is untouched.
    expect(sortRefs(await vault.listByTenant(tenantB))).toEqual(sortRefs(entries.slice(4)));
    expect(await vault.deleteTenant(tenantB)).toBe(1);
  });

  it('sweeps orphans: entries of unknown owners and accounts it cannot read', async () => {
    const known = ref(tenantA, conn1, 'headers/apikey');
    const orphan = ref(tenantA, conn2, 'headers/apikey');
    const goneTenant = ref(tenantB, 'session', 'token');
    for (const e of [known, orphan, goneTenant]) await vault.set(e, marker('sweep'));
    await setStoreEntry(INSTALLATION, 'not-an-account-of-ours', 'x');
    await setStoreEntry(INSTALLATION, '~probe/left-over', 'x');
    const asked: string[] = [];
    const removed = await vault.sweepOrphans(async (r) => {
      asked.push(r.owner);
      return r.tenantId === tenantA && r.owner === conn1;
    });
    expect(removed).toBe(4);
    expect(asked.sort()).toEqual([conn1, conn2, 'session'].sort());
    expect(await accounts()).toEqual([`${tenantA}/~sets`]);
    expect(await vault.sweepOrphans(() => true)).toBe(0);
    await vault.delete(known);
  });

  it('a stored secret deleted behind the app’s back → MISSING_VALUE, asking to enter it again', async () => {
    const r = ref(tenantA, conn1, 'token/refresh_token');
    const secret = marker('refresh');
    await vault.set(r, secret);
    await keytar.deletePassword(vaultServiceOf(INSTALLATION), storeAccount(INSTALLATION, `${tenantA}/~sets`));
    const error = await vault.get(r, { expectPresent: true, label: 'the refresh token of “Jurnal”' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VaultError);
    expect(error).toMatchObject({ code: 'VAULT_UNAVAILABLE', reason: 'MISSING_VALUE' });
    expect((error as VaultError).message).toBe(
      'The keychain no longer holds the refresh token of “Jurnal”, which this app saved earlier (it may have been deleted from the keyring). Enter the value again to store it.',
    );
    expect(JSON.stringify((error as VaultError).toBody())).not.toContain(secret);
  });

  it('leaves no probe entries behind', async () => {
    await vault.status();
    await vault.listByTenant(tenantA);
    expect((await accounts()).filter((a) => a.startsWith('~probe/'))).toEqual([]);
  });

  it('never lists while a probe entry comes and goes: probes and listings take turns, even side by side', async () => {
    const installationId = randomUUID();
    const events: string[] = [];
    const timed = <T>(name: string, call: () => Promise<T>): Promise<T> => {
      events.push(`${name} start`);
      return call().finally(() => events.push(`${name} end`));
    };
    const watched = new Vault({
      installationId,
      timeoutMs: 10_000,
      backend: {
        getPassword: (s, a) => keytar.getPassword(s, a),
        setPassword: (s, a, p) => (a.includes('/~probe/') ? timed('probe', () => keytar.setPassword(s, a, p)) : keytar.setPassword(s, a, p)),
        deletePassword: (s, a) => (a.includes('/~probe/') ? timed('unprobe', () => keytar.deletePassword(s, a)) : keytar.deletePassword(s, a)),
        findCredentials: (s) => timed('list', () => keytar.findCredentials(s)),
      },
    });
    try {
      await watched.set(ref(tenantA, conn1, 'headers/apikey'), marker('probe-race'));
      events.length = 0;
      // A value found missing probes (outside any queue) while listings run.
      const missing = ref(tenantB, conn2, 'headers/gone');
      await Promise.all([watched.listByTenant(tenantA), watched.get(missing, { expectPresent: true }).catch(() => null), watched.listByTenant(tenantB), watched.status()]);
      // Between a probe's entry being made and removed, no listing starts or runs.
      let probing = false;
      let listing = 0;
      for (const event of events) {
        if (event === 'probe start') expect(listing, events.join(', ')).toBe(0);
        if (event === 'probe start') probing = true;
        if (event === 'unprobe end') probing = false;
        if (event === 'list start') {
          expect(probing, events.join(', ')).toBe(false);
          listing++;
        }
        if (event === 'list end') listing--;
      }
      expect(events.filter((e) => e === 'list start')).toHaveLength(2);
      expect(events.filter((e) => e === 'probe start').length).toBeGreaterThanOrEqual(3);
    } finally {
      await clearStoreEntries(installationId);
    }
  });

  it('touches only its own store’s accounts: another installation’s entries, even of the same tenant, are left alone', async () => {
    const otherInstallation = randomUUID();
    const other = new Vault({ installationId: otherInstallation, timeoutMs: 10_000 });
    const stranger = `stranger-${randomUUID()}`;
    try {
      const theirs = [ref(tenantA, conn1, 'headers/apikey'), ref(tenantA, 'session', 'tokens'), ref(tenantB, conn2, 'token/access_token')];
      const values = theirs.map(() => marker('theirs'));
      for (const [i, r] of theirs.entries()) await other.set(r, values[i]!);
      // entries without the installation prefix (someone else's tool under the same service) are not ours either
      await keytar.setPassword(vault.service, stranger, 'x');
      const ours = ref(tenantA, conn1, 'headers/apikey');
      await vault.set(ours, marker('ours'));

      expect(sortRefs(await vault.listByTenant(tenantA))).toEqual(sortRefs([ours]));
      expect(await vault.get(ref(tenantA, 'session', 'tokens'))).toBeNull();
      expect(await vault.deleteOwner(tenantA, conn1)).toBe(1);
      await vault.set(ours, marker('ours'));
      expect(await vault.deleteTenant(tenantB)).toBe(0);
      expect(await vault.sweepOrphans(() => false)).toBe(1); // only its own entry

      expect(await vault.listByTenant(tenantA)).toEqual([]);
      expect(sortRefs(await other.listByTenant(tenantA))).toEqual(sortRefs(theirs.slice(0, 2)));
      for (const [i, r] of theirs.entries()) expect(await other.get(r, { expectPresent: true })).toBe(values[i]);
      expect(await keytar.getPassword(vault.service, stranger)).toBe('x');
    } finally {
      await keytar.deletePassword(vault.service, stranger);
      await clearStoreEntries(otherInstallation);
    }
  });
});
