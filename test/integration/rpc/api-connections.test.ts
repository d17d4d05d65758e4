import keytar from 'keytar';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/open-core';
import type { ApiConnectionDocument, ApiConnectionListItem } from '../../../shared/schemas/api-connection-document';
import type { TestConnectionResult } from '../../../shared/schemas/api-connection-test';
import type { VaultStatusView } from '../../../shared/schemas/vault-status';
import type { Tenant } from '../../../shared/schemas/tenant';
import { RPC_CHANNELS } from '../../../shared/rpc/contract';
import { useTempDirs } from '../../support/core/temp-dirs';
import { useCores } from '../../support/core/open-test-core';
import {
  INSIDE_KEYRING,
  KEYRING_SKIP_REASON,
  RpcRecorder,
  clearStore,
  type StoreOfEntries,
  keychainAccounts,
  keychainSnapshot,
  marker,
  seedConnection,
  startRecordingServer,
} from '../api-connections/support';
import { storeAccount } from '../vault/store-entries';

/**
 * API Integration through the RPC router, on a real store and the real keychain (GNOME Keyring in
 * the private D-Bus session of scripts/with-keyring.sh). Every answer is checked against the
 * contract and searched for the secrets' markers.
 */
if (!INSIDE_KEYRING) console.warn(`[rpc/api-connections] skipped: ${KEYRING_SKIP_REASON}`);

const MISSING_ID = '3f1d7c2a-9b8e-4d6f-a5c4-b3a2918070f6';
const keep = { action: 'keep' } as const;

describe.skipIf(!INSIDE_KEYRING)(`apiConnections.* through dispatch (${INSIDE_KEYRING ? 'real keychain' : KEYRING_SKIP_REASON})`, () => {
  const tempDir = useTempDirs('api-connections-rpc-');
  const open = useCores();
  const stores: StoreOfEntries[] = [];
  afterEach(async () => {
    for (const store of stores.splice(0)) await clearStore(store);
  });

  async function setUp(name = 'PT Jurnal Demo'): Promise<{ core: Core; rpc: RpcRecorder; tenant: Tenant; store: StoreOfEntries }> {
    const core = open(tempDir(), { onUnexpectedError: () => undefined });
    stores.push(core.services.vault);
    const rpc = new RpcRecorder(core);
    const tenant = await rpc.ok<Tenant>('tenants.create', { name });
    return { core, rpc, tenant, store: core.services.vault };
  }

  it('covers every apiConnections channel and vault.status of the contract', () => {
    const ours = RPC_CHANNELS.filter((c) => c.startsWith('apiConnections.') || c === 'vault.status').sort();
    expect(ours).toEqual(
      ['apiConnections.create', 'apiConnections.delete', 'apiConnections.get', 'apiConnections.list', 'apiConnections.testConnection', 'apiConnections.undoDelete', 'apiConnections.update', 'vault.status'].sort(),
    );
  });

  it('opening a connection whose value the keychain lost names it, and still previews the others', async () => {
    const { core, rpc, tenant } = await setUp();
    const m = marker();
    const created = await rpc.ok<ApiConnectionDocument>('apiConnections.create', { tenantId: tenant.id, ...seedConnection(m) });
    // One value taken out of the tenant's sets entry behind the app's back.
    const { vault } = core.services;
    const account = storeAccount(vault.installationId, `${tenant.id}/~sets`);
    const sets = JSON.parse((await keytar.getPassword(vault.service, account))!) as Record<string, Record<string, string>>;
    const [owner] = Object.keys(sets);
    delete sets[owner!]!['headers/apikey'];
    await keytar.setPassword(vault.service, account, JSON.stringify(sets));

    const got = await rpc.ok<ApiConnectionDocument>('apiConnections.get', { tenantId: tenant.id, id: created.id });
    expect(got.secrets).toEqual({
      readable: true,
      reason: 'MISSING_VALUE',
      message: expect.stringContaining('the secret “headers/apikey” of API connection “Jurnal”'),
      missingFields: ['headers/apikey'],
    });
    const headers = Object.fromEntries(got.connection.headers!.map((h) => [h.name, h.secret]));
    const before = Object.fromEntries(created.connection.headers!.map((h) => [h.name, h.secret]));
    expect(headers['X-Client']).toEqual(before['X-Client']);
    expect(headers['apikey']).toMatchObject({ preview: null });
    expect(got.connection.token).toEqual(created.connection.token);
    expect(rpc.text()).not.toContain(m);
  });

  it('creates the seed examples, lists and gets them, and no answer holds a secret value', async () => {
    const { core, rpc, tenant, store } = await setUp();
    const m = marker();
    const jurnal = await rpc.ok<ApiConnectionDocument>('apiConnections.create', { tenantId: tenant.id, ...seedConnection(m) });
    const qontak = await rpc.ok<ApiConnectionDocument>('apiConnections.create', {
      tenantId: tenant.id,
      name: 'Qontak CRM',
      description: 'Deals',
      code: 'QONTAK_CRM',
      baseUrl: 'https://api.jurnal.id',
      settings: { owner_email: 'sandbox@qontak.com' },
      headers: { apikey: 'xxxxxxxx' },
      token: { token_type: 'bearer', access_token: 'x', expires_in: 7200, refresh_token: '', created_at: 1732406400 },
    });

    expect(jurnal).toMatchObject({ tenantId: tenant.id, published: false, dirty: true, deleted: false, secrets: { readable: true, missingFields: [] } });
    expect(jurnal.connection).toMatchObject({
      name: 'Jurnal',
      code: 'JURNAL API',
      baseUrl: 'https://api.jurnal.id',
      settings: [
        { key: 'owner_email', secret: { set: true, preview: expect.stringMatching(/^••••..$/) } },
        { key: 'nested', secret: { set: true, preview: expect.stringMatching(/^••••/) } },
      ],
      headers: [
        { name: 'apikey', secret: { set: true, preview: expect.stringMatching(/^••••/) } },
        { name: 'X-Client', secret: { set: true, preview: expect.stringMatching(/^••••/) } },
      ],
      token: { token_type: 'bearer', expires_in: 7200, created_at: 1732406400, expiresAt: '2024-11-24T02:00:00.000Z', expired: true },
    });
    expect(qontak.connection.token).toMatchObject({ access_token: { set: true, preview: '••••' }, refresh_token: { set: false, preview: null } });

    const list = await rpc.ok<ApiConnectionListItem[]>('apiConnections.list', { tenantId: tenant.id });
    expect(list.map((c) => [c.name, c.code, c.baseUrl, c.dirty, c.published, c.deleted, c.tokenExpired])).toEqual([
      ['Jurnal', 'JURNAL API', 'https://api.jurnal.id', true, false, false, true],
      ['Qontak CRM', 'QONTAK_CRM', 'https://api.jurnal.id', true, false, false, true],
    ]);
    const got = await rpc.ok<ApiConnectionDocument>('apiConnections.get', { tenantId: tenant.id, id: jurnal.id });
    expect(got.connection).toEqual(jurnal.connection);
    expect((await rpc.ok<Tenant>('tenants.get', { id: tenant.id })).unpublishedCount).toBe(2);

    // The secrets are in the keychain, under the store's own installation prefix; the answers never carried one.
    const accounts = await keychainAccounts(store);
    expect(accounts.filter((a) => a.includes(jurnal.id))).toHaveLength(6); // 2 settings, 2 headers, 2 token strings
    expect(accounts.filter((a) => a.includes(qontak.id))).toHaveLength(3);
    for (const secret of [m, 'sandbox@qontak.com', 'xxxxxxxx']) expect(rpc.text()).not.toContain(secret);
    expect(core.services.db.prepare('SELECT group_concat(draft_json) AS all_json FROM settings_documents').get()).not.toMatchObject({ all_json: expect.stringContaining(m) });
  });

  it('updates with keep, replace, patch and clear, and moves to a fresh secret set each time', async () => {
    const { core, rpc, tenant, store } = await setUp();
    const m = marker();
    const created = await rpc.ok<ApiConnectionDocument>('apiConnections.create', { tenantId: tenant.id, ...seedConnection(m) });
    const base = { tenantId: tenant.id, id: created.id, name: 'Jurnal', description: 'Accounting in Jurnal', code: 'JURNAL API', baseUrl: 'https://api.jurnal.id' };
    const before = await keychainSnapshot(store);

    // keep everything, rename: no keychain write at all
    const renamed = await rpc.ok<ApiConnectionDocument>('apiConnections.update', { ...base, name: 'Jurnal ID', settings: keep, headers: keep, token: keep });
    expect(renamed.connection.name).toBe('Jurnal ID');
    expect(renamed.connection.headers).toEqual(created.connection.headers);
    expect(await keychainSnapshot(store)).toEqual(before);

    // replace the token, patch one header in and one out, keep the settings
    const n = marker();
    const updated = await rpc.ok<ApiConnectionDocument>('apiConnections.update', {
      ...base,
      settings: keep,
      headers: { action: 'patch', set: { 'X-Tenant': `${n}-tenant-header` }, remove: ['x-client'] },
      token: { action: 'replace', value: { token_type: 'Bearer', access_token: `${n}-new-access`, expires_in: 3600, refresh_token: '', created_at: 4102444800 } },
    });
    expect(updated.connection.headers?.map((h) => h.name)).toEqual(['apikey', 'X-Tenant']);
    expect(updated.connection.token).toMatchObject({ token_type: 'Bearer', expired: false, refresh_token: { set: false, preview: null } });
    expect(updated.connection.settings).toEqual(created.connection.settings);
    const owners = (await keychainAccounts(store)).map((a) => a.split('/')[1]);
    expect(new Set(owners).size).toBe(1); // the old set is gone, one set remains
    const fields = (await keychainAccounts(store)).map((a) => a.split('/').slice(2).join('/')).sort();
    expect(fields).toEqual(['headers/X-Tenant', 'headers/apikey', 'settings/nested', 'settings/owner_email', 'token/access_token']);
    const values = new Map(await keychainSnapshot(store));
    expect([...values.values()]).toContain(`${m}-xxxxxxxx`); // the kept header's value was carried over
    expect([...values.values()]).toContain(`${n}-new-access`);

    // clear everything: no secrets left, the connection still there
    const cleared = await rpc.ok<ApiConnectionDocument>('apiConnections.update', { ...base, settings: { action: 'clear' }, headers: { action: 'clear' }, token: { action: 'clear' } });
    expect(cleared.connection).toMatchObject({ settings: null, headers: null, token: null });
    expect(await keychainAccounts(store)).toEqual([]);
    expect((await rpc.ok<ApiConnectionDocument>('apiConnections.get', { tenantId: tenant.id, id: created.id })).connection.token).toBeNull();

    for (const secret of [m, n]) expect(rpc.text()).not.toContain(secret);
    const revisions = core.services.db.prepare('SELECT draft_json FROM revisions WHERE document_id = ?').all(created.id) as Array<{ draft_json: string }>;
    expect(revisions.length).toBeGreaterThan(0);
    for (const revision of revisions) expect(revision.draft_json).not.toMatch(new RegExp(`${m}|${n}`));
  });

  it('deletes and undoes; a deleted connection frees its code and keeps its secrets until purged', async () => {
    const { rpc, tenant, store } = await setUp();
    const m = marker();
    const created = await rpc.ok<ApiConnectionDocument>('apiConnections.create', { tenantId: tenant.id, ...seedConnection(m) });
    const secretsBefore = await keychainSnapshot(store);

    const deleted = await rpc.ok<ApiConnectionListItem>('apiConnections.delete', { tenantId: tenant.id, id: created.id });
    expect(deleted).toMatchObject({ id: created.id, deleted: true, dirty: false, published: false });
    expect(await rpc.ok('apiConnections.delete', { tenantId: tenant.id, id: created.id })).toMatchObject({ deleted: true }); // again: no change
    expect((await rpc.ok<ApiConnectionListItem[]>('apiConnections.list', { tenantId: tenant.id })).map((c) => c.deleted)).toEqual([true]);
    expect((await rpc.ok<Tenant>('tenants.get', { id: tenant.id })).unpublishedCount).toBe(0);
    expect(await keychainSnapshot(store)).toEqual(secretsBefore);
    const editDeleted = await rpc.error('apiConnections.update', { tenantId: tenant.id, id: created.id, ...seedConnection(m), settings: keep, headers: keep, token: keep });
    expect(editDeleted).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('Undo the deletion') });

    const undone = await rpc.ok<ApiConnectionListItem>('apiConnections.undoDelete', { tenantId: tenant.id, id: created.id });
    expect(undone).toMatchObject({ deleted: false, dirty: true });
    const got = await rpc.ok<ApiConnectionDocument>('apiConnections.get', { tenantId: tenant.id, id: created.id });
    expect(got.secrets).toEqual({ readable: true, reason: null, message: null, missingFields: [] });
    expect(got.connection).toEqual(created.connection);

    // delete again, let another connection take the code: undo is refused, saying why
    await rpc.ok('apiConnections.delete', { tenantId: tenant.id, id: created.id });
    await rpc.ok('apiConnections.create', { tenantId: tenant.id, ...seedConnection(m, { name: 'Jurnal 2', code: 'jurnal api', settings: null, headers: null, token: null }) });
    const refused = await rpc.error('apiConnections.undoDelete', { tenantId: tenant.id, id: created.id });
    expect(refused).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('“Jurnal 2” now uses the code “jurnal api”') });
    expect(rpc.text()).not.toContain(m);
  });

  it('answers NOT_FOUND for an unknown connection id on every channel that takes one', async () => {
    const { rpc, tenant } = await setUp();
    const edit = { name: 'X', description: 'Y', code: 'Z', baseUrl: 'https://api.jurnal.id', settings: keep, headers: keep, token: keep };
    for (const [channel, input] of [
      ['apiConnections.get', { tenantId: tenant.id, id: MISSING_ID }],
      ['apiConnections.update', { tenantId: tenant.id, id: MISSING_ID, ...edit }],
      ['apiConnections.delete', { tenantId: tenant.id, id: MISSING_ID }],
      ['apiConnections.undoDelete', { tenantId: tenant.id, id: MISSING_ID }],
      ['apiConnections.testConnection', { tenantId: tenant.id, id: MISSING_ID }],
    ] as const) {
      expect(await rpc.error(channel, input), channel).toEqual({ code: 'NOT_FOUND', message: `API connection ${MISSING_ID} does not exist.` });
    }
    // a connection of another tenant is not found through this one
    const other = await rpc.ok<Tenant>('tenants.create', { name: 'PT Lain' });
    const theirs = await rpc.ok<ApiConnectionDocument>('apiConnections.create', { tenantId: other.id, ...seedConnection(marker(), { settings: null, headers: null, token: null }) });
    expect(await rpc.error('apiConnections.get', { tenantId: tenant.id, id: theirs.id })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a duplicate code in another case, on create and on rename', async () => {
    const { rpc, tenant } = await setUp();
    const plain = (code: string) => ({ tenantId: tenant.id, ...seedConnection(marker(), { code, settings: null, headers: null, token: null }) });
    await rpc.ok('apiConnections.create', plain('QONTAK_CRM'));
    const duplicate = await rpc.error('apiConnections.create', plain('  qontak_crm '));
    expect(duplicate).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['code'], message: 'apiConnection.code.duplicate' }] });
    const second = await rpc.ok<ApiConnectionDocument>('apiConnections.create', plain('JURNAL API'));
    const rename = await rpc.error('apiConnections.update', { ...plain('Qontak_Crm'), id: second.id, settings: keep, headers: keep, token: keep });
    expect(rename).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['code'], message: 'apiConnection.code.duplicate' }] });
    // the same code in another tenant is fine
    const other = await rpc.ok<Tenant>('tenants.create', { name: 'PT Lain' });
    await rpc.ok('apiConnections.create', { ...plain('qontak_crm'), tenantId: other.id });
  });

  it('tests a connection from the core: the local server receives the headers and token from the keychain', async () => {
    const { rpc, tenant } = await setUp();
    const server = await startRecordingServer();
    try {
      const m = marker();
      const created = await rpc.ok<ApiConnectionDocument>('apiConnections.create', { tenantId: tenant.id, ...seedConnection(m, { baseUrl: `${server.base}/api/v1` }) });
      const result = await rpc.ok<TestConnectionResult>('apiConnections.testConnection', { tenantId: tenant.id, id: created.id, path: '/status' });
      expect(result).toMatchObject({ ok: true, status: 200, redirects: 0 });
      expect(server.seen).toHaveLength(1);
      expect(server.seen[0]).toMatchObject({
        path: '/api/v1/status',
        headers: { apikey: `${m}-xxxxxxxx`, 'x-client': `${m}-client`, authorization: `Bearer ${m}-access-token` },
      });

      // the form's unsaved state: a replaced token and a patched header, applied to the stored connection
      const n = marker();
      const edited = await rpc.ok<TestConnectionResult>('apiConnections.testConnection', {
        tenantId: tenant.id,
        id: created.id,
        path: '/missing',
        edit: {
          baseUrl: server.base,
          headers: { action: 'patch', set: { 'X-Client': `${n}-unsaved` }, remove: [] },
          token: { action: 'replace', value: { token_type: 'token', access_token: `${n}-unsaved-access`, expires_in: 60, refresh_token: '', created_at: 1732406400 } },
        },
      });
      expect(edited).toMatchObject({ ok: false, status: 404, error: { kind: 'HTTP' } });
      expect(server.seen[1]).toMatchObject({ path: '/missing', headers: { apikey: `${m}-xxxxxxxx`, 'x-client': `${n}-unsaved`, authorization: `token ${n}-unsaved-access` } });

      // a connection not saved yet
      await rpc.ok('apiConnections.testConnection', { tenantId: tenant.id, edit: { baseUrl: server.base, headers: { action: 'replace', value: { apikey: 'k' } }, token: { action: 'clear' } } });
      expect(server.seen[2]?.headers).toMatchObject({ apikey: 'k' });
      expect(server.seen[2]?.headers.authorization).toBeUndefined();
      // bad unsaved input is named under `edit`
      const bad = await rpc.error('apiConnections.testConnection', { tenantId: tenant.id, edit: { baseUrl: 'ftp://x', headers: keep, token: keep } });
      expect(bad).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['edit', 'baseUrl'], message: 'apiConnection.baseUrl.protocol' }] });
      expect(await rpc.error('apiConnections.testConnection', { tenantId: tenant.id })).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['id'] }] });

      for (const secret of [m, n]) expect(rpc.text()).not.toContain(secret);
    } finally {
      await server.close();
    }
  });

  it('deleting a tenant removes all of its keychain entries and no other tenant’s', async () => {
    const { rpc, tenant, store } = await setUp();
    const other = await rpc.ok<Tenant>('tenants.create', { name: 'PT Tetap' });
    await rpc.ok('apiConnections.create', { tenantId: tenant.id, ...seedConnection(marker()) });
    await rpc.ok('apiConnections.create', { tenantId: tenant.id, ...seedConnection(marker(), { code: 'SECOND' }) });
    const kept = await rpc.ok<ApiConnectionDocument>('apiConnections.create', { tenantId: other.id, ...seedConnection(marker()) });
    expect((await keychainAccounts(store)).filter((a) => a.startsWith(`${tenant.id}/`))).toHaveLength(12);

    expect(await rpc.ok('tenants.delete', { id: tenant.id })).toEqual({ id: tenant.id });
    const left = await keychainAccounts(store);
    expect(left.filter((a) => a.startsWith(`${tenant.id}/`))).toEqual([]);
    expect(left).toHaveLength(6);
    expect(left.every((a) => a.includes(kept.id))).toBe(true);
    const status = await rpc.ok<VaultStatusView>('vault.status', {});
    expect(status).toMatchObject({ state: 'available', cleanup: { state: 'done', removed: 12, message: null } });
  });

  it('reports the keychain as available, and the clean-up as idle for a store that never saved a secret', async () => {
    const { rpc } = await setUp();
    expect(await rpc.ok<VaultStatusView>('vault.status', {})).toEqual({
      state: 'available',
      message: 'The OS keychain is available.',
      cleanup: { state: 'idle', removed: 0, message: null, finishedAt: null },
    });
  });
});
