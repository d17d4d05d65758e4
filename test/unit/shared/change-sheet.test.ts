import { describe, expect, it } from 'vitest';
import { buildChangeSheet, type ApiConnectionInput, type ChangeSheetInput } from '../../../shared/change-sheet/build-change-sheet';
import { changeSheetSchema } from '../../../shared/change-sheet/change-sheet';
import type { SheetNames } from '../../../shared/change-sheet/sheet-values';
import { AI_RESPONSE_DEFAULT } from '../../../shared/schemas/ai-response';
import { IDLE_ACTION_DEFAULT } from '../../../shared/schemas/idle-action';
import { newDealSetting } from '../../../shared/schemas/crm';
import type { ApiConnectionPublic } from '../../../shared/schemas/api-connection-public';

const catalog: Record<string, string> = {
  'div-sales': 'Sales',
  'div-support': 'Customer Support',
  'agent-ayu': 'Ayu',
  'pl-1': 'Sales pipeline',
  'st-1': 'New',
  'owner-1': 'Dewi',
  'src-1': 'Chatbot',
  'br-pricing': 'Pricing question',
  'br-demo': 'Book a demo',
};
const lookup = (id: string) => catalog[id] ?? null;
const names: SheetNames = { division: lookup, agent: lookup, pipeline: lookup, stage: lookup, owner: lookup, source: lookup, botResponse: lookup };

const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function input(overrides: Partial<ChangeSheetInput> = {}): ChangeSheetInput {
  return {
    tenantId: ID(1),
    tenantName: 'Acme Retail',
    generatedAt: '2026-12-06T10:00:00.000Z',
    names,
    aiResponse: { documentId: ID(2), base: AI_RESPONSE_DEFAULT, draft: AI_RESPONSE_DEFAULT, updatedAt: null, holdBack: null },
    idleAction: { documentId: ID(3), base: IDLE_ACTION_DEFAULT, draft: IDLE_ACTION_DEFAULT, updatedAt: null, holdBack: null },
    apiConnections: [],
    dealSettings: [],
    ...overrides,
  };
}

const connection: ApiConnectionPublic = {
  name: 'Jurnal API',
  description: 'Invoices',
  code: 'JURNAL_API',
  baseUrl: 'https://api.jurnal.id',
  settingsKeys: ['owner_email'],
  headers: [{ name: 'apikey', set: true }],
  token: null,
};

describe('change sheet', () => {
  it('is empty when every draft equals what was last applied', () => {
    const sheet = buildChangeSheet(input());
    expect(sheet.steps).toEqual([]);
    expect(changeSheetSchema.parse(sheet)).toEqual(sheet);
  });

  it('lists only the AI Response fields of the chosen mode that changed, by name, never by id', () => {
    const draft = { ...AI_RESPONSE_DEFAULT, onThreshold: 'specific_division' as const, divisionId: 'div-sales', agentId: 'agent-ayu', handoverMessage: 'Please wait' };
    const sheet = buildChangeSheet(input({ aiResponse: { documentId: ID(2), base: AI_RESPONSE_DEFAULT, draft, updatedAt: '2026-12-06T09:00:00.000Z', holdBack: null } }));
    expect(sheet.steps).toHaveLength(1);
    const [step] = sheet.steps;
    expect(step).toMatchObject({ area: 'ai_response', start: null, finish: 'save' });
    expect(step!.lines.map((line) => [line.field, line.value])).toEqual([
      ['onThreshold', { type: 'option', option: 'specific_division' }],
      ['division', { type: 'reference', catalog: 'division', name: 'Sales' }],
      ['handoverMessage', { type: 'text', text: 'Please wait' }],
    ]);
    // The agent is set in the draft but unused by this mode: not on the sheet.
    expect(JSON.stringify(sheet)).not.toContain('agent-ayu');
    expect(JSON.stringify(sheet)).not.toContain('div-sales');
    expect(sheet.stamps).toEqual([{ documentId: ID(2), updatedAt: '2026-12-06T09:00:00.000Z' }]);
  });

  it('shows every field of the mode when the web app state was never applied', () => {
    const sheet = buildChangeSheet(input({ idleAction: { documentId: ID(3), base: null, draft: { ...IDLE_ACTION_DEFAULT, action: 'resolve_conversation', idleHours: 1, closingMessage: 'Bye' }, updatedAt: null, holdBack: null } }));
    expect(sheet.steps[0]!.lines.map((line) => [line.field, line.before])).toEqual([
      ['idleAction', null],
      ['idleTime', null],
      ['closingMessage', null],
    ]);
  });

  it('carries the value before each change', () => {
    const base = { ...IDLE_ACTION_DEFAULT, action: 'resolve_conversation' as const, idleHours: 1, closingMessage: 'Bye' };
    const sheet = buildChangeSheet(input({ idleAction: { documentId: ID(3), base, draft: { ...base, idleMinutes: 30 }, updatedAt: null, holdBack: null } }));
    expect(sheet.steps[0]!.lines).toEqual([
      { id: 'idle_action:idleTime', field: 'idleTime', value: { type: 'duration', hours: 1, minutes: 30 }, before: { type: 'duration', hours: 1, minutes: 0 } },
    ]);
  });

  it('adds, edits and deletes API connections with secret lines that hold no value', () => {
    const added: ApiConnectionInput = { documentId: ID(10), base: null, draft: connection, deleted: false, updatedAt: null, holdBack: null, changedSecrets: [] };
    const edited: ApiConnectionInput = {
      documentId: ID(11),
      base: { ...connection, name: 'CRM', code: 'QONTAK_CRM' },
      draft: { ...connection, name: 'CRM', code: 'QONTAK_CRM', baseUrl: 'https://api.example.test' },
      deleted: false,
      updatedAt: null,
      holdBack: null,
      changedSecrets: ['headers'],
    };
    const removed: ApiConnectionInput = { documentId: ID(12), base: { ...connection, name: 'Old' }, draft: { ...connection, name: 'Old' }, deleted: true, updatedAt: null, holdBack: null, changedSecrets: [] };
    const neverApplied: ApiConnectionInput = { ...removed, documentId: ID(13), base: null };
    const sheet = buildChangeSheet(input({ apiConnections: [removed, added, edited, neverApplied] }));
    expect(sheet.steps.map((step) => [step.target, step.start, step.finish])).toEqual([
      [{ change: 'edit', name: 'CRM' }, 'edit', 'save'],
      [{ change: 'add', name: 'Jurnal API' }, 'addApiConnection', 'add'],
      [{ change: 'delete', name: 'Old' }, 'delete', null],
    ]);
    expect(sheet.steps[0]!.lines.map((line) => line.field)).toEqual(['baseUrl', 'headers']);
    expect(sheet.steps[1]!.lines.map((line) => line.field)).toEqual(['connectionName', 'description', 'code', 'baseUrl', 'settings', 'headers']);
    expect(sheet.steps[1]!.lines.at(-1)!.value).toEqual({ type: 'secret', section: 'headers' });
  });

  it('names deal settings by their bot response and shows a disabled one as its toggle only', () => {
    const enabled = { ...newDealSetting('br-pricing'), enabled: true, pipelineId: 'pl-1', stageId: 'st-1', dealName: 'Pricing lead', ownerId: 'owner-1', sourceId: 'src-1' };
    const sheet = buildChangeSheet(
      input({
        dealSettings: [
          { documentId: ID(20), base: null, draft: enabled, deleted: false, updatedAt: null, holdBack: null },
          { documentId: ID(21), base: { ...enabled, botResponseId: 'br-demo' }, draft: { ...enabled, botResponseId: 'br-demo', enabled: false }, deleted: false, updatedAt: null, holdBack: null },
        ],
      }),
    );
    expect(sheet.steps.map((step) => step.target)).toEqual([
      { change: 'edit', name: 'Book a demo' },
      { change: 'add', name: 'Pricing question' },
    ]);
    expect(sheet.steps[0]!.lines.map((line) => [line.field, line.value])).toEqual([['dealSetting', { type: 'toggle', on: false }]]);
    expect(sheet.steps[1]!.lines.map((line) => line.field)).toEqual(['dealSetting', 'pipeline', 'stage', 'dealName', 'owner', 'source', 'customerContactAssociation']);
    expect(sheet.steps[1]!.lines[1]!.value).toEqual({ type: 'reference', catalog: 'pipeline', name: 'Sales pipeline' });
  });

  it('holds back invalid and conflicting documents, listed apart, never on the sheet', () => {
    const draft = { ...AI_RESPONSE_DEFAULT, threshold: 5 };
    const sheet = buildChangeSheet(
      input({
        aiResponse: { documentId: ID(2), base: AI_RESPONSE_DEFAULT, draft, updatedAt: null, holdBack: 'invalid' },
        apiConnections: [{ documentId: ID(10), base: null, draft: connection, deleted: false, updatedAt: null, holdBack: 'conflict', changedSecrets: [] }],
      }),
    );
    expect(sheet.steps).toEqual([]);
    expect(sheet.heldBack).toEqual([
      { area: 'ai_response', documentId: ID(2), name: 'AI Response', reason: 'invalid' },
      { area: 'api_integration', documentId: ID(10), name: 'Jurnal API', reason: 'conflict' },
    ]);
    expect(sheet.stamps).toEqual([]);
  });

  it('marks a reference the catalog no longer has instead of printing its id', () => {
    const draft = { ...AI_RESPONSE_DEFAULT, onThreshold: 'specific_agent' as const, agentId: 'agent-gone' };
    const sheet = buildChangeSheet(input({ aiResponse: { documentId: ID(2), base: AI_RESPONSE_DEFAULT, draft, updatedAt: null, holdBack: null } }));
    expect(sheet.steps[0]!.lines.find((line) => line.field === 'agent')!.value).toEqual({ type: 'reference', catalog: 'agent', name: null });
    expect(JSON.stringify(sheet)).not.toContain('agent-gone');
  });
});
