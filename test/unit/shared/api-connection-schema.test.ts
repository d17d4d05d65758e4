import { describe, expect, it } from 'vitest';
import { apiConnectionFormSchema, apiConnectionSchema, type ApiConnectionInput } from '../../../shared/schemas/api-connection';
import { findDuplicateApiCode } from '../../../shared/validation/api-connection-code';
import { tokenExpiry } from '../../../shared/validation/token-expiry';
import { decodeIssueMessage } from '../../../shared/validation/issue-message';
import { isValidationMessageKey } from '../../../shared/validation/messages-en';

const TOKEN = { token_type: 'bearer', access_token: 'at-123', expires_in: 7200, refresh_token: 'rt-456', created_at: 1732406400 };

/** The issue's own examples. */
function example(overrides: Partial<Record<keyof ApiConnectionInput, unknown>> = {}): Record<string, unknown> {
  return {
    name: 'Jurnal',
    description: 'Accounting data for the bot',
    code: 'JURNAL API',
    baseUrl: 'https://api.jurnal.id',
    settings: { owner_email: 'sandbox@qontak.com' },
    headers: { apikey: 'xxxxxxxx' },
    token: TOKEN,
    ...overrides,
  };
}

/** Issues as [path joined by '.', message key]. */
function issuesOf(input: unknown): Array<[string, string]> {
  const result = apiConnectionSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((i) => [i.path.join('.'), decodeIssueMessage(i.message).key]);
}

describe('apiConnectionSchema accepts the platform help text examples', () => {
  it('accepts the full example and trims the text fields', () => {
    const parsed = apiConnectionSchema.parse(example({ name: '  Jurnal  ', code: ' QONTAK_CRM ' }));
    expect(parsed.name).toBe('Jurnal');
    expect(parsed.code).toBe('QONTAK_CRM');
    expect(parsed.settings).toEqual({ owner_email: 'sandbox@qontak.com' });
    expect(parsed.headers).toEqual({ apikey: 'xxxxxxxx' });
    expect(parsed.token).toEqual(TOKEN);
  });

  it.each(['QONTAK_CRM', 'JURNAL API', 'v1.2-beta', '9lives'])('accepts code %s', (code) => {
    expect(issuesOf(example({ code }))).toEqual([]);
  });

  it.each(['https://api.jurnal.id', 'https://service-chat.qontak.com/api/open/v1', 'http://localhost:8080/x', 'http://127.0.0.1:3000', 'http://[::1]:9/'])(
    'accepts base URL %s',
    (baseUrl) => expect(issuesOf(example({ baseUrl }))).toEqual([]),
  );

  it('accepts absent Settings, Headers and Token as none', () => {
    const parsed = apiConnectionSchema.parse(example({ settings: null, headers: undefined, token: null }));
    expect([parsed.settings, parsed.headers, parsed.token]).toEqual([null, null, null]);
  });

  it('accepts nested settings values and an empty refresh_token', () => {
    expect(issuesOf(example({ settings: { a: { b: [1, true, null, 'x'] }, n: 2.5 }, token: { ...TOKEN, refresh_token: '' } }))).toEqual([]);
  });
});

describe('apiConnectionSchema rejects every bad input of the issue with its key', () => {
  it.each([
    ['name', '', 'apiConnection.name.required'],
    ['name', '   ', 'apiConnection.name.required'],
    ['name', 'x'.repeat(101), 'apiConnection.name.tooLong'],
    ['description', ' \t ', 'apiConnection.description.required'],
    ['code', '', 'apiConnection.code.required'],
    ['code', '  ', 'apiConnection.code.required'],
    ['code', 'QONTAK/CRM', 'apiConnection.code.charset'],
    ['code', 'crm:1', 'apiConnection.code.charset'],
    ['code', '_LEADING', 'apiConnection.code.charset'],
    ['code', 'x'.repeat(51), 'apiConnection.code.tooLong'],
    ['baseUrl', '', 'apiConnection.baseUrl.required'],
    ['baseUrl', 'javascript:alert(1)', 'apiConnection.baseUrl.protocol'],
    ['baseUrl', 'file:///etc/passwd', 'apiConnection.baseUrl.protocol'],
    ['baseUrl', 'ftp://x', 'apiConnection.baseUrl.protocol'],
    ['baseUrl', 'https://user:pw@host', 'apiConnection.baseUrl.credentials'],
    ['baseUrl', 'https://api.jurnal.id/#x', 'apiConnection.baseUrl.fragment'],
    ['baseUrl', 'https://api.jurnal.id/#', 'apiConnection.baseUrl.fragment'],
    ['baseUrl', 'http://api.jurnal.id', 'apiConnection.baseUrl.insecure'],
    ['baseUrl', 'api.jurnal.id', 'apiConnection.baseUrl.invalid'],
    ['baseUrl', '/relative/path', 'apiConnection.baseUrl.invalid'],
    ['baseUrl', 'https://api.jurnal.id/a b', 'apiConnection.baseUrl.invalid'],
    ['baseUrl', `https://api.jurnal.id/${'a'.repeat(5000)}`, 'apiConnection.baseUrl.tooLong'],
  ])('%s = %j → %s', (field, value, key) => {
    expect(issuesOf(example({ [field]: value }))).toEqual([[field, key]]);
  });

  it.each([
    ['an array', ['a'], 'apiConnection.settings.notObject'],
    ['a string', '{"owner_email":"x"}', 'apiConnection.settings.notObject'],
    ['a number', 1, 'apiConnection.settings.notObject'],
    ['holding NaN', { n: Number.NaN }, 'apiConnection.settings.notJson'],
    ['holding undefined', { u: undefined }, 'apiConnection.settings.notJson'],
    ['holding a Date', { d: new Date(0) }, 'apiConnection.settings.notJson'],
    ['1 MB of JSON', { blob: 'x'.repeat(1024 * 1024) }, 'apiConnection.settings.tooLarge'],
  ])('Settings as %s', (_label, settings, key) => {
    expect(issuesOf(example({ settings }))).toEqual([['settings', key]]);
  });

  it('refuses a circular Settings object without hanging', () => {
    const settings: Record<string, unknown> = {};
    settings.self = settings;
    settings.again = settings;
    expect(issuesOf(example({ settings }))).toEqual([['settings', 'apiConnection.settings.notJson']]);
  });

  it('refuses blank and __proto__ settings keys', () => {
    const settings = JSON.parse('{" ":1,"__proto__":2,"ok":3}') as unknown;
    expect(issuesOf(example({ settings }))).toEqual([
      ['settings. ', 'apiConnection.settings.keyInvalid'],
      // A reserved key is refused with the one message every reserved key gets.
      ['settings.__proto__', 'key.reserved'],
    ]);
  });

  it.each([
    ['a name with a space', { 'api key': 'v' }, 'headers.api key', 'apiConnection.headers.name'],
    ['a name with a colon', { 'apikey:': 'v' }, 'headers.apikey:', 'apiConnection.headers.name'],
    ['an empty name', { '': 'v' }, 'headers.', 'apiConnection.headers.name'],
    ['a value with CR/LF', { apikey: 'a\r\nX-Injected: 1' }, 'headers.apikey', 'apiConnection.headers.valueInvalid'],
    ['a value with LF', { apikey: 'a\nb' }, 'headers.apikey', 'apiConnection.headers.valueInvalid'],
    ['a number as value', { apikey: 12345678 }, 'headers.apikey', 'apiConnection.headers.valueType'],
    ['null as value', { apikey: null }, 'headers.apikey', 'apiConnection.headers.valueType'],
    ['a reserved name', { Host: 'evil.example' }, 'headers.Host', 'apiConnection.headers.reserved'],
    ['a name twice in different case', { apikey: 'a', APIKEY: 'b' }, 'headers.APIKEY', 'apiConnection.headers.duplicate'],
  ])('Headers with %s', (_label, headers, path, key) => {
    expect(issuesOf(example({ headers }))).toEqual([[path, key]]);
  });

  it('Headers as an array', () => {
    expect(issuesOf(example({ headers: [['apikey', 'x']] }))).toEqual([['headers', 'apiConnection.headers.notObject']]);
  });

  it.each([
    ['without access_token', (({ access_token: _a, ...rest }) => rest)(TOKEN), 'token.access_token', 'apiConnection.token.field.required'],
    ['with an empty access_token', { ...TOKEN, access_token: ' ' }, 'token.access_token', 'apiConnection.token.field.required'],
    ['with expires_in as a string', { ...TOKEN, expires_in: '7200' }, 'token.expires_in', 'apiConnection.token.field.integer'],
    ['with a negative expires_in', { ...TOKEN, expires_in: -1 }, 'token.expires_in', 'apiConnection.token.field.integer'],
    ['with a fractional expires_in', { ...TOKEN, expires_in: 1.5 }, 'token.expires_in', 'apiConnection.token.field.integer'],
    ['with created_at in milliseconds', { ...TOKEN, created_at: 1732406400000 }, 'token.created_at', 'apiConnection.token.createdAt.range'],
    ['with created_at as a string', { ...TOKEN, created_at: '1732406400' }, 'token.created_at', 'apiConnection.token.createdAt.range'],
    ['with a numeric refresh_token', { ...TOKEN, refresh_token: 5 }, 'token.refresh_token', 'apiConnection.token.field.string'],
    ['with a token_type of two words', { ...TOKEN, token_type: 'be arer' }, 'token.token_type', 'apiConnection.token.tokenType.invalid'],
    ['with an unknown field', { ...TOKEN, scope: 'all' }, 'token.scope', 'apiConnection.token.field.unknown'],
    ['with a line break in access_token', { ...TOKEN, access_token: 'a\nb' }, 'token.access_token', 'apiConnection.token.field.invalid'],
  ])('Token %s', (_label, token, path, key) => {
    expect(issuesOf(example({ token }))).toEqual([[path, key]]);
  });

  it('Token as a string', () => {
    expect(issuesOf(example({ token: JSON.stringify(TOKEN) }))).toEqual([['token', 'apiConnection.token.notObject']]);
  });

  it('refuses unknown top-level fields', () => {
    expect(apiConnectionSchema.safeParse({ ...example(), password: 'x' }).success).toBe(false);
  });

  it('every message key it produces has English text', () => {
    const inputs = [
      example({ name: '', code: 'a/b', baseUrl: 'ftp://x', settings: [], headers: { 'a b': 1 }, token: { ...TOKEN, expires_in: '1', scope: 1 } }),
      example({ description: 'x'.repeat(600), baseUrl: 'http://example.com', settings: { ' ': 1 }, headers: { Host: 'x', a: 'b\n' } }),
    ];
    for (const input of inputs) {
      const result = apiConnectionSchema.safeParse(input);
      expect(result.success).toBe(false);
      for (const i of result.success ? [] : result.error.issues) expect(isValidationMessageKey(decodeIssueMessage(i.message).key), i.message).toBe(true);
    }
  });
});

describe('apiConnectionFormSchema (JSON typed as text)', () => {
  const form = (overrides: Record<string, string>) => ({
    name: 'Qontak CRM',
    description: 'CRM',
    code: 'QONTAK_CRM',
    baseUrl: 'https://api.jurnal.id',
    settings: '{"owner_email":"sandbox@qontak.com"}',
    headers: '{\n  "apikey": "xxxxxxxx"\n}',
    token: JSON.stringify(TOKEN, null, 2),
    ...overrides,
  });

  it('parses the examples and treats empty text as none', () => {
    const parsed = apiConnectionFormSchema.parse(form({ settings: '  ' }));
    expect(parsed.settings).toBeNull();
    expect(parsed.headers).toEqual({ apikey: 'xxxxxxxx' });
    expect(parsed.token).toEqual(TOKEN);
  });

  it('reports malformed JSON with line and column on the field', () => {
    const result = apiConnectionFormSchema.safeParse(form({ headers: '{\n  "apikey": "x",\n}' }));
    expect(result.success).toBe(false);
    const i = result.success ? undefined : result.error.issues[0];
    expect(i?.path).toEqual(['headers']);
    expect(decodeIssueMessage(i?.message ?? '')).toEqual({ key: 'json.syntax', params: { line: 3, column: 1 } });
  });

  it('reports the section rules on the field itself', () => {
    const result = apiConnectionFormSchema.safeParse(form({ settings: '["a"]', token: '{"token_type":"bearer"}' }));
    const issues = result.success ? [] : result.error.issues.map((i) => [i.path.join('.'), decodeIssueMessage(i.message).key]);
    expect(issues).toContainEqual(['settings', 'apiConnection.settings.notObject']);
    expect(issues).toContainEqual(['token', 'apiConnection.token.field.required']);
  });

  it('refuses 1 MB of JSON text before parsing it', () => {
    const result = apiConnectionFormSchema.safeParse(form({ settings: JSON.stringify({ blob: 'x'.repeat(1024 * 1024) }) }));
    expect(result.success ? '' : decodeIssueMessage(result.error.issues[0]?.message ?? '').key).toBe('json.tooLarge');
  });
});

describe('findDuplicateApiCode', () => {
  const existing = [
    { id: 'a', code: 'QONTAK_CRM' },
    { id: 'b', code: 'JURNAL API' },
  ];
  it('finds a duplicate in different case and spacing', () => {
    expect(findDuplicateApiCode(' qontak_crm ', existing)?.id).toBe('a');
    expect(findDuplicateApiCode('Jurnal Api', existing)?.id).toBe('b');
  });
  it('ignores the connection being edited and distinct codes', () => {
    expect(findDuplicateApiCode('qontak_crm', existing, 'a')).toBeNull();
    expect(findDuplicateApiCode('QONTAK-CRM', existing)).toBeNull();
  });
});

describe('tokenExpiry', () => {
  it('is created_at + expires_in, and flags an expired token', () => {
    const expiry = tokenExpiry(TOKEN, new Date('2024-11-24T00:00:00Z'));
    expect(expiry.expiresAt.toISOString()).toBe('2024-11-24T02:00:00.000Z');
    expect(expiry.expired).toBe(false);
    expect(tokenExpiry(TOKEN, new Date('2024-11-24T02:00:00Z')).expired).toBe(true);
    expect(tokenExpiry({ created_at: 100, expires_in: 0 }, new Date(100_000)).expired).toBe(true);
  });
  it('caps far expiries at the year 9999', () => {
    expect(tokenExpiry({ created_at: 253_402_300_799, expires_in: 2_147_483_647 }).expiresAt.toISOString()).toBe('9999-12-31T23:59:59.000Z');
  });
});
