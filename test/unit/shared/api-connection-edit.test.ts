import { describe, expect, it } from 'vitest';
import { apiConnectionSchema, type ApiConnection } from '../../../shared/schemas/api-connection';
import { apiConnectionEditSchema, applyApiConnectionEdit, editTouchesSecrets } from '../../../shared/schemas/api-connection-edit';
import { decodeIssueMessage } from '../../../shared/validation/issue-message';

const CURRENT: ApiConnection = apiConnectionSchema.parse({
  name: 'Jurnal',
  description: 'Accounting',
  code: 'JURNAL API',
  baseUrl: 'https://api.jurnal.id',
  settings: { owner_email: 'sandbox@qontak.com', region: 'id' },
  headers: { apikey: 'xxxxxxxx', 'X-Tenant': 't1' },
  token: { token_type: 'bearer', access_token: 'a', expires_in: 7200, refresh_token: 'r', created_at: 1732406400 },
});

const base = { name: 'Jurnal 2', description: 'Accounting', code: 'JURNAL API', baseUrl: 'https://api.jurnal.id' };
const keepAll = { settings: { action: 'keep' }, headers: { action: 'keep' }, token: { action: 'keep' } };

describe('applyApiConnectionEdit', () => {
  it('keeps stored secrets on keep, and needs no vault for it', () => {
    const edit = apiConnectionEditSchema.parse({ ...base, ...keepAll });
    expect(editTouchesSecrets(edit)).toBe(false);
    expect(apiConnectionSchema.parse(applyApiConnectionEdit(CURRENT, edit))).toEqual({ ...CURRENT, name: 'Jurnal 2' });
  });

  it('clears, replaces and patches sections (header names ignore case)', () => {
    const edit = apiConnectionEditSchema.parse({
      ...base,
      settings: { action: 'patch', set: { region: 'sg', extra: 1 }, remove: ['owner_email'] },
      headers: { action: 'patch', set: { APIKEY: 'new' }, remove: [] },
      token: { action: 'clear' },
    });
    expect(editTouchesSecrets(edit)).toBe(true);
    const merged = apiConnectionSchema.parse(applyApiConnectionEdit(CURRENT, edit));
    expect(merged.settings).toEqual({ region: 'sg', extra: 1 });
    expect(merged.headers).toEqual({ 'X-Tenant': 't1', APIKEY: 'new' });
    expect(merged.token).toBeNull();
  });

  it('treats keep as none when creating, and an emptied patch as none', () => {
    const edit = apiConnectionEditSchema.parse({ ...base, ...keepAll, headers: { action: 'patch', set: {}, remove: ['apikey', 'x-tenant'] } });
    expect(applyApiConnectionEdit(null, edit)).toMatchObject({ settings: null, headers: null, token: null });
    expect(applyApiConnectionEdit(CURRENT, edit).headers).toBeNull();
  });

  it('validates a replaced section in the edit, and a patched one after merging', () => {
    const bad = apiConnectionEditSchema.safeParse({ ...base, ...keepAll, headers: { action: 'replace', value: { 'a b': 'x' } } });
    expect(bad.success ? [] : bad.error.issues.map((i) => decodeIssueMessage(i.message).key)).toEqual(['apiConnection.headers.name']);
    const patched = apiConnectionEditSchema.parse({ ...base, ...keepAll, headers: { action: 'patch', set: { apikey: 'a\r\nb' }, remove: [] } });
    const merged = apiConnectionSchema.safeParse(applyApiConnectionEdit(CURRENT, patched));
    expect(merged.success ? [] : merged.error.issues.map((i) => [i.path.join('.'), decodeIssueMessage(i.message).key])).toEqual([
      ['headers.apikey', 'apiConnection.headers.valueInvalid'],
    ]);
  });

  it('refuses unknown actions', () => {
    expect(apiConnectionEditSchema.safeParse({ ...base, ...keepAll, token: { action: 'patch', set: {}, remove: [] } }).success).toBe(false);
  });
});
