import { beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import type { DealSetting } from '../../../shared/schemas/crm';
import type { DealSettingDocument } from '../../../shared/schemas/deal-setting-document';
import type { Tenant } from '../../../shared/schemas/tenant';
import type { Core } from '../../../electron/core/open-core';
import { demoCrmCatalog, disconnectedCrmCatalog } from '../../support/core/demo-crm-catalog';
import { useTempDirs } from '../../support/core/temp-dirs';
import { useCores } from '../../support/core/open-test-core';
import { storeSnapshot } from '../../support/core/store-snapshot';
import { callError, callOk } from '../../support/core/rpc-call';

const MISSING_ID = '3f1d7c2a-9b8e-4d6f-a5c4-b3a2918070f6';

const deal = (patch: Partial<DealSetting> = {}): DealSetting => ({
  botResponseId: 'br-demo',
  enabled: true,
  pipelineId: 'pl-sales',
  stageId: 'st-new',
  dealName: 'Demo request',
  ownerId: 'owner-ayu',
  sourceId: 'src-chatbot',
  customerContactAssociation: false,
  ...patch,
});

interface World {
  tenantId: string;
  /** A tenant whose CRM is not connected, with one deal setting made while it was. */
  offlineTenantId: string;
  existingId: string;
  offlineDealId: string;
}

interface Case {
  name: string;
  channel: string;
  input: (world: World) => unknown;
  code: string;
  issue?: { path: Array<string | number>; message: string | RegExp };
  says?: string;
}

const create = (tenantId: string, draft: unknown) => ({ tenantId, draft });
const update = (world: World, draft: unknown) => ({ tenantId: world.tenantId, id: world.existingId, draft });

const CASES: Case[] = [
  // a stage of another pipeline, sent over the RPC
  { name: 'a stage from another pipeline (create)', channel: 'dealSettings.create', input: (w) => create(w.tenantId, deal({ botResponseId: 'br-order', stageId: 'st-partner-lead' })), code: 'INVALID_INPUT', issue: { path: ['draft', 'stageId'], message: 'ref.stage.wrongPipeline {"name":"Lead","pipeline":"Sales pipeline"}' }, says: 'Stage “Lead” does not belong to pipeline “Sales pipeline”.' },
  { name: 'a stage from another pipeline (update)', channel: 'dealSettings.update', input: (w) => update(w, deal({ pipelineId: 'pl-partner', stageId: 'st-won' })), code: 'INVALID_INPUT', issue: { path: ['draft', 'stageId'], message: 'ref.stage.wrongPipeline {"name":"Won","pipeline":"Partnerships"}' } },

  // unknown ids for each reference
  { name: 'an unknown bot response', channel: 'dealSettings.create', input: (w) => create(w.tenantId, deal({ botResponseId: 'br-ghost' })), code: 'INVALID_INPUT', issue: { path: ['draft', 'botResponseId'], message: 'ref.botResponse.unknown {"id":"br-ghost"}' }, says: 'Bot response br-ghost is not in the chatbot catalog.' },
  { name: 'an unknown pipeline', channel: 'dealSettings.update', input: (w) => update(w, deal({ enabled: false, pipelineId: 'pl-ghost', stageId: null })), code: 'INVALID_INPUT', issue: { path: ['draft', 'pipelineId'], message: 'ref.pipeline.unknown {"id":"pl-ghost"}' }, says: 'Pipeline pl-ghost is not in the CRM catalog.' },
  { name: 'an unknown stage', channel: 'dealSettings.update', input: (w) => update(w, deal({ stageId: 'st-ghost' })), code: 'INVALID_INPUT', issue: { path: ['draft', 'stageId'], message: 'ref.stage.unknown {"id":"st-ghost"}' } },
  { name: 'an unknown owner', channel: 'dealSettings.update', input: (w) => update(w, deal({ ownerId: 'owner-ghost' })), code: 'INVALID_INPUT', issue: { path: ['draft', 'ownerId'], message: 'ref.owner.unknown {"id":"owner-ghost"}' }, says: 'Owner owner-ghost is not in the CRM catalog.' },
  { name: 'an unknown source', channel: 'dealSettings.update', input: (w) => update(w, deal({ sourceId: 'src-ghost' })), code: 'INVALID_INPUT', issue: { path: ['draft', 'sourceId'], message: 'ref.source.unknown {"id":"src-ghost"}' } },
  { name: 'a stage the CRM dropped is named with its pipeline', channel: 'dealSettings.update', input: (w) => update(w, deal({ stageId: 'st-lost' })), code: 'INVALID_INPUT', issue: { path: ['draft', 'stageId'], message: 'ref.stage.removed {"name":"Lost","pipeline":"Sales pipeline"}' }, says: 'Stage “Lost” of pipeline “Sales pipeline” is no longer in the CRM.' },
  { name: 'a reference that is not an id', channel: 'dealSettings.update', input: (w) => update(w, deal({ ownerId: 'x'.repeat(129) })), code: 'INVALID_INPUT', issue: { path: ['draft', 'ownerId'], message: 'catalogId.invalid' } },

  // one deal setting per bot response
  { name: 'a second deal setting for the same bot response', channel: 'dealSettings.create', input: (w) => create(w.tenantId, deal({ dealName: 'Another' })), code: 'INVALID_INPUT', issue: { path: ['draft', 'botResponseId'], message: 'dealSetting.botResponse.duplicate' }, says: 'This bot response already has a deal setting.' },
  { name: 'moving a deal setting onto a bot response that has one', channel: 'dealSettings.update', input: (w) => ({ tenantId: w.tenantId, id: w.existingId, draft: deal({ botResponseId: 'br-pricing' }) }), code: 'INVALID_INPUT', issue: { path: ['draft', 'botResponseId'], message: 'dealSetting.botResponse.duplicate' } },

  // deal name
  { name: 'a blank deal name when enabled', channel: 'dealSettings.update', input: (w) => update(w, deal({ dealName: '  \t ' })), code: 'INVALID_INPUT', issue: { path: ['draft', 'dealName'], message: 'dealSetting.dealName.required' }, says: 'Deal name is required.' },
  { name: 'a deal name over 255 characters', channel: 'dealSettings.update', input: (w) => update(w, deal({ dealName: 'd'.repeat(256) })), code: 'INVALID_INPUT', issue: { path: ['draft', 'dealName'], message: 'dealSetting.dealName.tooLong {"max":255}' }, says: 'at most 255 characters' },
  { name: 'a deal name over the bound even when disabled', channel: 'dealSettings.create', input: (w) => create(w.tenantId, deal({ botResponseId: 'br-order', enabled: false, dealName: 'd'.repeat(300) })), code: 'INVALID_INPUT', issue: { path: ['draft', 'dealName'], message: 'dealSetting.dealName.tooLong {"max":255}' } },
  { name: 'enabled without pipeline, stage, owner, source', channel: 'dealSettings.create', input: (w) => create(w.tenantId, deal({ botResponseId: 'br-order', pipelineId: null, stageId: null, ownerId: null, sourceId: null })), code: 'INVALID_INPUT', issue: { path: ['draft', 'pipelineId'], message: 'dealSetting.pipeline.required' }, says: 'Choose a pipeline.' },

  // ids that do not exist
  { name: 'editing an id that does not exist', channel: 'dealSettings.update', input: (w) => ({ tenantId: w.tenantId, id: MISSING_ID, draft: deal() }), code: 'NOT_FOUND', says: MISSING_ID },
  { name: 'deleting an id that does not exist', channel: 'dealSettings.delete', input: (w) => ({ tenantId: w.tenantId, id: MISSING_ID }), code: 'NOT_FOUND', says: MISSING_ID },
  { name: 'undoing the deletion of an id that does not exist', channel: 'dealSettings.undoDelete', input: (w) => ({ tenantId: w.tenantId, id: MISSING_ID }), code: 'NOT_FOUND' },
  { name: 'another tenant’s deal setting', channel: 'dealSettings.delete', input: (w) => ({ tenantId: w.tenantId, id: w.offlineDealId }), code: 'NOT_FOUND' },
  { name: 'an unknown tenant', channel: 'dealSettings.list', input: () => ({ tenantId: MISSING_ID }), code: 'NOT_FOUND' },
  { name: 'the CRM catalog of an unknown tenant', channel: 'crm.catalog', input: () => ({ tenantId: MISSING_ID }), code: 'NOT_FOUND' },
  { name: 'an id that is not an id', channel: 'dealSettings.delete', input: (w) => ({ tenantId: w.tenantId, id: 'DROP TABLE' }), code: 'INVALID_INPUT', issue: { path: ['id'], message: 'id.invalid' } },

  // the CRM is not connected
  { name: 'creating when the CRM is not connected', channel: 'dealSettings.create', input: (w) => create(w.offlineTenantId, deal({ botResponseId: 'br-order' })), code: 'CONFLICT', issue: { path: [], message: 'crm.notConnected' }, says: 'The CRM is not connected' },
  { name: 'editing when the CRM is not connected', channel: 'dealSettings.update', input: (w) => ({ tenantId: w.offlineTenantId, id: w.offlineDealId, draft: deal({ dealName: 'Changed' }) }), code: 'CONFLICT', issue: { path: [], message: 'crm.notConnected' } },
  { name: 'deleting when the CRM is not connected', channel: 'dealSettings.delete', input: (w) => ({ tenantId: w.offlineTenantId, id: w.offlineDealId }), code: 'CONFLICT', issue: { path: [], message: 'crm.notConnected' } },

  // shapes
  { name: 'an extra key in the draft', channel: 'dealSettings.update', input: (w) => update(w, { ...deal(), probability: 90 }), code: 'INVALID_INPUT', issue: { path: ['draft'], message: /probability/ } },
  { name: 'enabled as text', channel: 'dealSettings.update', input: (w) => update(w, { ...deal(), enabled: 'yes' }), code: 'INVALID_INPUT', issue: { path: ['draft', 'enabled'], message: /boolean/ } },
  { name: 'no draft', channel: 'dealSettings.create', input: (w) => ({ tenantId: w.tenantId }), code: 'INVALID_INPUT', issue: { path: ['draft'], message: /.+/ } },
];

/** "Nothing changed": every domain table, the CRM catalog cache included. */
function snapshot(db: Database.Database) {
  return { ...storeSnapshot(db), catalog_raw: db.prepare('SELECT * FROM catalog_raw ORDER BY tenant_id, name').all() };
}

describe('deal settings: bad input over the RPC gets a clear error and changes nothing', () => {
  const tempDir = useTempDirs();
  const open = useCores();
  let core: Core;
  let world: World;

  beforeEach(async () => {
    core = open(tempDir(), { onUnexpectedError: () => undefined });
    const tenant = await callOk<Tenant>(core, 'tenants.create', { name: 'PT Deal Baik' });
    const offline = await callOk<Tenant>(core, 'tenants.create', { name: 'PT Tanpa CRM' });
    core.services.crmCatalog.replace(tenant.id, demoCrmCatalog());
    const smaller = demoCrmCatalog(); // the CRM dropped the stage "Lost"
    smaller.pipelines[0]!.stages = smaller.pipelines[0]!.stages.filter((stage) => stage.id !== 'st-lost');
    core.services.crmCatalog.replace(tenant.id, smaller);
    const existing = await callOk<DealSettingDocument>(core, 'dealSettings.create', { tenantId: tenant.id, draft: deal() });
    await callOk(core, 'dealSettings.create', { tenantId: tenant.id, draft: deal({ botResponseId: 'br-pricing', stageId: 'st-won' }) });

    core.services.crmCatalog.replace(offline.id, demoCrmCatalog());
    const offlineDeal = await callOk<DealSettingDocument>(core, 'dealSettings.create', { tenantId: offline.id, draft: deal() });
    core.services.crmCatalog.replace(offline.id, disconnectedCrmCatalog());
    world = { tenantId: tenant.id, offlineTenantId: offline.id, existingId: existing.id, offlineDealId: offlineDeal.id };
  });

  for (const testCase of CASES) {
    it(`${testCase.name} → ${testCase.code}`, async () => {
      const before = snapshot(core.services.db);
      const events: unknown[] = [];
      core.onEvent((name, payload) => events.push([name, payload]));

      const error = await callError(core, testCase.channel, testCase.input(world));
      expect(error.code).toBe(testCase.code);
      expect(error.message.length).toBeGreaterThan(10);
      expect(error.message).not.toMatch(/\[object|undefined|SqliteError|at .*\.ts:/);
      if (testCase.code === 'INVALID_INPUT') expect(error.message.startsWith('Invalid input: ')).toBe(true);
      if (testCase.issue) {
        const { path, message } = testCase.issue;
        const hit = error.issues?.find((issue) => JSON.stringify(issue.path) === JSON.stringify(path) && (typeof message === 'string' ? issue.message === message : message.test(issue.message)));
        expect(hit, `issue ${JSON.stringify(testCase.issue)} in ${JSON.stringify(error.issues)}`).toBeDefined();
      }
      if (testCase.says) expect(error.message).toContain(testCase.says);

      expect(snapshot(core.services.db)).toEqual(before);
      expect(events).toEqual([]);
    });
  }

  it('the deal settings saved before are exactly there after all of it', async () => {
    const before = await callOk<DealSettingDocument[]>(core, 'dealSettings.list', { tenantId: world.tenantId });
    for (const testCase of CASES) await core.dispatcher.dispatch(testCase.channel, testCase.input(world));
    expect(await callOk(core, 'dealSettings.list', { tenantId: world.tenantId })).toEqual(before);
    expect(before.map((doc) => doc.draft.botResponseId)).toEqual(['br-demo', 'br-pricing']);
  });
});
