import { describe, expect, it } from 'vitest';
import { tenantCreateInputSchema, tenantNameSchema, tenantUpdateInputSchema } from '../../../shared/schemas/tenant';
import { tagSchema, tagsEditInputSchema } from '../../../shared/schemas/tags';
import { aiResponseSchema, AI_RESPONSE_DEFAULT } from '../../../shared/schemas/ai-response';
import { idleActionSchema } from '../../../shared/schemas/idle-action';
import { apiConnectionSchema } from '../../../shared/schemas/api-connection';
import { apiConnectionEditSchema } from '../../../shared/schemas/api-connection-edit';
import { botResponseSchema, crmSourceSchema, dealSettingSchema, newDealSetting } from '../../../shared/schemas/crm';
import { divisionSchema } from '../../../shared/schemas/catalog';
import { referenceNamesSchema } from '../../../shared/schemas/export-document';
import { resolveConflictInputSchema } from '../../../shared/schemas/sync';
import { textProblem } from '../../../shared/validation/text-rule';
import { decodeIssueMessage } from '../../../shared/validation/issue-message';
import { renderIssueMessageEn, VALIDATION_MESSAGES_EN } from '../../../shared/validation/messages-en';

/** The keys of every issue a parse reports (parameters dropped). */
function issueKeys(schema: { safeParse(value: unknown): { success: boolean; error?: { issues: { message: string }[] } } }, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error!.issues.map((issue) => decodeIssueMessage(issue.message).key);
}

/** Text that looks like a name to some readers and is something else (or nothing). */
const HOSTILE: Array<[string, string, string]> = [
  ['NUL', 'PT\u0000Maju', 'text.control'],
  ['a lone high surrogate', 'PT \uD83D Maju', 'text.surrogate'],
  ['a lone low surrogate', '\uDE00', 'text.surrogate'],
  ['the right-to-left override', 'PT \u202Egnp.exe', 'text.bidi'],
  ['a first-strong isolate', 'PT \u2068Maju', 'text.bidi'],
  ['only a zero-width space', '\u200B', 'text.invisible'],
  ['only invisible characters', '\u200B\u200C\u2060\uFEFF\u00AD', 'text.invisible'],
  ['a C1 control', 'PT\u0085Maju', 'text.control'],
  ['DEL', 'PT\u007FMaju', 'text.control'],
];

describe('the shared rule for user-visible text', () => {
  it('accepts ordinary names in any script, with emoji (surrogate pairs) and marks', () => {
    for (const name of ['PT Maju Jaya', 'Toko Ümit & Söhne', 'مطعم', '東京支店', 'Tim 🚀 Sales', 'e\u0301', 'a\u200Db']) {
      expect(textProblem(name, { multiline: false }), name).toBeNull();
    }
  });

  it('names the character it refuses, as U+XXXX', () => {
    expect(textProblem('a\u0000b', { multiline: false })).toBe('text.control {"char":"U+0000"}');
    expect(textProblem('a\u202Eb', { multiline: false })).toBe('text.bidi {"char":"U+202E"}');
    expect(textProblem('\uD800', { multiline: false })).toBe('text.surrogate {"char":"U+D800"}');
  });

  it('allows newline and tab only in multi-line text', () => {
    expect(textProblem('Hello\n\tthere', { multiline: true })).toBeNull();
    expect(decodeIssueMessage(textProblem('Hello\nthere', { multiline: false })!).key).toBe('text.control');
    expect(decodeIssueMessage(textProblem('Hello\u0000', { multiline: true })!).key).toBe('text.control.multiline');
    expect(decodeIssueMessage(textProblem('Hello\r\n', { multiline: true })!).key).toBe('text.control.multiline');
  });

  for (const [what, text, key] of HOSTILE) {
    it(`refuses ${what} in every user-visible name and message`, () => {
      expect(issueKeys(tenantNameSchema, text), 'tenant name').toContain(key);
      expect(issueKeys(tenantCreateInputSchema, { name: text }), 'tenant create').toContain(key);
      expect(issueKeys(tenantUpdateInputSchema, { id: 't-1', name: text }).length, 'tenant rename').toBeGreaterThan(0);
      expect(issueKeys(tagSchema, text), 'tag').toContain(key);
      expect(issueKeys(aiResponseSchema, { ...AI_RESPONSE_DEFAULT, handoverMessage: text }), 'handover message').toContain(key.replace(/^text\.control$/, 'text.control.multiline'));
      const idle = { action: 'resolve_conversation', idleHours: 1, idleMinutes: 0, assignTo: 'auto', divisionId: null, agentId: null, closingMessage: text };
      expect(issueKeys(idleActionSchema, idle), 'closing message').toContain(key.replace(/^text\.control$/, 'text.control.multiline'));
      const connection = { name: 'Jurnal', description: 'Accounting', code: 'JURNAL', baseUrl: 'https://api.jurnal.id', settings: null, headers: null, token: null };
      expect(issueKeys(apiConnectionSchema, { ...connection, name: text }), 'connection name').toContain(key);
      expect(issueKeys(apiConnectionSchema, { ...connection, description: text }), 'description').toContain(key.replace(/^text\.control$/, 'text.control.multiline'));
      expect(issueKeys(dealSettingSchema, { ...newDealSetting('br-1'), dealName: text }), 'deal name').toContain(key);
      expect(issueKeys(divisionSchema, { id: 'd-1', name: text }), 'division name').toContain(key);
      expect(issueKeys(crmSourceSchema, { id: 's-1', name: text }), 'CRM source name').toContain(key);
      expect(issueKeys(botResponseSchema, { id: 'b-1', name: 'Greeting', text }).length, 'bot response text').toBeGreaterThan(0);
    });
  }

  it('refuses a handover message that is just NUL, and a tag that is a lone surrogate', () => {
    expect(issueKeys(aiResponseSchema, { ...AI_RESPONSE_DEFAULT, handoverMessage: '\u0000' })).toEqual(['text.control.multiline']);
    expect(issueKeys(tagsEditInputSchema, { tenantIds: ['t-1'], tags: ['\uD800'] })).toContain('text.surrogate');
  });

  it('still accepts an empty optional message and multi-line messages', () => {
    expect(issueKeys(aiResponseSchema, { ...AI_RESPONSE_DEFAULT, handoverMessage: '' })).toEqual([]);
    expect(issueKeys(aiResponseSchema, { ...AI_RESPONSE_DEFAULT, handoverMessage: 'Hi!\nAn agent will reply soon.\n\tThanks' })).toEqual([]);
  });
});

describe('reserved keys: __proto__, constructor and prototype', () => {
  const proto = (value: unknown) => JSON.parse(`{"__proto__": ${JSON.stringify(value)}}`) as Record<string, unknown>;
  const connection = { name: 'Jurnal', description: 'Accounting', code: 'JURNAL', baseUrl: 'https://api.jurnal.id', settings: null, headers: null, token: null };

  it('are refused as Settings keys, at any depth, and as header names', () => {
    expect(issueKeys(apiConnectionSchema, { ...connection, settings: proto('x') })).toEqual(['key.reserved']);
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      expect(issueKeys(apiConnectionSchema, { ...connection, settings: JSON.parse(`{"${key}": "x"}`) }), key).toEqual(['key.reserved']);
      expect(issueKeys(apiConnectionSchema, { ...connection, settings: JSON.parse(`{"a": {"b": [{"${key}": 1}]}}`) }), key).toEqual(['key.reserved']);
      expect(issueKeys(apiConnectionSchema, { ...connection, headers: JSON.parse(`{"${key}": "x"}`) }), key).toEqual(['key.reserved']);
    }
  });

  it('are refused in a patch (not silently dropped)', () => {
    const edit = { ...connection, settings: { action: 'patch', set: proto('x'), remove: [] }, headers: { action: 'keep' }, token: { action: 'keep' } };
    expect(issueKeys(apiConnectionEditSchema, edit)).toEqual(['key.reserved']);
    const removing = { ...edit, settings: { action: 'patch', set: {}, remove: ['constructor'] } };
    expect(issueKeys(apiConnectionEditSchema, removing)).toEqual(['key.reserved']);
    const headers = { ...edit, settings: { action: 'keep' }, headers: { action: 'patch', set: { prototype: 'x' }, remove: [] } };
    expect(issueKeys(apiConnectionEditSchema, headers)).toEqual(['key.reserved']);
  });

  it('are refused as conflict choices and as reference-name ids in an import', () => {
    expect(issueKeys(resolveConflictInputSchema, { tenantId: 't-1', kind: 'ai_response', choices: proto('mine') })).toContain('key.reserved');
    expect(issueKeys(referenceNamesSchema, { divisions: proto('Sales'), agents: {} })).toEqual(['key.reserved']);
    expect(issueKeys(referenceNamesSchema, { divisions: {}, agents: { constructor: 'Ana' } })).toEqual(['key.reserved']);
  });
});

describe('the new messages', () => {
  // The Indonesian table is typed by these keys (renderer/src/i18n/validation-messages-id.ts), so the type check holds it complete.
  it('render in English with the character named', () => {
    expect(renderIssueMessageEn('text.control {"char":"U+0000"}')).toMatch(/control character U\+0000/);
    expect(renderIssueMessageEn('key.reserved {"key":"__proto__"}')).toMatch(/“__proto__” cannot be used/);
    for (const key of ['text.control', 'text.control.multiline', 'text.surrogate', 'text.bidi', 'text.invisible', 'key.reserved', 'json.tooDeep', 'tenant.backendUrl.insecure'] as const) {
      expect(VALIDATION_MESSAGES_EN[key]).toBeTruthy();
    }
  });
});
