import { beforeEach, describe, expect, it } from 'vitest';
import { AI_RESPONSE_DEFAULT, type AiResponse } from '../../../shared/schemas/ai-response';
import { IDLE_ACTION_DEFAULT, type IdleAction } from '../../../shared/schemas/idle-action';
import type { Tenant } from '../../../shared/schemas/tenant';
import type { Core } from '../../../electron/core/open-core';
import { demoCatalog } from '../../support/core/demo-catalog';
import { useTempDirs } from '../../support/core/temp-dirs';
import { useCores } from '../../support/core/open-test-core';
import { storeSnapshot } from '../../support/core/store-snapshot';
import { callError, callOk } from '../../support/core/rpc-call';

const MISSING_ID = '3f1d7c2a-9b8e-4d6f-a5c4-b3a2918070f6';
const ai = (patch: Partial<AiResponse>): AiResponse => ({ ...AI_RESPONSE_DEFAULT, ...patch });
const idle = (patch: Partial<IdleAction>): IdleAction => ({ ...IDLE_ACTION_DEFAULT, action: 'resolve_conversation', idleMinutes: 30, closingMessage: 'Terima kasih', ...patch });

interface Case {
  name: string;
  channel: string;
  input: (tenantId: string) => unknown;
  code: string;
  /** An issue that must be among the error's issues (path and encoded message). */
  issue?: { path: Array<string | number>; message: string | RegExp };
  /** Text the English message must contain. */
  says?: string;
}

const aiSave = (tenantId: string, draft: unknown) => ({ tenantId, kind: 'ai_response', draft });
const idleSave = (tenantId: string, draft: unknown) => ({ tenantId, kind: 'idle_action', draft });
const thresholdRange = 'aiResponse.threshold.range {"min":1,"max":100}';

const CASES: Case[] = [
  // unknown tenant id, on every channel that names one
  { name: 'tenants.get of an unknown id', channel: 'tenants.get', input: () => ({ id: MISSING_ID }), code: 'NOT_FOUND', says: MISSING_ID },
  { name: 'tenants.update of an unknown id', channel: 'tenants.update', input: () => ({ id: MISSING_ID, name: 'X' }), code: 'NOT_FOUND' },
  { name: 'tenants.delete of an unknown id', channel: 'tenants.delete', input: () => ({ id: MISSING_ID }), code: 'NOT_FOUND' },
  { name: 'settings.get of an unknown tenant', channel: 'settings.get', input: () => ({ tenantId: MISSING_ID, kind: 'ai_response' }), code: 'NOT_FOUND' },
  { name: 'settings.saveDraft for an unknown tenant', channel: 'settings.saveDraft', input: () => aiSave(MISSING_ID, ai({ threshold: 5 })), code: 'NOT_FOUND' },
  { name: 'settings.discardDraft for an unknown tenant', channel: 'settings.discardDraft', input: () => ({ tenantId: MISSING_ID, kind: 'idle_action' }), code: 'NOT_FOUND' },
  { name: 'catalog.get of an unknown tenant', channel: 'catalog.get', input: () => ({ tenantId: MISSING_ID }), code: 'NOT_FOUND' },
  { name: 'a tenant id that is not an id', channel: 'settings.get', input: () => ({ tenantId: 'DROP TABLE tenants', kind: 'ai_response' }), code: 'INVALID_INPUT', issue: { path: ['tenantId'], message: 'id.invalid' } },

  // missing division / agent when the mode needs one
  { name: 'AI Response: specific division without a division', channel: 'settings.saveDraft', input: (t) => aiSave(t, ai({ onThreshold: 'specific_division' })), code: 'INVALID_INPUT', issue: { path: ['draft', 'divisionId'], message: 'aiResponse.division.required' }, says: 'Invalid input: Choose a division.' },
  { name: 'AI Response: specific agent without an agent', channel: 'settings.saveDraft', input: (t) => aiSave(t, ai({ onThreshold: 'specific_agent', divisionId: 'div-sales' })), code: 'INVALID_INPUT', issue: { path: ['draft', 'agentId'], message: 'aiResponse.agent.required' }, says: 'Choose an agent.' },
  { name: 'Idle Action: assign to a division without one', channel: 'settings.saveDraft', input: (t) => idleSave(t, idle({ action: 'assign_conversation', assignTo: 'division' })), code: 'INVALID_INPUT', issue: { path: ['draft', 'divisionId'], message: 'idleAction.division.required' } },
  { name: 'Idle Action: assign to an agent without one', channel: 'settings.saveDraft', input: (t) => idleSave(t, idle({ action: 'assign_conversation', assignTo: 'agent' })), code: 'INVALID_INPUT', issue: { path: ['draft', 'agentId'], message: 'idleAction.agent.required' } },

  // references to what the catalog does not have, or no longer has
  { name: 'AI Response: a division not in the catalog', channel: 'settings.saveDraft', input: (t) => aiSave(t, ai({ onThreshold: 'specific_division', divisionId: 'div-ghost' })), code: 'INVALID_INPUT', issue: { path: ['draft', 'divisionId'], message: 'ref.division.unknown {"id":"div-ghost"}' }, says: 'Division div-ghost is not in the catalog.' },
  { name: 'AI Response: an agent not in the catalog', channel: 'settings.saveDraft', input: (t) => aiSave(t, ai({ onThreshold: 'specific_agent', agentId: 'agt-ghost' })), code: 'INVALID_INPUT', issue: { path: ['draft', 'agentId'], message: 'ref.agent.unknown {"id":"agt-ghost"}' } },
  { name: 'AI Response: a division removed from the catalog is named', channel: 'settings.saveDraft', input: (t) => aiSave(t, ai({ onThreshold: 'specific_division', divisionId: 'div-billing' })), code: 'INVALID_INPUT', issue: { path: ['draft', 'divisionId'], message: 'ref.division.removed {"name":"Billing"}' }, says: 'Division “Billing” is no longer in the catalog.' },
  { name: 'Idle Action: an agent removed from the catalog is named', channel: 'settings.saveDraft', input: (t) => idleSave(t, idle({ action: 'assign_conversation', assignTo: 'agent', agentId: 'agt-agus' })), code: 'INVALID_INPUT', issue: { path: ['draft', 'agentId'], message: 'ref.agent.removed {"name":"Agus Wijaya"}' }, says: 'Agent “Agus Wijaya” is no longer in the catalog.' },

  // threshold
  ...[0, -1, 1.5, 1e12, 101].map((threshold) => ({ name: `threshold ${threshold}`, channel: 'settings.saveDraft', input: (t: string) => aiSave(t, ai({ threshold })), code: 'INVALID_INPUT', issue: { path: ['draft', 'threshold'], message: thresholdRange }, says: 'Threshold must be a whole number from 1 to 100.' })),
  { name: 'threshold as text', channel: 'settings.saveDraft', input: (t) => aiSave(t, { ...ai({}), threshold: '5' }), code: 'INVALID_INPUT', issue: { path: ['draft', 'threshold'], message: thresholdRange } },
  { name: 'threshold missing', channel: 'settings.saveDraft', input: (t) => aiSave(t, { onThreshold: 'continue_with_bot', divisionId: null, agentId: null, handoverMessage: '' }), code: 'INVALID_INPUT', issue: { path: ['draft', 'threshold'], message: thresholdRange } },

  // idle time
  { name: 'idle time 0 h 0 min', channel: 'settings.saveDraft', input: (t) => idleSave(t, idle({ idleHours: 0, idleMinutes: 0 })), code: 'INVALID_INPUT', issue: { path: ['draft', 'idleHours'], message: 'idleAction.idleTime.zero' }, says: 'Customer idle time must be more than 0 minutes.' },
  { name: 'idle minutes 60', channel: 'settings.saveDraft', input: (t) => idleSave(t, idle({ idleMinutes: 60 })), code: 'INVALID_INPUT', issue: { path: ['draft', 'idleMinutes'], message: 'idleAction.idleMinutes.range {"min":0,"max":59}' } },
  { name: 'idle time over the bound (168 h 1 min)', channel: 'settings.saveDraft', input: (t) => idleSave(t, idle({ idleHours: 168, idleMinutes: 1 })), code: 'INVALID_INPUT', issue: { path: ['draft', 'idleHours'], message: 'idleAction.idleTime.tooLong {"maxHours":168}' }, says: 'at most 168 hours' },
  { name: 'idle hours 169', channel: 'settings.saveDraft', input: (t) => idleSave(t, idle({ idleHours: 169, idleMinutes: 0 })), code: 'INVALID_INPUT', issue: { path: ['draft', 'idleHours'], message: 'idleAction.idleHours.range {"min":0,"max":168}' } },
  { name: 'idle hours negative', channel: 'settings.saveDraft', input: (t) => idleSave(t, idle({ idleHours: -1 })), code: 'INVALID_INPUT', issue: { path: ['draft', 'idleHours'], message: 'idleAction.idleHours.range {"min":0,"max":168}' } },

  // closing message
  { name: 'empty closing message', channel: 'settings.saveDraft', input: (t) => idleSave(t, idle({ closingMessage: '' })), code: 'INVALID_INPUT', issue: { path: ['draft', 'closingMessage'], message: 'idleAction.closingMessage.required' }, says: 'Closing message is required.' },
  { name: 'whitespace-only closing message', channel: 'settings.saveDraft', input: (t) => idleSave(t, idle({ closingMessage: ' \t\n ' })), code: 'INVALID_INPUT', issue: { path: ['draft', 'closingMessage'], message: /^(message\.blank|idleAction\.closingMessage\.required)$/ } },
  { name: 'whitespace-only handover message', channel: 'settings.saveDraft', input: (t) => aiSave(t, ai({ handoverMessage: '   ' })), code: 'INVALID_INPUT', issue: { path: ['draft', 'handoverMessage'], message: 'message.blank' } },

  // messages over the limit
  { name: 'handover message over 1000 characters', channel: 'settings.saveDraft', input: (t) => aiSave(t, ai({ handoverMessage: 'a'.repeat(1001) })), code: 'INVALID_INPUT', issue: { path: ['draft', 'handoverMessage'], message: 'message.tooLong {"max":1000}' }, says: 'at most 1000 characters' },
  { name: 'closing message over 1000 characters', channel: 'settings.saveDraft', input: (t) => idleSave(t, idle({ closingMessage: 'b'.repeat(1001) })), code: 'INVALID_INPUT', issue: { path: ['draft', 'closingMessage'], message: 'message.tooLong {"max":1000}' } },

  // tenant name
  { name: 'empty tenant name', channel: 'tenants.create', input: () => ({ name: '' }), code: 'INVALID_INPUT', issue: { path: ['name'], message: 'tenant.name.required' }, says: 'Tenant name is required.' },
  { name: 'whitespace tenant name', channel: 'tenants.create', input: () => ({ name: '   ' }), code: 'INVALID_INPUT', issue: { path: ['name'], message: 'tenant.name.required' } },
  { name: 'missing tenant name', channel: 'tenants.create', input: () => ({}), code: 'INVALID_INPUT', issue: { path: ['name'], message: 'tenant.name.required' } },
  { name: 'duplicate tenant name in another case', channel: 'tenants.create', input: () => ({ name: 'pt CONTOH sejahtera' }), code: 'INVALID_INPUT', issue: { path: ['name'], message: 'tenant.name.duplicate' }, says: 'A tenant with this name already exists.' },
  { name: 'rename onto another tenant', channel: 'tenants.update', input: () => ({ id: 'OTHER', name: 'PT Contoh Sejahtera' }), code: 'INVALID_INPUT', issue: { path: ['name'], message: 'tenant.name.duplicate' } },
  { name: 'tenant name of 10,000 characters', channel: 'tenants.create', input: () => ({ name: 'x'.repeat(10_000) }), code: 'INVALID_INPUT', issue: { path: ['name'], message: 'tenant.name.tooLong {"max":100}' }, says: 'at most 100 characters' },
  { name: 'rename to an empty name', channel: 'tenants.update', input: (t) => ({ id: t, name: ' ' }), code: 'INVALID_INPUT', issue: { path: ['name'], message: 'tenant.name.required' } },

  // backend URL
  ...['ftp://x', 'javascript:alert(1)', 'file:///etc/passwd'].map((url) => ({ name: `backend URL ${url}`, channel: 'tenants.create', input: () => ({ name: 'PT URL', backendUrl: url }), code: 'INVALID_INPUT', issue: { path: ['backendUrl'], message: 'tenant.backendUrl.protocol' }, says: 'must start with http:// or https://' })),
  { name: 'backend URL with credentials', channel: 'tenants.create', input: () => ({ name: 'PT URL', backendUrl: 'https://admin:secret@api.example/v1' }), code: 'INVALID_INPUT', issue: { path: ['backendUrl'], message: 'tenant.backendUrl.credentials' } },
  { name: 'backend URL that is not a URL', channel: 'tenants.create', input: () => ({ name: 'PT URL', backendUrl: 'not a url' }), code: 'INVALID_INPUT', issue: { path: ['backendUrl'], message: 'tenant.backendUrl.invalid' } },
  { name: 'backend URL over the length limit', channel: 'tenants.create', input: () => ({ name: 'PT URL', backendUrl: `https://a.example/${'p'.repeat(2100)}` }), code: 'INVALID_INPUT', issue: { path: ['backendUrl'], message: 'tenant.backendUrl.tooLong {"max":2048}' } },
  { name: 'update to a javascript: backend URL', channel: 'tenants.update', input: (t) => ({ id: t, backendUrl: 'javascript:alert(1)' }), code: 'INVALID_INPUT', issue: { path: ['backendUrl'], message: 'tenant.backendUrl.protocol' } },

  // wrong types and shapes
  { name: 'tenant name as a number', channel: 'tenants.create', input: () => ({ name: 42 }), code: 'INVALID_INPUT', issue: { path: ['name'], message: 'tenant.name.required' } },
  { name: 'search query as a number', channel: 'tenants.list', input: () => ({ query: 5 }), code: 'INVALID_INPUT', issue: { path: ['query'], message: /string/ } },
  { name: 'an unknown settings kind', channel: 'settings.get', input: (t) => ({ tenantId: t, kind: 'deal_setting' }), code: 'INVALID_INPUT', issue: { path: ['kind'], message: /.+/ } },
  { name: 'a draft that is text', channel: 'settings.saveDraft', input: (t) => aiSave(t, 'threshold=5'), code: 'INVALID_INPUT', issue: { path: ['draft'], message: /object/ } },
  { name: 'an AI Response draft sent as Idle Action', channel: 'settings.saveDraft', input: (t) => idleSave(t, ai({ threshold: 5 })), code: 'INVALID_INPUT' },
  { name: 'handover message as a number', channel: 'settings.saveDraft', input: (t) => aiSave(t, { ...ai({}), handoverMessage: 12 }), code: 'INVALID_INPUT', issue: { path: ['draft', 'handoverMessage'], message: 'message.type' } },
  { name: 'an unknown handover mode', channel: 'settings.saveDraft', input: (t) => aiSave(t, { ...ai({}), onThreshold: 'hand_to_manager' }), code: 'INVALID_INPUT', issue: { path: ['draft', 'onThreshold'], message: 'aiResponse.onThreshold.invalid' } },
  { name: 'input null', channel: 'tenants.create', input: () => null, code: 'INVALID_INPUT' },
  { name: 'input an array', channel: 'tenants.list', input: () => [], code: 'INVALID_INPUT' },
  { name: 'input missing', channel: 'app.info', input: () => undefined, code: 'INVALID_INPUT' },

  // extra keys
  { name: 'an extra key on tenants.create', channel: 'tenants.create', input: () => ({ name: 'PT Extra', isAdmin: true }), code: 'INVALID_INPUT', says: 'isAdmin' },
  { name: 'an extra key in a draft', channel: 'settings.saveDraft', input: (t) => aiSave(t, { ...ai({ threshold: 5 }), secret: 'x' }), code: 'INVALID_INPUT', issue: { path: ['draft'], message: /secret/ } },
  { name: 'an extra key on settings.get', channel: 'settings.get', input: (t) => ({ tenantId: t, kind: 'ai_response', all: true }), code: 'INVALID_INPUT' },
  { name: '__proto__ smuggled in a draft', channel: 'settings.saveDraft', input: (t) => aiSave(t, JSON.parse(`{"threshold":5,"onThreshold":"continue_with_bot","divisionId":null,"agentId":null,"handoverMessage":"","__proto__":{"x":1}}`)), code: 'INVALID_INPUT' },

  // channels that do not exist
  ...['tenants.drop', '__proto__', 'constructor', 'toString', '', 'TENANTS.LIST'].map((channel) => ({ name: `unknown channel "${channel}"`, channel, input: () => ({}), code: 'UNKNOWN_CHANNEL' })),
];

describe('bad input through the router gets a clear error and changes nothing', () => {
  const tempDir = useTempDirs();
  const open = useCores();
  let core: Core;
  let tenant: Tenant;
  let other: Tenant;

  beforeEach(async () => {
    core = open(tempDir());
    tenant = await callOk<Tenant>(core, 'tenants.create', { name: 'PT Contoh Sejahtera', backendUrl: 'https://service-chat.qontak.com/api/open/v1' });
    other = await callOk<Tenant>(core, 'tenants.create', { name: 'CV Lain' });
    core.services.catalog.replace(tenant.id, demoCatalog());
    const smaller = demoCatalog(); // the backend dropped Billing and Agus
    smaller.divisions = smaller.divisions.filter((d) => d.id !== 'div-billing');
    smaller.agents = smaller.agents.filter((a) => a.id !== 'agt-agus');
    core.services.catalog.replace(tenant.id, smaller);
    await callOk(core, 'settings.saveDraft', aiSave(tenant.id, ai({ threshold: 4, onThreshold: 'specific_division', divisionId: 'div-sales', handoverMessage: 'Sebentar ya' })));
    await callOk(core, 'settings.saveDraft', idleSave(tenant.id, idle({ action: 'assign_conversation', idleHours: 1, assignTo: 'agent', agentId: 'agt-siti' })));
  });

  for (const testCase of CASES) {
    it(`${testCase.name} → ${testCase.code}`, async () => {
      const before = storeSnapshot(core.services.db);
      const events: unknown[] = [];
      core.onEvent((name, payload) => events.push([name, payload]));
      let input = testCase.input(tenant.id);
      if (input && typeof input === 'object' && (input as { id?: string }).id === 'OTHER') input = { ...input, id: other.id };

      const error = await callError(core, testCase.channel, input);
      expect(error.code).toBe(testCase.code);
      expect(typeof error.message).toBe('string');
      expect(error.message.length).toBeGreaterThan(10);
      expect(error.message).not.toMatch(/\[object|undefined|SqliteError|at .*\.ts:/);
      if (testCase.code === 'INVALID_INPUT') {
        expect(error.message.startsWith('Invalid input: ')).toBe(true);
        expect(error.issues?.length).toBeGreaterThan(0);
      }
      if (testCase.issue) {
        const { path, message } = testCase.issue;
        const hit = error.issues?.find((issue) => JSON.stringify(issue.path) === JSON.stringify(path) && (typeof message === 'string' ? issue.message === message : message.test(issue.message)));
        expect(hit, `issue ${JSON.stringify(testCase.issue)} in ${JSON.stringify(error.issues)}`).toBeDefined();
      }
      if (testCase.says) expect(error.message).toContain(testCase.says);

      expect(storeSnapshot(core.services.db)).toEqual(before);
      expect(events).toEqual([]);
    });
  }

  it('the drafts saved before are still exactly there', async () => {
    for (const testCase of CASES) await core.dispatcher.dispatch(testCase.channel, testCase.input(tenant.id));
    const view = await callOk<{ draft: unknown }>(core, 'settings.get', { tenantId: tenant.id, kind: 'ai_response' });
    expect(view.draft).toEqual(ai({ threshold: 4, onThreshold: 'specific_division', divisionId: 'div-sales', handoverMessage: 'Sebentar ya' }));
  });
});
