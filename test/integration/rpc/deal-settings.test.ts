import { describe, expect, it } from 'vitest';
import { crmCatalogViewSchema, newDealSetting, type CrmCatalogView, type DealSetting } from '../../../shared/schemas/crm';
import { dealSettingDocumentSchema, type DealSettingDocument } from '../../../shared/schemas/deal-setting-document';
import type { Tenant } from '../../../shared/schemas/tenant';
import { demoCrmCatalog } from '../../support/core/demo-crm-catalog';
import { useTempDirs } from '../../support/core/temp-dirs';
import { useCores } from '../../support/core/open-test-core';
import { rpcContract, type RpcChannel } from '../../../shared/rpc/contract';
import type { Core } from '../../../electron/core/open-core';
import { callOk as rawCallOk } from '../../support/core/rpc-call';

/** Every answer must match the channel's output schema in the contract (as router.test.ts checks for the others). */
async function callOk<T>(core: Core, channel: RpcChannel, input: unknown): Promise<T> {
  const value = await rawCallOk<T>(core, channel, input);
  expect(rpcContract[channel].output.parse(value)).toEqual(value);
  return value;
}

const deal = (patch: Partial<DealSetting> = {}): DealSetting => ({
  botResponseId: 'br-demo',
  enabled: true,
  pipelineId: 'pl-partner',
  stageId: 'st-partner-nego',
  dealName: 'Partnership enquiry',
  ownerId: 'owner-hana',
  sourceId: 'src-website',
  customerContactAssociation: true,
  ...patch,
});

describe('deal settings over the RPC', () => {
  const tempDir = useTempDirs();
  const open = useCores();

  async function setup() {
    const core = open(tempDir(), { onUnexpectedError: () => undefined });
    const tenant = await callOk<Tenant>(core, 'tenants.create', { name: 'PT CRM Lancar' });
    const events: Array<[string, unknown]> = [];
    core.onEvent((name, payload) => events.push([name, payload]));
    return { core, tenantId: tenant.id, events };
  }

  it('crm.catalog gives the cached catalog, empty and unknown before the first fetch', async () => {
    const { core, tenantId } = await setup();
    const empty = await callOk<CrmCatalogView>(core, 'crm.catalog', { tenantId });
    expect(empty).toMatchObject({ connected: null, fetchedAt: null, stages: [] });
    core.services.crmCatalog.replace(tenantId, demoCrmCatalog());
    const view = await callOk<CrmCatalogView>(core, 'crm.catalog', { tenantId });
    expect(crmCatalogViewSchema.parse(view)).toEqual(view);
    expect(view.stages.filter((s) => s.pipelineId === 'pl-partner').map((s) => s.id)).toEqual(['st-partner-lead', 'st-partner-nego', 'st-partner-signed']);
  });

  it('create, update, delete, undo: each answer matches the contract and tells the tenant changed', async () => {
    const { core, tenantId, events } = await setup();
    core.services.crmCatalog.replace(tenantId, demoCrmCatalog());
    events.length = 0;

    const created = await callOk<DealSettingDocument>(core, 'dealSettings.create', { tenantId, draft: newDealSetting('br-demo') });
    expect(dealSettingDocumentSchema.parse(created)).toEqual(created);
    expect(created).toMatchObject({ draft: newDealSetting('br-demo'), dirty: true, published: false, deleted: false });

    const updated = await callOk<DealSettingDocument>(core, 'dealSettings.update', { tenantId, id: created.id, draft: deal() });
    expect(updated.draft).toEqual(deal());
    expect(updated.issues).toEqual([]);

    const deleted = await callOk<DealSettingDocument>(core, 'dealSettings.delete', { tenantId, id: created.id });
    expect(deleted.deleted).toBe(true);
    expect((await callOk<DealSettingDocument[]>(core, 'dealSettings.list', { tenantId })).map((doc) => doc.deleted)).toEqual([true]);
    const back = await callOk<DealSettingDocument>(core, 'dealSettings.undoDelete', { tenantId, id: created.id });
    expect(back).toMatchObject({ deleted: false, draft: deal() });

    expect(events).toEqual(Array.from({ length: 4 }, () => ['tenant.changed', { tenantId }]));
  });

  it('the same bot response can have a new deal setting once the old one is deleted', async () => {
    const { core, tenantId } = await setup();
    core.services.crmCatalog.replace(tenantId, demoCrmCatalog());
    const first = await callOk<DealSettingDocument>(core, 'dealSettings.create', { tenantId, draft: deal() });
    await callOk(core, 'dealSettings.delete', { tenantId, id: first.id });
    const second = await callOk<DealSettingDocument>(core, 'dealSettings.create', { tenantId, draft: deal({ dealName: 'Second' }) });
    const listed = await callOk<DealSettingDocument[]>(core, 'dealSettings.list', { tenantId });
    expect(listed.map((doc) => [doc.id, doc.deleted])).toEqual([
      [first.id, true],
      [second.id, false],
    ]);
  });

  it('a pull that drops the chosen stage shows the named error on the list', async () => {
    const { core, tenantId } = await setup();
    core.services.crmCatalog.replace(tenantId, demoCrmCatalog());
    await callOk(core, 'dealSettings.create', { tenantId, draft: deal() });
    const smaller = demoCrmCatalog();
    smaller.pipelines[1]!.stages = smaller.pipelines[1]!.stages.filter((stage) => stage.id !== 'st-partner-nego');
    core.services.crmCatalog.replace(tenantId, smaller);
    const [listed] = await callOk<DealSettingDocument[]>(core, 'dealSettings.list', { tenantId });
    expect(listed!.issues).toEqual([{ path: ['stageId'], message: 'ref.stage.removed {"name":"Negotiation","pipeline":"Partnerships"}' }]);
  });
});
