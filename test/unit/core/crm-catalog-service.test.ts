import { describe, expect, it } from 'vitest';
import { crmCatalogViewSchema, type CrmCatalogSnapshot } from '../../../shared/schemas/crm';
import { CRM_CATALOG_NAME } from '../../../electron/core/crm/crm-catalog-service';
import { demoCrmCatalog, disconnectedCrmCatalog } from '../../support/core/demo-crm-catalog';
import { useTempDirs } from '../../support/core/temp-dirs';
import { manualClock, useCores } from '../../support/core/open-test-core';
import { rpcErrorOf } from '../../support/core/rpc-error-of';

const MISSING_ID = '3f1d7c2a-9b8e-4d6f-a5c4-b3a2918070f6';

describe('CRM catalog cache', () => {
  const tempDir = useTempDirs();
  const open = useCores();

  function setup() {
    const clock = manualClock();
    const core = open(tempDir(), { clock: clock.now, onUnexpectedError: () => undefined });
    const tenant = core.services.tenants.create({ name: 'PT Katalog CRM' });
    const rawRows = () => core.services.db.prepare('SELECT * FROM catalog_raw ORDER BY tenant_id, name').all();
    return { core, clock, tenantId: tenant.id, crm: core.services.crmCatalog, rawRows };
  }

  it('is empty, with the connection unknown, before the first fetch', () => {
    const { crm, tenantId } = setup();
    expect(crm.get(tenantId)).toEqual({ connected: null, pipelines: [], stages: [], owners: [], sources: [], botResponses: [], fetchedAt: null });
    expect(crm.isConnected(tenantId)).toBe(false);
  });

  it('replaces with the snapshot: stages flat in the CRM order, each naming its pipeline, fetchedAt recorded', () => {
    const { crm, tenantId, clock } = setup();
    const view = crm.replace(tenantId, demoCrmCatalog());
    expect(crmCatalogViewSchema.parse(view)).toEqual(view);
    expect(view.connected).toBe(true);
    expect(view.fetchedAt).toBe(new Date(clock.now()).toISOString());
    expect(view.pipelines.map((p) => p.name)).toEqual(['Sales pipeline', 'Partnerships']);
    expect(view.stages.filter((s) => s.pipelineId === 'pl-sales').map((s) => s.name)).toEqual(['New lead', 'Qualified', 'Proposal sent', 'Won', 'Lost']);
    expect(view.owners).toHaveLength(10);
    expect(Object.isFrozen(view.stages[0])).toBe(true);
    expect(crm.isConnected(tenantId)).toBe(true);
  });

  it('keeps a stage the CRM dropped, marked removed with its name, and it survives reopening the store', async () => {
    const { core, crm, tenantId, clock } = setup();
    crm.replace(tenantId, demoCrmCatalog());
    clock.advance(60_000);
    const smaller = demoCrmCatalog();
    smaller.pipelines[0]!.stages = smaller.pipelines[0]!.stages.filter((stage) => stage.id !== 'st-won');
    const view = crm.replace(tenantId, smaller);
    expect(view.stages.find((s) => s.id === 'st-won')).toEqual({ id: 'st-won', name: 'Won', pipelineId: 'pl-sales', removed: true });
    expect(view.stages.filter((s) => !s.removed)).toHaveLength(7);

    const dataDir = core.dataDir;
    await core.close();
    const reopened = open(dataDir, { onUnexpectedError: () => undefined });
    expect(reopened.services.crmCatalog.get(tenantId)).toEqual(view);
  });

  it('rejects a catalog with a stage whose pipeline does not exist, naming it, and the cache is unchanged', () => {
    const { core, crm, tenantId, rawRows } = setup();
    const good = crm.replace(tenantId, demoCrmCatalog());
    const before = rawRows();
    const events: unknown[] = [];
    core.onEvent((name, payload) => events.push([name, payload]));

    const broken: CrmCatalogSnapshot = demoCrmCatalog();
    broken.pipelines[1]!.stages.push({ id: 'st-orphan', name: 'Orphan', pipelineId: 'pl-ghost' });
    const error = rpcErrorOf(() => crm.replace(tenantId, broken));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.issues).toContainEqual({ path: ['pipelines', 1, 'stages', 3, 'pipelineId'], message: 'crm.stage.pipelineUnknown {"name":"Orphan","pipelineId":"pl-ghost"}' });
    expect(error.message).toContain('Stage “Orphan” names pipeline pl-ghost');

    expect(rawRows()).toEqual(before);
    expect(crm.get(tenantId)).toEqual(good);
    expect(events).toEqual([]);
  });

  it('rejects duplicate ids and extra keys, and a first bad snapshot writes nothing', () => {
    const { crm, tenantId, rawRows } = setup();
    const duplicate = demoCrmCatalog();
    duplicate.owners.push({ id: 'owner-ayu', name: 'Ayu again' });
    expect(rpcErrorOf(() => crm.replace(tenantId, duplicate)).issues).toContainEqual({ path: ['owners', 10, 'id'], message: 'catalog.duplicateId' });
    expect(rpcErrorOf(() => crm.replace(tenantId, { ...demoCrmCatalog(), deals: [] } as unknown as CrmCatalogSnapshot)).code).toBe('INVALID_INPUT');
    expect(rawRows()).toEqual([]);
    expect(crm.get(tenantId).fetchedAt).toBeNull();
  });

  it('a disconnected CRM keeps what was seen as removed and says not connected', () => {
    const { crm, tenantId } = setup();
    crm.replace(tenantId, demoCrmCatalog());
    const view = crm.replace(tenantId, disconnectedCrmCatalog());
    expect(view.connected).toBe(false);
    expect(view.pipelines.every((p) => p.removed)).toBe(true);
    expect(view.botResponses.every((b) => !b.removed)).toBe(true);
    expect(crm.isConnected(tenantId)).toBe(false);
  });

  it('reads a row a pull wrote as the raw snapshot, and sees writes made around it', () => {
    const { core, crm, tenantId, clock } = setup();
    crm.replace(tenantId, demoCrmCatalog());
    expect(crm.get(tenantId).connected).toBe(true);
    // The sync engine (before it calls replace) wrote the fetched snapshot as it came.
    core.services.db
      .prepare('UPDATE catalog_raw SET data_json = ?, fetched_at = ? WHERE tenant_id = ? AND name = ?')
      .run(JSON.stringify(disconnectedCrmCatalog()), clock.now() + 5, tenantId, CRM_CATALOG_NAME);
    const view = crm.get(tenantId);
    expect(view.connected).toBe(false);
    expect(view.botResponses.map((b) => b.id)).toEqual(['br-pricing', 'br-demo', 'br-order', 'br-complaint']);
    expect(view.fetchedAt).toBe(new Date(clock.now() + 5).toISOString());
  });

  it('a damaged row is a clear INTERNAL error; an unknown tenant is NOT_FOUND', () => {
    const { core, crm, tenantId } = setup();
    crm.replace(tenantId, demoCrmCatalog());
    core.services.db.prepare('UPDATE catalog_raw SET data_json = ? WHERE tenant_id = ?').run('{"connected":"yes"}', tenantId);
    const damaged = rpcErrorOf(() => crm.get(tenantId));
    expect(damaged.code).toBe('INTERNAL');
    expect(damaged.message).toContain('damaged');
    expect(rpcErrorOf(() => crm.get(MISSING_ID)).code).toBe('NOT_FOUND');
    expect(rpcErrorOf(() => crm.replace(MISSING_ID, demoCrmCatalog())).code).toBe('NOT_FOUND');
  });

  it('the tenant’s cached CRM catalog goes with the tenant', () => {
    const { core, crm, tenantId, rawRows } = setup();
    crm.replace(tenantId, demoCrmCatalog());
    core.services.tenants.delete(tenantId);
    expect(rawRows()).toEqual([]);
  });
});
