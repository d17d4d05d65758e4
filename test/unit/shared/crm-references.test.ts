import { describe, expect, it } from 'vitest';
import { applyCrmSnapshot, dealSettingSchema, EMPTY_CRM_CATALOG, type CrmCatalogView, type DealSetting } from '../../../shared/schemas/crm';
import { dealSettingReferenceIssues, withCrmReferences } from '../../../shared/validation/crm-references';
import { renderIssueMessageEn } from '../../../shared/validation/messages-en';

const catalog: CrmCatalogView = applyCrmSnapshot(
  EMPTY_CRM_CATALOG,
  {
    connected: true,
    pipelines: [
      { id: 'pl-sales', name: 'Sales', stages: [{ id: 'st-new', name: 'New', pipelineId: 'pl-sales' }, { id: 'st-won', name: 'Won', pipelineId: 'pl-sales' }] },
      { id: 'pl-partner', name: 'Partners', stages: [{ id: 'st-lead', name: 'Lead', pipelineId: 'pl-partner' }] },
    ],
    owners: [{ id: 'ow-1', name: 'Ayu' }],
    sources: [{ id: 'src-1', name: 'Chatbot' }],
    botResponses: [{ id: 'br-1', name: 'Pricing' }],
  },
  '2026-01-01T00:00:00.000Z',
);

const setting: DealSetting = {
  botResponseId: 'br-1',
  enabled: true,
  pipelineId: 'pl-sales',
  stageId: 'st-won',
  dealName: 'Lead',
  ownerId: 'ow-1',
  sourceId: 'src-1',
  customerContactAssociation: false,
};

const english = (value: DealSetting, view = catalog) => dealSettingReferenceIssues(value, view).map((i) => `${i.path.join('.')}: ${renderIssueMessageEn(i.message)}`);

describe('deal setting references against the CRM catalog', () => {
  it('finds nothing wrong with current references', () => {
    expect(dealSettingReferenceIssues(setting, catalog)).toEqual([]);
  });

  it('names a removed stage by its name and its pipeline as last seen', () => {
    const removed = { ...catalog, stages: catalog.stages.map((s) => (s.id === 'st-won' ? { ...s, removed: true } : s)) };
    expect(english(setting, removed)).toEqual(['stageId: Stage “Won” of pipeline “Sales” is no longer in the CRM.']);
  });

  it('names each removed or unknown reference', () => {
    const gone = {
      ...catalog,
      pipelines: catalog.pipelines.map((p) => ({ ...p, removed: true })),
      stages: catalog.stages.map((s) => ({ ...s, removed: true })),
      owners: catalog.owners.map((o) => ({ ...o, removed: true })),
      sources: catalog.sources.map((o) => ({ ...o, removed: true })),
      botResponses: catalog.botResponses.map((o) => ({ ...o, removed: true })),
    };
    expect(english(setting, gone)).toEqual([
      'botResponseId: Bot response “Pricing” is no longer in the chatbot.',
      'pipelineId: Pipeline “Sales” is no longer in the CRM.',
      'stageId: Stage “Won” of pipeline “Sales” is no longer in the CRM.',
      'ownerId: Owner “Ayu” is no longer in the CRM.',
      'sourceId: Source “Chatbot” is no longer in the CRM.',
    ]);
    expect(english({ ...setting, botResponseId: 'br-x', pipelineId: 'pl-x', stageId: 'st-x', ownerId: 'ow-x', sourceId: 'src-x' })).toEqual([
      'botResponseId: Bot response br-x is not in the chatbot catalog.',
      'pipelineId: Pipeline pl-x is not in the CRM catalog.',
      'stageId: Stage st-x is not in the CRM catalog.',
      'ownerId: Owner ow-x is not in the CRM catalog.',
      'sourceId: Source src-x is not in the CRM catalog.',
    ]);
  });

  it('refuses a stage of another pipeline', () => {
    expect(english({ ...setting, stageId: 'st-lead' })).toEqual(['stageId: Stage “Lead” does not belong to pipeline “Sales”.']);
  });

  it('checks references of a disabled setting too, and skips the ones left empty', () => {
    expect(english({ ...setting, enabled: false, stageId: 'st-gone' })).toEqual(['stageId: Stage st-gone is not in the CRM catalog.']);
    expect(dealSettingReferenceIssues({ ...setting, enabled: false, pipelineId: null, stageId: null, ownerId: null, sourceId: null }, catalog)).toEqual([]);
  });

  it('combines with the schema: one parse gives both kinds of issue', () => {
    const schema = withCrmReferences(dealSettingSchema, catalog);
    const result = schema.safeParse({ ...setting, stageId: 'st-lead', dealName: '' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual(['dealSetting.dealName.required', 'ref.stage.wrongPipeline {"name":"Lead","pipeline":"Sales"}']);
    const refOnly = schema.safeParse({ ...setting, stageId: 'st-lead' });
    expect(refOnly.error?.issues.map((i) => i.path.join('.'))).toEqual(['stageId']);
  });
});
