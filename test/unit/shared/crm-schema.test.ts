import { describe, expect, it } from 'vitest';
import {
  applyCrmSnapshot,
  CRM_LIMITS,
  crmCatalogSnapshotSchema,
  dealSettingSchema,
  EMPTY_CRM_CATALOG,
  newDealSetting,
  stagesOfPipeline,
  type CrmCatalogSnapshot,
  type DealSetting,
} from '../../../shared/schemas/crm';
import { renderIssueMessageEn } from '../../../shared/validation/messages-en';

const complete: DealSetting = {
  botResponseId: 'br-1',
  enabled: true,
  pipelineId: 'pl-1',
  stageId: 'st-1',
  dealName: 'Chatbot lead',
  ownerId: 'ow-1',
  sourceId: 'src-1',
  customerContactAssociation: true,
};

const messages = (value: unknown) => {
  const result = dealSettingSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}=${i.message}`);
};

describe('deal setting schema', () => {
  it('accepts a complete enabled setting and a new (disabled, empty) one', () => {
    expect(messages(complete)).toEqual([]);
    expect(messages(newDealSetting('br-2'))).toEqual([]);
  });

  it('needs pipeline, stage, deal name, owner and source when enabled', () => {
    expect(messages({ ...complete, pipelineId: null, stageId: null, dealName: ' \t', ownerId: null, sourceId: null })).toEqual([
      'pipelineId=dealSetting.pipeline.required',
      'stageId=dealSetting.stage.required',
      'dealName=dealSetting.dealName.required',
      'ownerId=dealSetting.owner.required',
      'sourceId=dealSetting.source.required',
    ]);
  });

  it('lets a disabled one be incomplete, but never over the deal name bound', () => {
    expect(messages({ ...complete, enabled: false, pipelineId: null, dealName: '' })).toEqual([]);
    const tooLong = 'x'.repeat(CRM_LIMITS.dealNameMax + 1);
    expect(messages({ ...complete, enabled: false, dealName: tooLong })).toEqual([`dealName=dealSetting.dealName.tooLong {"max":${CRM_LIMITS.dealNameMax}}`]);
    expect(messages({ ...complete, dealName: 'x'.repeat(CRM_LIMITS.dealNameMax) })).toEqual([]);
    expect(renderIssueMessageEn(messages({ ...complete, dealName: tooLong })[0]!.split('=').slice(1).join('='))).toBe('Deal name can be at most 255 characters.');
  });

  it('needs a bot response, refuses unknown keys and wrong types', () => {
    expect(messages({ ...complete, botResponseId: '' })).toEqual(['botResponseId=dealSetting.botResponse.required']);
    const { botResponseId: _omit, ...withoutBotResponse } = complete;
    expect(messages(withoutBotResponse)).toEqual(['botResponseId=dealSetting.botResponse.required']);
    expect(messages({ ...complete, extra: 1 }).length).toBe(1);
    expect(messages({ ...complete, enabled: 'yes' }).length).toBeGreaterThan(0);
    expect(messages({ ...complete, customerContactAssociation: null }).length).toBeGreaterThan(0);
  });
});

const snapshot: CrmCatalogSnapshot = {
  connected: true,
  pipelines: [
    { id: 'pl-1', name: 'Sales', stages: [{ id: 'st-1', name: 'New', pipelineId: 'pl-1' }, { id: 'st-2', name: 'Won', pipelineId: 'pl-1' }] },
    { id: 'pl-2', name: 'Partners', stages: [{ id: 'st-3', name: 'Lead', pipelineId: 'pl-2' }] },
  ],
  owners: [{ id: 'ow-1', name: 'Ayu' }],
  sources: [{ id: 'src-1', name: 'Chatbot' }],
  botResponses: [{ id: 'br-1', name: 'Pricing', text: 'Our prices' }],
};

describe('CRM catalog snapshot schema', () => {
  it('accepts a consistent catalog', () => {
    expect(crmCatalogSnapshotSchema.safeParse(snapshot).success).toBe(true);
  });

  it('rejects a stage naming a pipeline that does not exist, or another pipeline than the one listing it', () => {
    const unknown = structuredClone(snapshot);
    unknown.pipelines[1]!.stages[0]!.pipelineId = 'pl-gone';
    const result = crmCatalogSnapshotSchema.safeParse(unknown);
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: ['pipelines', 1, 'stages', 0, 'pipelineId'], message: 'crm.stage.pipelineUnknown {"name":"Lead","pipelineId":"pl-gone"}' }),
    ]);
    const mismatch = structuredClone(snapshot);
    mismatch.pipelines[1]!.stages[0]!.pipelineId = 'pl-1';
    expect(crmCatalogSnapshotSchema.safeParse(mismatch).error?.issues[0]?.message).toMatch(/^crm\.stage\.pipelineMismatch/);
  });

  it('rejects duplicate ids, stage ids across pipelines included', () => {
    const dup = structuredClone(snapshot);
    dup.pipelines[1]!.stages.push({ id: 'st-1', name: 'Again', pipelineId: 'pl-2' });
    dup.owners.push({ id: 'ow-1', name: 'Twice' });
    const paths = crmCatalogSnapshotSchema.safeParse(dup).error?.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(['pipelines.1.stages.1.id', 'owners.1.id']);
  });
});

describe('CRM catalog cache', () => {
  it('keeps entries the backend stopped listing, marked removed, with their last names', () => {
    const first = applyCrmSnapshot(EMPTY_CRM_CATALOG, snapshot, '2026-01-01T00:00:00.000Z');
    expect(first.stages.map((s) => `${s.id}:${s.removed}`)).toEqual(['st-1:false', 'st-2:false', 'st-3:false']);
    const next = structuredClone(snapshot);
    next.pipelines[0]!.stages = next.pipelines[0]!.stages.filter((s) => s.id !== 'st-2');
    next.owners = [];
    const second = applyCrmSnapshot(first, next, '2026-01-02T00:00:00.000Z');
    expect(second.stages.find((s) => s.id === 'st-2')).toEqual({ id: 'st-2', name: 'Won', pipelineId: 'pl-1', removed: true });
    expect(second.owners).toEqual([{ id: 'ow-1', name: 'Ayu', removed: true }]);
    expect(second.fetchedAt).toBe('2026-01-02T00:00:00.000Z');
    // Listed again: current again.
    expect(applyCrmSnapshot(second, snapshot, '2026-01-03T00:00:00.000Z').stages.every((s) => !s.removed)).toBe(true);
  });

  it('offers the current stages of a pipeline in the CRM order', () => {
    const view = applyCrmSnapshot(EMPTY_CRM_CATALOG, snapshot, '2026-01-01T00:00:00.000Z');
    expect(stagesOfPipeline(view, 'pl-1').map((s) => s.name)).toEqual(['New', 'Won']);
    expect(stagesOfPipeline(view, null)).toEqual([]);
    const withRemoved = { ...view, stages: view.stages.map((s) => (s.id === 'st-1' ? { ...s, removed: true } : s)) };
    expect(stagesOfPipeline(withRemoved, 'pl-1').map((s) => s.name)).toEqual(['Won']);
  });
});
