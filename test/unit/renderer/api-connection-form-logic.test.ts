import { describe, expect, it } from 'vitest';
import {
  connectionFormSchema,
  createInputOf,
  editFormState,
  newFormState,
  saveNeedsVault,
  sectionEdit,
  testEditOf,
  updateInputOf,
  type SectionModes,
} from '../../../renderer/src/components/api-connections/connection-form';
import { duplicateHeaderNames, headerRowsOf, headersTextOf } from '../../../renderer/src/components/api-connections/headers-table';
import { jsonSyntaxDiagnostics } from '../../../renderer/src/lib/json-editor';
import type { ApiConnectionView } from '../../../shared/schemas/api-connection-public';

const slot = { set: true, preview: '••••' };
const stored: ApiConnectionView = {
  name: 'Jurnal',
  description: 'Accounting',
  code: 'JURNAL API',
  baseUrl: 'https://api.jurnal.id',
  settings: [{ key: 'owner_email', secret: slot }],
  headers: [{ name: 'apikey', secret: slot }],
  token: null,
};
const all = (mode: SectionModes['settings']): SectionModes => ({ settings: mode, headers: mode, token: mode });
const plain = { name: 'Jurnal', description: 'Accounting', code: 'JURNAL API', baseUrl: 'https://api.jurnal.id' };

describe('the API connection form’s edit actions', () => {
  it('keeps, clears or replaces a section; empty text means none, which needs no keychain when nothing is stored', () => {
    expect(sectionEdit('keep', true, undefined)).toEqual({ action: 'keep' });
    expect(sectionEdit('clear', true, undefined)).toEqual({ action: 'clear' });
    expect(sectionEdit('clear', false, undefined)).toEqual({ action: 'keep' });
    expect(sectionEdit('replace', true, null)).toEqual({ action: 'clear' });
    expect(sectionEdit('replace', false, null)).toEqual({ action: 'keep' });
    expect(sectionEdit('replace', false, { a: 1 })).toEqual({ action: 'replace', value: { a: 1 } });
  });

  it('starts an edit with every stored section kept and the others open for typing', () => {
    const state = editFormState(stored);
    expect(state.modes).toEqual({ settings: 'keep', headers: 'keep', token: 'replace' });
    expect(state.values).toMatchObject({ ...plain, settings: '', headers: '', token: '' });
    expect(newFormState().modes).toEqual(all('replace'));
  });

  it('validates a kept section’s text not at all, a replaced one with the shared rules', () => {
    const values = { ...plain, settings: 'not json', headers: '', token: '' };
    expect(connectionFormSchema({ modes: all('keep'), others: [], selfId: null }).safeParse(values).success).toBe(true);
    const replaced = connectionFormSchema({ modes: all('replace'), others: [], selfId: null }).safeParse(values);
    expect(replaced.success).toBe(false);
    expect(replaced.error?.issues[0]).toMatchObject({ path: ['settings'], message: 'json.syntax {"line":1,"column":2}' }); // `n` could start null: the `o` is wrong
  });

  it('refuses a code another connection uses, ignoring case, but not the connection’s own', () => {
    const values = { ...plain, code: 'jurnal api', settings: '', headers: '', token: '' };
    const others = [{ id: 'a', code: 'JURNAL API' }];
    expect(connectionFormSchema({ modes: all('replace'), others, selfId: null }).safeParse(values).error?.issues[0]?.message).toBe('apiConnection.code.duplicate');
    expect(connectionFormSchema({ modes: all('replace'), others, selfId: 'a' }).safeParse(values).success).toBe(true);
  });

  it('builds the update, the test edit, and knows when the keychain is needed', () => {
    const out = connectionFormSchema({ modes: { settings: 'keep', headers: 'replace', token: 'replace' }, others: [], selfId: 'x' }).parse({
      ...plain,
      settings: '',
      headers: '{"apikey":"new"}',
      token: '',
    });
    const update = updateInputOf('t', 'x', out, { settings: 'keep', headers: 'replace', token: 'replace' }, stored);
    expect(update).toMatchObject({ settings: { action: 'keep' }, headers: { action: 'replace', value: { apikey: 'new' } }, token: { action: 'keep' } });
    expect(saveNeedsVault(update)).toBe(true);
    expect(saveNeedsVault({ ...update, headers: { action: 'keep' } })).toBe(false);
    expect(testEditOf(out, { settings: 'keep', headers: 'replace', token: 'replace' }, stored)).toEqual({
      baseUrl: 'https://api.jurnal.id',
      headers: { action: 'replace', value: { apikey: 'new' } },
      token: { action: 'keep' },
    });

    const create = createInputOf('t', { ...out, headers: null });
    expect(create).toMatchObject({ settings: null, headers: null, token: null });
    expect(saveNeedsVault(create)).toBe(false);
    expect(saveNeedsVault({ ...create, headers: { apikey: 'k' } })).toBe(true);
    expect(saveNeedsVault({ ...create, headers: { 'X-Empty': '' } })).toBe(false); // an empty value is not stored
  });
});

describe('Headers as a table', () => {
  it('reads a flat object of text values, and refuses anything else', () => {
    expect(headerRowsOf('')).toEqual([]);
    expect(headerRowsOf('{"apikey":"x","X-Tenant":"acme"}')).toEqual([
      { name: 'apikey', value: 'x' },
      { name: 'X-Tenant', value: 'acme' },
    ]);
    expect(headerRowsOf('{"n":1}')).toBeNull();
    expect(headerRowsOf('[1]')).toBeNull();
    expect(headerRowsOf('{')).toBeNull();
  });

  it('writes rows back as JSON, leaving blank rows out and duplicates visible', () => {
    expect(headersTextOf([{ name: '', value: '' }])).toBe('');
    const text = headersTextOf([
      { name: 'apikey', value: 'x"y' },
      { name: '', value: '' },
      { name: 'ApiKey', value: 'z' },
    ]);
    expect(JSON.parse(text)).toEqual({ apikey: 'x"y', ApiKey: 'z' });
    expect(duplicateHeaderNames([{ name: 'apikey', value: '' }, { name: 'ApiKey', value: '' }, { name: 'b', value: '' }])).toEqual(['apikey']);
  });
});

describe('the editor’s lint', () => {
  it('marks malformed JSON where the shared parser says, with its message, and nothing for valid or empty text', () => {
    const message = (encoded: string) => `msg:${encoded}`;
    expect(jsonSyntaxDiagnostics('', message)).toEqual([]);
    expect(jsonSyntaxDiagnostics('{"a":1}', message)).toEqual([]);
    expect(jsonSyntaxDiagnostics('{\n  oops\n}', message)).toEqual([{ from: 4, to: 5, severity: 'error', message: 'msg:json.syntax {"line":2,"column":3}' }]);
    // Past the end: the last character is marked.
    expect(jsonSyntaxDiagnostics('{"a":', message)).toEqual([{ from: 4, to: 5, severity: 'error', message: 'msg:json.unexpectedEnd {"line":1,"column":6}' }]);
  });
});
