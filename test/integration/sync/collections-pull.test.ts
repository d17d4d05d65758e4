import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApiConnection } from '../../../electron/core/api-connections/connection-secrets';
import { readPublicPart } from '../../../electron/core/api-connections/api-connection-rows';
import type { Core } from '../../../electron/core/open-core';
import { apiConnectionSchema, type ApiConnection, type ApiConnectionInput } from '../../../shared/schemas/api-connection';
import type { DealSetting } from '../../../shared/schemas/crm';
import { formatEtag } from '../../../shared/wire/http';
import type { ContractClient } from '../../sandbox/contract-client';
import { intendedConnection, intendedDealSetting, SECRET_MARKER, storeFilesText } from './collection-world';
import { createAccounts, type Account } from './publish-world';
import { addTenant, inside, openSyncWorld, SKIP_REASON, type SyncWorld } from './sync-fixture';

if (!inside) console.warn(`[sync collections-pull] skipped: ${SKIP_REASON}`);

interface Resource<T> {
  id: string;
  version: string;
  value: T;
}

/** Another device of the same tenant, editing the backend directly (contract-checked). */
class Device {
  constructor(readonly client: ContractClient) {}

  async create<T>(path: string, value: unknown): Promise<Resource<T>> {
    const result = await this.client.call<{ data: Resource<T> }>('POST', path, { body: value, headers: { 'Idempotency-Key': randomUUID() } });
    if (result.status !== 201) throw new Error(`device create: ${result.status} ${result.text}`);
    return result.body.data;
  }

  async replace<T>(path: string, id: string, value: unknown): Promise<Resource<T>> {
    const current = await this.client.call<{ data: Resource<T> }>('GET', `${path}/${id}`);
    const result = await this.client.call<{ data: Resource<T> }>('PUT', `${path}/${id}`, { body: value, headers: { 'If-Match': formatEtag(current.body.data.version) } });
    if (result.status !== 200) throw new Error(`device replace: ${result.status} ${result.text}`);
    return result.body.data;
  }

  async remove(path: string, id: string): Promise<void> {
    const current = await this.client.call<{ data: Resource<unknown> }>('GET', `${path}/${id}`);
    const result = await this.client.call('DELETE', `${path}/${id}`, { headers: { 'If-Match': formatEtag(current.body.data.version) } });
    if (result.status !== 204) throw new Error(`device delete: ${result.status} ${result.text}`);
  }
}

const CONNECTIONS = '/chatbot/settings/api-connections';
const DEALS = '/crm/deal-settings';

interface Row {
  id: string;
  draft_json: string;
  base_json: string | null;
  remote_id: string | null;
  dirty: number;
  deleted: number;
  vault_owner: string | null;
  base_vault_owner: string | null;
}

function rows(core: Core, tenantId: string, kind: string): Row[] {
  return core.services.db
    .prepare('SELECT id, draft_json, base_json, remote_id, dirty, deleted, vault_owner, base_vault_owner FROM settings_documents WHERE tenant_id = ? AND kind = ? ORDER BY created_at, rowid')
    .all(tenantId, kind) as Row[];
}

function connectionRow(core: Core, tenantId: string, code: string): Row {
  const row = rows(core, tenantId, 'api_connection').find((r) => readPublicPart(r.draft_json, r).code === code);
  if (!row) throw new Error(`no local connection ${code}`);
  return row;
}

/** The full connection the draft stands for: its public part and its keychain set. */
async function draftOf(core: Core, tenantId: string, code: string): Promise<ApiConnection> {
  const row = connectionRow(core, tenantId, code);
  return loadApiConnection(core.services.vault, tenantId, row.vault_owner, readPublicPart(row.draft_json, row));
}

const parsed = (value: ApiConnectionInput) => apiConnectionSchema.parse(value);

describe.skipIf(!inside)('sync: pulling API connections and deal settings', () => {
  let world: SyncWorld;
  let counter = 0;
  beforeAll(async () => {
    world = await openSyncWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  /** A fresh backend tenant (CRM connected), a local tenant signed in to it, and a device on the backend. */
  async function setup(dataDir?: string): Promise<{ core: Core; tenantId: string; account: Account; device: Device }> {
    const [account] = await createAccounts(world.sandbox.admin, `pull${counter++}`, 1); // index 0: CRM connected
    const core = world.open(dataDir ? { dataDir } : {});
    const tenantId = addTenant(core, account!.username, world.sandbox.sandbox.baseUrl);
    await core.services.sync.signIn(tenantId, account!.username, account!.password);
    return { core, tenantId, account: account!, device: new Device(await world.sandbox.signedIn(account!)) };
  }

  it('remote connections and deal settings appear: public parts in SQLite, secrets in the keychain only; an unchanged backend costs no keychain write', async () => {
    const dataDir = world.dataDir();
    const { core, tenantId, device } = await setup(dataDir);
    const a = await device.create<ApiConnection>(CONNECTIONS, intendedConnection(1, 0));
    await device.create<ApiConnection>(CONNECTIONS, intendedConnection(1, 4));
    const deal = await device.create<DealSetting>(DEALS, intendedDealSetting('br-demo', 1));

    const pulled = await core.services.sync.pull(tenantId);
    expect(pulled.conflicts).toEqual([]);
    // Pulled in the same millisecond, the two have no creation order between them: compare by code.
    expect(core.services.apiConnections.list(tenantId).map((c) => ({ code: c.code, published: c.published, dirty: c.dirty })).sort((x, y) => x.code.localeCompare(y.code))).toEqual([
      { code: 'T1_C0', published: true, dirty: false },
      { code: 'T1_C4', published: true, dirty: false },
    ]);
    expect(await draftOf(core, tenantId, 'T1_C0')).toEqual(a.value);
    expect(await draftOf(core, tenantId, 'T1_C4')).toEqual(parsed(intendedConnection(1, 4)));
    expect(core.services.dealSettings.list(tenantId).map((d) => ({ draft: d.draft, published: d.published, dirty: d.dirty }))).toEqual([
      { draft: deal.value, published: true, dirty: false },
    ]);
    expect(core.services.sync.plan([tenantId])[0]!.entries).toEqual([]);
    core.services.db.pragma('wal_checkpoint(FULL)');
    expect(storeFilesText(dataDir)).not.toContain(SECRET_MARKER);

    const before = (await core.services.vault.listByTenant(tenantId)).map((ref) => `${ref.owner}/${ref.field}`).sort();
    await core.services.sync.pull(tenantId);
    expect((await core.services.vault.listByTenant(tenantId)).map((ref) => `${ref.owner}/${ref.field}`).sort()).toEqual(before);
  }, 60_000);

  it('merges: plain fields field by field, secrets per section (the side that changed wins), both changed a section: a conflict that shows no value; theirs takes the backend’s values', async () => {
    const { core, tenantId, account, device } = await setup();
    const a = await device.create<ApiConnection>(CONNECTIONS, intendedConnection(2, 0));
    const b = await device.create<ApiConnection>(CONNECTIONS, intendedConnection(2, 1));
    await core.services.sync.pull(tenantId);
    const localA = connectionRow(core, tenantId, 'T2_C0');
    const localB = connectionRow(core, tenantId, 'T2_C1');
    const keep = { action: 'keep' } as const;

    // Here: A renamed (no secret touched); B gets new header values.
    await core.services.apiConnections.update({ tenantId, id: localA.id, ...scalars(a.value), name: 'A here', settings: keep, headers: keep, token: keep });
    await core.services.apiConnections.update({
      tenantId,
      id: localB.id,
      ...scalars(b.value),
      settings: keep,
      headers: { action: 'replace', value: { apikey: `${SECRET_MARKER}B-here` } },
      token: keep,
    });
    // There: A's description and its header value; B's base URL and its header value.
    await device.replace(CONNECTIONS, a.id, { ...a.value, description: 'A there', headers: { apikey: `${SECRET_MARKER}A-there` } });
    await device.replace(CONNECTIONS, b.id, { ...b.value, baseUrl: 'https://b-there.example.test', headers: { apikey: `${SECRET_MARKER}B-there` } });

    const pulled = await core.services.sync.pull(tenantId);
    expect(await draftOf(core, tenantId, 'T2_C0')).toEqual({ ...a.value, name: 'A here', description: 'A there', headers: { apikey: `${SECRET_MARKER}A-there` } });
    expect(await draftOf(core, tenantId, 'T2_C1')).toEqual({ ...b.value, baseUrl: 'https://b-there.example.test', headers: { apikey: `${SECRET_MARKER}B-here` } });
    expect(pulled.conflicts).toEqual([
      expect.objectContaining({ kind: 'api_connection', documentId: localB.id, conflicts: [expect.objectContaining({ pointer: '/headers', path: ['headers'] })] }),
    ]);
    expect(JSON.stringify(pulled.conflicts)).not.toContain(SECRET_MARKER);
    expect(core.services.sync.plan([tenantId])[0]!.entries.map((e) => ({ id: e.documentId, status: e.status, fields: e.fields }))).toEqual([
      { id: localA.id, status: 'ready', fields: ['/name'] },
      { id: localB.id, status: 'conflict', fields: ['/headers'] },
    ]);

    // A second pull keeps the undecided conflict.
    expect((await core.services.sync.pull(tenantId)).conflicts).toHaveLength(1);
    const left = await core.services.sync.resolveConflict(tenantId, 'api_connection', { '/headers': 'theirs' }, localB.id);
    expect(left).toEqual([]);
    expect(await draftOf(core, tenantId, 'T2_C1')).toEqual({ ...b.value, baseUrl: 'https://b-there.example.test', headers: { apikey: `${SECRET_MARKER}B-there` } });
    expect(connectionRow(core, tenantId, 'T2_C1')).toMatchObject({ dirty: 0 }); // exactly the backend's again: the base's set serves

    const run = await core.services.sync.waitForRun(core.services.sync.publish([tenantId]).runId);
    expect(run.results.map((r) => ({ id: r.documentId, op: r.op, state: r.state }))).toEqual([{ id: localA.id, op: 'update', state: 'done' }]);
    const state = await world.sandbox.admin.state(account.username);
    expect(state.apiConnections.find((r) => r.id === a.id)!.value).toEqual({ ...a.value, name: 'A here', description: 'A there', headers: { apikey: `${SECRET_MARKER}A-there` } });
    // The replaced keychain sets went: one set per connection is left (draft and base share it).
    const owners = new Set((await core.services.vault.listByTenant(tenantId)).filter((ref) => ref.owner.startsWith('api_connection:')).map((ref) => ref.owner));
    expect(owners.size).toBe(2);
  }, 60_000);

  it('deleted on the backend: an unchanged one goes with its keychain set; a changed one is a conflict, and mine publishes it again as new', async () => {
    const { core, tenantId, account, device } = await setup();
    const c = await device.create<ApiConnection>(CONNECTIONS, intendedConnection(3, 0));
    const d = await device.create<ApiConnection>(CONNECTIONS, intendedConnection(3, 1));
    const deal = await device.create<DealSetting>(DEALS, intendedDealSetting('br-order', 3));
    await core.services.sync.pull(tenantId);
    const localC = connectionRow(core, tenantId, 'T3_C0');
    const localD = connectionRow(core, tenantId, 'T3_C1');
    const keep = { action: 'keep' } as const;
    await core.services.apiConnections.update({ tenantId, id: localD.id, ...scalars(d.value), description: 'D changed here', settings: keep, headers: keep, token: keep });
    await device.remove(CONNECTIONS, c.id);
    await device.remove(CONNECTIONS, d.id);
    await device.remove(DEALS, deal.id);

    const pulled = await core.services.sync.pull(tenantId);
    expect(rows(core, tenantId, 'api_connection').map((r) => r.id)).toEqual([localD.id]);
    expect(rows(core, tenantId, 'deal_setting')).toEqual([]);
    expect((await core.services.vault.listByTenant(tenantId)).filter((ref) => ref.owner === localC.vault_owner)).toEqual([]);
    expect(pulled.conflicts).toEqual([
      expect.objectContaining({ documentId: localD.id, conflicts: [expect.objectContaining({ pointer: '', remote: null, local: expect.objectContaining({ description: 'D changed here' }) })] }),
    ]);
    expect(core.services.sync.plan([tenantId])[0]!.entries).toEqual([expect.objectContaining({ documentId: localD.id, op: 'update', status: 'conflict' })]);

    await core.services.sync.resolveConflict(tenantId, 'api_connection', { '': 'mine' }, localD.id);
    expect(core.services.sync.plan([tenantId])[0]!.entries).toEqual([expect.objectContaining({ documentId: localD.id, op: 'create', status: 'ready' })]);
    const run = await core.services.sync.waitForRun(core.services.sync.publish([tenantId]).runId);
    expect(run.counts.done).toBe(1);
    const state = await world.sandbox.admin.state(account.username);
    expect(state.apiConnections.map((r) => r.value)).toEqual([{ ...d.value, description: 'D changed here' }]);
    expect(state.apiConnections[0]!.id).not.toBe(d.id);
  }, 60_000);

  it('deleted here, changed there: a conflict; theirs brings the backend’s back', async () => {
    const { core, tenantId, device } = await setup();
    const e = await device.create<ApiConnection>(CONNECTIONS, intendedConnection(4, 2));
    await core.services.sync.pull(tenantId);
    const localE = connectionRow(core, tenantId, 'T4_C2');
    await core.services.apiConnections.delete({ tenantId, id: localE.id });
    const changed = { ...e.value, description: 'E changed there', settings: { owner_email: `${SECRET_MARKER}E-there` } };
    await device.replace(CONNECTIONS, e.id, changed);

    const pulled = await core.services.sync.pull(tenantId);
    expect(pulled.conflicts).toEqual([expect.objectContaining({ documentId: localE.id, conflicts: [expect.objectContaining({ pointer: '', local: null })] })]);
    expect(connectionRow(core, tenantId, 'T4_C2')).toMatchObject({ deleted: 1, dirty: 1 });
    await core.services.sync.resolveConflict(tenantId, 'api_connection', { '': 'theirs' }, localE.id);
    expect(connectionRow(core, tenantId, 'T4_C2')).toMatchObject({ deleted: 0, dirty: 0 });
    expect(await draftOf(core, tenantId, 'T4_C2')).toEqual(changed);
    expect(core.services.sync.plan([tenantId])[0]!.entries).toEqual([]);
  }, 60_000);

  it('one created here that the backend already has (same code, same bot response) is matched, not duplicated; publishing replaces it', async () => {
    const { core, tenantId, account, device } = await setup();
    await core.services.sync.pull(tenantId); // the CRM catalog, for the deal setting
    const mine = { ...intendedConnection(5, 3), description: 'made here' };
    await core.services.apiConnections.create({ tenantId, ...mine });
    const myDeal = intendedDealSetting('br-complaint', 5, 1);
    core.services.dealSettings.create({ tenantId, draft: myDeal });
    await device.create(CONNECTIONS, { ...intendedConnection(5, 3), code: 't5_c3' }); // the same code, ignoring case
    await device.create(DEALS, intendedDealSetting('br-complaint', 5, 0));

    const pulled = await core.services.sync.pull(tenantId);
    expect(rows(core, tenantId, 'api_connection')).toEqual([expect.objectContaining({ dirty: 1, remote_id: expect.any(String) })]);
    expect(rows(core, tenantId, 'deal_setting')).toEqual([expect.objectContaining({ dirty: 1, remote_id: expect.any(String) })]);
    expect(await draftOf(core, tenantId, 'T5_C3')).toEqual(parsed(mine));
    // Merged against an empty base: what both gave differently waits for the user, who keeps theirs here.
    const pointers = Object.fromEntries(pulled.conflicts.map((d) => [d.kind, d.conflicts.map((c) => c.pointer).sort()]));
    expect(pointers).toEqual({ api_connection: ['/code', '/description'], deal_setting: ['/dealName', '/stageId'] });
    for (const d of pulled.conflicts) {
      await core.services.sync.resolveConflict(tenantId, d.kind, Object.fromEntries(d.conflicts.map((c) => [c.pointer, 'mine' as const])), d.documentId);
    }
    expect(core.services.sync.plan([tenantId])[0]!.entries.map((e) => `${e.kind} ${e.op} ${e.status}`)).toEqual(['api_connection update ready', 'deal_setting update ready']);

    const run = await core.services.sync.waitForRun(core.services.sync.publish([tenantId]).runId);
    expect(run.counts.done).toBe(2);
    const state = await world.sandbox.admin.state(account.username);
    expect(state.apiConnections.map((r) => r.value)).toEqual([parsed(mine)]);
    expect(state.dealSettings.map((r) => r.value)).toEqual([myDeal]);
  }, 60_000);

  it('deal settings merge field by field; a mix that is not valid leaves every differing field to the user, and choices must make a valid one', async () => {
    const { core, tenantId, device } = await setup();
    const one = await device.create<DealSetting>(DEALS, intendedDealSetting('br-pricing', 6, 0));
    const two = await device.create<DealSetting>(DEALS, { ...intendedDealSetting('br-order', 6, 0), enabled: false });
    await core.services.sync.pull(tenantId);
    const [localOne, localTwo] = core.services.dealSettings.list(tenantId);
    core.services.dealSettings.update({ tenantId, id: localOne!.id, draft: { ...one.value, dealName: 'named here' } });
    core.services.dealSettings.update({ tenantId, id: localTwo!.id, draft: { ...two.value, dealName: '' } }); // fine while disabled
    await device.replace(DEALS, one.id, { ...one.value, stageId: 'st-won' });
    await device.replace(DEALS, two.id, { ...two.value, enabled: true }); // enabled needs a deal name

    const pulled = await core.services.sync.pull(tenantId);
    expect(core.services.dealSettings.get({ tenantId, id: localOne!.id }).draft).toEqual({ ...one.value, dealName: 'named here', stageId: 'st-won' });
    expect(core.services.dealSettings.get({ tenantId, id: localTwo!.id }).draft).toEqual({ ...two.value, dealName: '' });
    expect(pulled.conflicts).toEqual([expect.objectContaining({ documentId: localTwo!.id })]);
    expect(pulled.conflicts[0]!.conflicts.map((c) => c.pointer).sort()).toEqual(['/dealName', '/enabled']);

    const refused = await core.dispatcher.dispatch('sync.resolveConflict', { tenantId, kind: 'deal_setting', id: localTwo!.id, choices: { '/enabled': 'theirs', '/dealName': 'mine' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', issues: [{ path: ['dealName'], message: 'dealSetting.dealName.required' }] } });
    expect(core.services.sync.conflicts(tenantId)).toHaveLength(1);
    await core.services.sync.resolveConflict(tenantId, 'deal_setting', { '/enabled': 'theirs', '/dealName': 'theirs' }, localTwo!.id);
    expect(core.services.dealSettings.get({ tenantId, id: localTwo!.id })).toMatchObject({ draft: { ...two.value, enabled: true }, dirty: false });
    expect(core.services.sync.conflicts(tenantId)).toEqual([]);
  }, 60_000);
});

function scalars(value: ApiConnection) {
  return { name: value.name, description: value.description, code: value.code, baseUrl: value.baseUrl };
}
