import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiConnectionSchema } from '../../../shared/schemas/api-connection';
import { ContractValidator } from '../../sandbox/contract-validator';
import {
  CONNECTIONS_PER_TENANT,
  expectCollectionsPublished,
  intendedConnection,
  intendedDealSetting,
  prepareCollectionTenants,
  publishUntilSettled,
  SECRET_MARKER,
  storeFilesText,
  type CollectionTenant,
} from './collection-world';
import { createAccounts } from './publish-world';
import { startRecordingProxy, type RecordingProxy } from './recording-proxy';
import { addTenant, FAST_SYNC, inside, openSyncWorld, SKIP_REASON, type SyncWorld } from './sync-fixture';

if (!inside) console.warn(`[sync collections-publish] skipped: ${SKIP_REASON}`);

const TENANTS = 6;
const crmOf = (n: number) => n % 2 === 0; // createAccounts connects the CRM of every other tenant

/** Local ids of a tenant's connections by code. */
function connectionIds(world: CollectionTenant, core: { services: { apiConnections: { list(tenantId: string): { id: string; code: string; deleted: boolean }[] } } }): Map<string, string> {
  return new Map(core.services.apiConnections.list(world.tenantId).filter((c) => !c.deleted).map((c) => [c.code, c.id]));
}

describe.skipIf(!inside)('sync: publishing API connections and deal settings', () => {
  let world: SyncWorld;
  let proxy: RecordingProxy;
  beforeAll(async () => {
    world = await openSyncWorld();
    proxy = await startRecordingProxy(world.sandbox.sandbox.origin);
  });
  afterAll(async () => {
    await proxy?.close();
    await world?.close();
  });

  it('creates, updates and deletes many of them through resets, lost answers and 503s: the backend ends with exactly the drafts, nothing created twice, no secret in SQLite, every request as the contract says', async () => {
    const dataDir = world.dataDir();
    // Two tries per request: a lost answer often fails the whole call, so creations are sent again by later runs too.
    const core = world.open({ dataDir, sync: { ...FAST_SYNC, retry: { ...FAST_SYNC!.retry, maxAttempts: 2 } } });
    const accounts = await createAccounts(world.sandbox.admin, 'coll', TENANTS);
    const tenants = await prepareCollectionTenants(core, proxy.baseUrl, accounts, crmOf);
    const deals = tenants.filter((t) => t.crm).length * 2;

    // 1. Creations. Some land and lose their answer (reset or 500 after the write); some never arrive.
    await world.sandbox.admin.setFaults({
      seed: 7,
      rules: [
        { route: 'POST /chatbot/settings/api-connections', reset: true, failRate: 0.3, phase: 'after' },
        { route: 'POST /crm/deal-settings', status: 500, failRate: 0.4, phase: 'after' },
        { route: 'POST /**', reset: true, failRate: 0.15 },
        { route: 'POST /**', status: 503, retryAfter: 1, times: 2 },
      ],
    });
    const created = await publishUntilSettled(core, tenants, 15);
    const faults = await world.sandbox.admin.faults();
    await world.sandbox.admin.clearFaults();
    expect(created[0]!.total).toBe(TENANTS * CONNECTIONS_PER_TENANT + deals);
    expect(created.length).toBeGreaterThan(1); // some creations failed a run and went again in a later one
    expect(faults.rules[0]!.fired + faults.rules[1]!.fired).toBeGreaterThan(0); // answers were lost after the creation landed
    const stats = await world.sandbox.admin.stats();
    expect((stats.createApiConnection?.replayed ?? 0) + (stats.createDealSetting?.replayed ?? 0)).toBeGreaterThan(0); // and the resends got the first result
    // One key sent per creation, across every run: a later run sent the same entry again, never a new one
    // (entries a run failed before sending them, because their tenant was unreachable, were never sent).
    const sent = core.services.db
      .prepare("SELECT document_id, COUNT(*) AS n, SUM(attempts) AS attempts FROM outbox WHERE op = 'create' AND attempts > 0 GROUP BY document_id")
      .all() as { document_id: string; n: number; attempts: number }[];
    expect(sent.length).toBe(TENANTS * CONNECTIONS_PER_TENANT + deals);
    expect(sent.filter((row) => row.n > 1)).toEqual([]);
    expect(sent.some((row) => row.attempts > 1)).toBe(true);
    for (const run of created) expect(run.results.filter((r) => r.error?.code === 'BACKEND_ERROR')).toEqual([]); // no 409 for a creation that already landed
    for (const tenant of tenants) expect((await world.sandbox.admin.state(tenant.username)).idempotencyKeys).toBe(CONNECTIONS_PER_TENANT + tenant.dealSettings.size);
    await expectCollectionsPublished(core, world.sandbox.admin, tenants, expect);

    // 2. Changes: a plain field, new secrets, a deletion of each kind, a changed deal setting, a new connection.
    for (const [n, tenant] of tenants.entries()) {
      const ids = connectionIds(tenant, core);
      const renamed = { ...tenant.connections.get(`T${n}_C0`)!, name: `Renamed ${n}` };
      await core.services.apiConnections.update({
        tenantId: tenant.tenantId,
        id: ids.get(`T${n}_C0`)!,
        name: renamed.name,
        description: renamed.description,
        code: renamed.code,
        baseUrl: renamed.baseUrl,
        settings: { action: 'keep' },
        headers: { action: 'keep' },
        token: { action: 'keep' },
      });
      tenant.connections.set(`T${n}_C0`, renamed);
      const rekeyed = intendedConnection(n, 1, 1);
      await core.services.apiConnections.update({
        tenantId: tenant.tenantId,
        id: ids.get(`T${n}_C1`)!,
        name: rekeyed.name,
        description: rekeyed.description,
        code: rekeyed.code,
        baseUrl: rekeyed.baseUrl,
        settings: { action: 'keep' },
        headers: { action: 'replace', value: rekeyed.headers! },
        token: { action: 'keep' },
      });
      tenant.connections.set(rekeyed.code, rekeyed);
      await core.services.apiConnections.delete({ tenantId: tenant.tenantId, id: ids.get(`T${n}_C2`)! });
      tenant.connections.delete(`T${n}_C2`);
      const added = { ...intendedConnection(n, 2, 2), code: `T${n}_C2` }; // the freed code, in the same run
      await core.services.apiConnections.create({ tenantId: tenant.tenantId, ...added });
      tenant.connections.set(added.code, added);
      if (tenant.crm) {
        const list = core.services.dealSettings.list(tenant.tenantId);
        const pricing = list.find((d) => d.draft.botResponseId === 'br-pricing')!;
        const order = list.find((d) => d.draft.botResponseId === 'br-order')!;
        const changed = intendedDealSetting('br-pricing', n, 1);
        core.services.dealSettings.update({ tenantId: tenant.tenantId, id: pricing.id, draft: changed });
        tenant.dealSettings.set('br-pricing', changed);
        core.services.dealSettings.delete({ tenantId: tenant.tenantId, id: order.id });
        tenant.dealSettings.delete('br-order');
      }
    }
    const deletedOwners = core.services.db
      .prepare("SELECT tenant_id, vault_owner FROM settings_documents WHERE kind = 'api_connection' AND deleted = 1 AND vault_owner IS NOT NULL")
      .all() as { tenant_id: string; vault_owner: string }[];
    expect(deletedOwners.length).toBe(TENANTS);
    await world.sandbox.admin.setFaults({
      seed: 11,
      rules: [
        { route: 'PUT /**', reset: true, failRate: 0.3, phase: 'after' },
        { route: 'DELETE /**', status: 500, failRate: 0.4, phase: 'after' },
        { route: '**', reset: true, failRate: 0.1 },
        { route: 'PUT /**', status: 503, retryAfter: 1, times: 2 },
      ],
    });
    await publishUntilSettled(core, tenants, 15);
    await world.sandbox.admin.clearFaults();
    await expectCollectionsPublished(core, world.sandbox.admin, tenants, expect);

    // The deleted connections' keychain sets went with them; every other connection's secrets are still there.
    for (const { tenant_id, vault_owner } of deletedOwners) {
      expect((await core.services.vault.listByTenant(tenant_id)).filter((ref) => ref.owner === vault_owner)).toEqual([]);
    }
    for (const tenant of tenants) {
      for (const item of core.services.apiConnections.list(tenant.tenantId)) {
        const document = await core.services.apiConnections.get({ tenantId: tenant.tenantId, id: item.id });
        expect(document.secrets).toMatchObject({ readable: true, missingFields: [] });
      }
    }

    // Secrets went on the wire only: never into the store's files.
    core.services.db.pragma('wal_checkpoint(FULL)');
    expect(storeFilesText(dataDir)).not.toContain(SECRET_MARKER);
    expect(proxy.requests.some((r) => r.body.includes(SECRET_MARKER))).toBe(true); // (the scan can see them where they are)

    // Every request the app sent conforms to the OpenAPI document.
    const validator = new ContractValidator();
    const problems = proxy.requests.flatMap((request) => {
      const contentType = request.headers['content-type'];
      const body = request.body === '' ? undefined : contentType?.startsWith('application/json') ? (JSON.parse(request.body) as unknown) : Object.fromEntries(new URLSearchParams(request.body));
      return validator.checkRequest({ method: request.method, path: request.path, headers: request.headers, body, contentType });
    });
    expect(problems).toEqual([]);
    const kinds = new Set(proxy.requests.map((r) => `${r.method} ${r.path.replace(/\/[^/?]+-[0-9a-f-]{8,}$/i, '/{id}')}`));
    for (const route of ['POST /chatbot/settings/api-connections', 'POST /crm/deal-settings']) expect(kinds.has(route)).toBe(true);
    expect(proxy.requests.some((r) => r.method === 'PUT' && r.path.startsWith('/chatbot/settings/api-connections/') && r.headers['if-match'])).toBe(true);
    expect(proxy.requests.some((r) => r.method === 'DELETE' && r.path.startsWith('/crm/deal-settings/') && r.headers['if-match'])).toBe(true);
    expect(proxy.requests.filter((r) => r.method === 'POST' && r.path !== '/oauth/token').every((r) => /^[0-9a-f-]{36}:\d+$/.test(r.headers['idempotency-key'] ?? ''))).toBe(true);
  }, 180_000);

  it('a creation whose answer was lost keeps its keychain set while the user saves new secrets; the next publish sends it again, then the new secrets; the old set goes', async () => {
    const core = world.open({ sync: { ...FAST_SYNC, retry: { ...FAST_SYNC!.retry, maxAttempts: 1 } } });
    const [account] = await createAccounts(world.sandbox.admin, 'pinned', 1);
    const tenantId = addTenant(core, account!.username, world.sandbox.sandbox.baseUrl);
    await core.services.sync.signIn(tenantId, account!.username, account!.password);
    await core.services.sync.pull(tenantId);
    const first = intendedConnection(0, 1);
    const { id } = await core.services.apiConnections.create({ tenantId, ...first });
    const ownerOf = () => (core.services.db.prepare('SELECT vault_owner, base_vault_owner FROM settings_documents WHERE id = ?').get(id) as { vault_owner: string; base_vault_owner: string | null });
    const firstOwner = ownerOf().vault_owner;

    await world.sandbox.admin.setFaults({ rules: [{ route: 'POST /chatbot/settings/api-connections', reset: true, phase: 'after', times: 1 }] });
    const lost = await core.services.sync.waitForRun(core.services.sync.publish([tenantId]).runId);
    await world.sandbox.admin.clearFaults();
    expect(lost.results).toEqual([expect.objectContaining({ op: 'create', state: 'failed', error: expect.objectContaining({ code: 'BACKEND_UNREACHABLE' }) })]);
    expect((await world.sandbox.admin.state(account!.username)).apiConnections).toHaveLength(1); // it did land

    const second = intendedConnection(0, 1, 1);
    await core.services.apiConnections.update({ tenantId, id, ...second, settings: { action: 'keep' }, headers: { action: 'replace', value: second.headers! }, token: { action: 'keep' } });
    const secondOwner = ownerOf().vault_owner;
    expect(secondOwner).not.toBe(firstOwner);
    expect((await core.services.vault.listByTenant(tenantId)).some((ref) => ref.owner === firstOwner)).toBe(true); // pinned: the lost creation still needs it

    const runs = await publishUntilSettled(core, [{ tenantId, ...account! }]);
    expect(runs.map((run) => run.results.map((r) => `${r.op} ${r.state}`))).toEqual([['create done'], ['update done']]);
    const state = await world.sandbox.admin.state(account!.username);
    expect(state.apiConnections.map((r) => r.value)).toEqual([apiConnectionSchema.parse(second)]);
    expect(state.idempotencyKeys).toBe(1);
    expect(ownerOf()).toEqual({ vault_owner: secondOwner, base_vault_owner: secondOwner });
    const owners = new Set((await core.services.vault.listByTenant(tenantId)).filter((ref) => ref.owner.startsWith('api_connection:')).map((ref) => ref.owner));
    expect([...owners]).toEqual([secondOwner]);
  }, 60_000);

  it('a deal setting whose stage the CRM dropped is held back with the named error; the rest is published', async () => {
    const core = world.open();
    const [account] = await createAccounts(world.sandbox.admin, 'held', 1);
    const [tenant] = await prepareCollectionTenants(core, world.sandbox.sandbox.baseUrl, [account!], () => true);
    await world.sandbox.admin.removeCatalogEntry(tenant!.username, 'stages', 'st-new');
    await core.services.sync.pull(tenant!.tenantId);

    const [plan] = core.services.sync.plan([tenant!.tenantId]);
    const held = plan!.entries.filter((e) => e.kind === 'deal_setting');
    expect(held.map((e) => ({ op: e.op, status: e.status, paths: e.issues.map((i) => i.path.join('.')) }))).toEqual([
      { op: 'create', status: 'invalid', paths: ['stageId'] },
      { op: 'create', status: 'invalid', paths: ['stageId'] },
    ]);
    expect(held[0]!.issues[0]!.message).toMatch(/^ref\.stage\.removed/);
    expect(held[0]!.issues[0]!.message).toContain('New lead'); // named as last seen

    const run = await core.services.sync.waitForRun(core.services.sync.publish([tenant!.tenantId]).runId);
    expect(run.results.map((r) => r.kind).sort()).toEqual(Array(CONNECTIONS_PER_TENANT).fill('api_connection'));
    expect(run.counts.done).toBe(CONNECTIONS_PER_TENANT);
    const state = await world.sandbox.admin.state(tenant!.username);
    expect({ connections: state.apiConnections.length, deals: state.dealSettings.length }).toEqual({ connections: CONNECTIONS_PER_TENANT, deals: 0 });
  }, 60_000);
});
