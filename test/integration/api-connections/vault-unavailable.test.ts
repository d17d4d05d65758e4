import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import keytar from 'keytar';
import type { Core } from '../../../electron/core/open-core';
import { Vault } from '../../../electron/core/vault/vault';
import type { KeychainBackend } from '../../../electron/core/vault/keychain-backend';
import { VAULT_MESSAGES } from '../../../electron/core/vault/vault-error';
import type { ApiConnectionDocument } from '../../../shared/schemas/api-connection-document';
import type { Tenant } from '../../../shared/schemas/tenant';
import { useTempDirs } from '../../support/core/temp-dirs';
import { useCores } from '../../support/core/open-test-core';
import { storeSnapshot } from '../../support/core/store-snapshot';
import { KeyringSandbox, REPO_ROOT, runProcess, type ChildResult } from '../../support/keyring/keyring-sandbox';
import { INSIDE_KEYRING, KEYRING_SKIP_REASON, RpcRecorder, clearStore, type StoreOfEntries, keychainSnapshot, marker, seedConnection } from './support';

/**
 * The keychain failing while a connection is saved: VAULT_UNAVAILABLE with the vault's message,
 * and nothing changed — no row, no keychain entry. Caused for real where it can be (the core in a
 * child process without a D-Bus session); the two failures that cannot be timed for real (the
 * keychain dying as a new set is written, the row failing after the secrets were written) use a
 * keychain that fails that write, and a real SQLite trigger.
 */
if (!INSIDE_KEYRING) console.warn(`[vault-unavailable] skipped: ${KEYRING_SKIP_REASON}`);

const CHILD = join(REPO_ROOT, 'test/integration/api-connections/fixtures/core-child.ts');
const keep = { action: 'keep' } as const;

describe.skipIf(!INSIDE_KEYRING)(`saving API connections while the keychain fails (${INSIDE_KEYRING ? 'real keychain' : KEYRING_SKIP_REASON})`, () => {
  const tempDir = useTempDirs('api-connections-vault-down-');
  const open = useCores();
  const sandbox = new KeyringSandbox();
  const stores: StoreOfEntries[] = [];
  afterEach(async () => {
    for (const store of stores.splice(0)) await clearStore(store);
  });
  afterAll(() => sandbox.dispose());

  function openCore(dir: string, vault?: Vault): Core {
    const core = open(dir, { onUnexpectedError: () => undefined, ...(vault ? { vault } : {}) });
    stores.push(core.services.vault);
    return core;
  }

  /** A store with one tenant and one connection holding secrets; the core is closed again. */
  async function storeWithConnection(m: string) {
    const dir = tempDir();
    const core = openCore(dir);
    const rpc = new RpcRecorder(core);
    const tenant = await rpc.ok<Tenant>('tenants.create', { name: 'PT Offline' });
    const created = await rpc.ok<ApiConnectionDocument>('apiConnections.create', { tenantId: tenant.id, ...seedConnection(m) });
    const installationId = core.services.vault.installationId;
    const store = storeSnapshot(core.services.db);
    const keychain = await keychainSnapshot({ installationId });
    await core.close();
    return { dir, tenantId: tenant.id, id: created.id, installationId, store, keychain };
  }

  const inChildWithoutDbus = async (dir: string, calls: Array<[string, unknown]>): Promise<ChildResult[]> => {
    const run = await runProcess([process.execPath, '--import', 'tsx', CHILD, dir, JSON.stringify(calls)], sandbox.baseEnv(), 30_000);
    expect(run.exitCode, run.stderr).toBe(0);
    return run.results;
  };

  it('without a D-Bus session: saves that need the keychain fail with its message, and nothing changes', async () => {
    const m = marker();
    const s = await storeWithConnection(m);
    const n = marker();
    const edit = { tenantId: s.tenantId, id: s.id, ...seedConnection(n), settings: keep, headers: keep, token: keep };
    const results = await inChildWithoutDbus(s.dir, [
      ['apiConnections.create', { tenantId: s.tenantId, ...seedConnection(n, { code: 'NEW' }) }],
      ['apiConnections.update', { ...edit, token: { action: 'replace', value: seedConnection(n).token } }],
      ['apiConnections.update', { ...edit, headers: { action: 'patch', set: { 'X-More': `${n}-more` }, remove: [] } }],
      ['apiConnections.update', { ...edit, settings: { action: 'clear' } }],
      ['apiConnections.testConnection', { tenantId: s.tenantId, id: s.id }],
      ['vault.status', {}],
    ]);
    const byOp = results.map((r) => ({ op: r.op, ok: r.ok, value: r.value as Record<string, unknown> }));
    for (const failed of byOp.slice(0, 5)) {
      expect(failed, failed.op).toMatchObject({ ok: false, value: { code: 'VAULT_UNAVAILABLE', message: VAULT_MESSAGES.NO_DBUS } });
    }
    // the start-up sweep failed too: shown in the status, logged without any secret
    expect(byOp[5]).toMatchObject({
      ok: true,
      value: {
        state: 'unavailable',
        reason: 'NO_DBUS',
        message: VAULT_MESSAGES.NO_DBUS,
        cleanup: { state: 'failed', message: expect.stringContaining('The keychain could not be cleaned up at start: The OS keychain cannot be reached') },
      },
    });
    const logged = results.find((r) => r.op === 'logged')?.value as string[];
    expect(logged).toEqual([expect.stringContaining('vault clean-up: VaultError: The OS keychain cannot be reached')]);
    expect(JSON.stringify(results)).not.toMatch(new RegExp(`${m}|${n}`));

    const core = openCore(s.dir);
    expect(storeSnapshot(core.services.db)).toEqual(s.store);
    // Listed once the reopened core's start-up sweep is over: its probe entry comes and goes meanwhile.
    await core.whenIdle();
    expect(await keychainSnapshot(s)).toEqual(s.keychain);
  });

  it('without a D-Bus session: an edit that keeps every secret, and a connection without secrets, still save', async () => {
    const m = marker();
    const s = await storeWithConnection(m);
    const results = await inChildWithoutDbus(s.dir, [
      ['apiConnections.update', { tenantId: s.tenantId, id: s.id, ...seedConnection(m), name: 'Jurnal (renamed offline)', settings: keep, headers: keep, token: keep }],
      ['apiConnections.create', { tenantId: s.tenantId, ...seedConnection(m, { code: 'PLAIN', settings: null, headers: null, token: null }) }],
      ['apiConnections.get', { tenantId: s.tenantId, id: s.id }],
    ]);
    expect(results[0]).toMatchObject({ ok: true, value: { connection: { name: 'Jurnal (renamed offline)' }, secrets: { readable: false, reason: 'NO_DBUS' } } });
    expect(results[1]).toMatchObject({ ok: true, value: { connection: { code: 'PLAIN', headers: null } } });
    // previews cannot be read, but the view still says which secrets are set
    expect(results[2]).toMatchObject({ ok: true, value: { secrets: { readable: false, message: VAULT_MESSAGES.NO_DBUS }, connection: { token: { access_token: { set: true, preview: null } } } } });

    const core = openCore(s.dir);
    const rpc = new RpcRecorder(core);
    const back = await rpc.ok<ApiConnectionDocument>('apiConnections.get', { tenantId: s.tenantId, id: s.id });
    expect(back).toMatchObject({ connection: { name: 'Jurnal (renamed offline)' }, secrets: { readable: true, missingFields: [] } });
    expect(back.connection.token?.access_token.preview).toMatch(/^••••/);
    expect(await keychainSnapshot(s)).toEqual(s.keychain);
  });

  it('the keychain failing as a new set is written (one write for the set): nothing of it stays, the old set still in use', async () => {
    const m = marker();
    const s = await storeWithConnection(m);
    let writes = 0;
    const failing: KeychainBackend = {
      getPassword: (service, account) => keytar.getPassword(service, account),
      deletePassword: (service, account) => keytar.deletePassword(service, account),
      findCredentials: (service) => keytar.findCredentials(service),
      setPassword: async (service, account, password) => {
        // at the set's write, the Secret Service is gone
        if (!account.includes('/~probe/') && ++writes >= 1) throw new Error('The name org.freedesktop.secrets was not provided by any .service files');
        await keytar.setPassword(service, account, password);
      },
    };
    const core = openCore(s.dir, new Vault({ installationId: s.installationId, backend: failing, timeoutMs: 10_000 }));
    const rpc = new RpcRecorder(core);
    const n = marker();
    const error = await rpc.error('apiConnections.update', {
      tenantId: s.tenantId,
      id: s.id,
      ...seedConnection(n),
      settings: { action: 'replace', value: seedConnection(n).settings },
      headers: { action: 'replace', value: seedConnection(n).headers },
      token: keep,
    });
    expect(error).toEqual({ code: 'VAULT_UNAVAILABLE', message: VAULT_MESSAGES.NO_SECRET_SERVICE });
    expect(writes).toBe(1); // the tenant's sets entry, with the new set in it
    expect(storeSnapshot(core.services.db)).toEqual(s.store);
    expect(await keychainSnapshot(s)).toEqual(s.keychain);
    const add = await rpc.error('apiConnections.create', { tenantId: s.tenantId, ...seedConnection(n, { code: 'NEW' }) });
    expect(add.code).toBe('VAULT_UNAVAILABLE');
    expect(storeSnapshot(core.services.db)).toEqual(s.store);
    expect(await keychainSnapshot(s)).toEqual(s.keychain);
    expect(rpc.text()).not.toMatch(new RegExp(`${m}|${n}`));
  });

  it('the row failing after the secrets were written: the new set is removed again, the old one still in use', async () => {
    const m = marker();
    const s = await storeWithConnection(m);
    const core = openCore(s.dir);
    const rpc = new RpcRecorder(core);
    // A real SQLite failure at the row's write (nothing else refuses it once the input is valid).
    core.services.db.exec(`
      CREATE TEMP TRIGGER refuse_insert BEFORE INSERT ON settings_documents BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;
      CREATE TEMP TRIGGER refuse_update BEFORE UPDATE ON settings_documents BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;
    `);
    const n = marker();
    const add = await rpc.error('apiConnections.create', { tenantId: s.tenantId, ...seedConnection(n, { code: 'NEW' }) });
    expect(add).toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('apiConnections.create') });
    const edit = await rpc.error('apiConnections.update', {
      tenantId: s.tenantId,
      id: s.id,
      ...seedConnection(n),
      settings: keep,
      headers: keep,
      token: { action: 'replace', value: seedConnection(n).token },
    });
    expect(edit.code).toBe('INTERNAL');
    expect(storeSnapshot(core.services.db)).toEqual(s.store);
    expect(await keychainSnapshot(s)).toEqual(s.keychain);

    core.services.db.exec('DROP TRIGGER temp.refuse_insert; DROP TRIGGER temp.refuse_update;');
    const got = await rpc.ok<ApiConnectionDocument>('apiConnections.get', { tenantId: s.tenantId, id: s.id });
    expect(got.secrets.readable).toBe(true);
    expect(got.secrets.missingFields).toEqual([]);
    expect(rpc.text()).not.toMatch(new RegExp(`${m}|${n}`));
  });
});
