import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/open-core';
import type { ApiConnectionDocument } from '../../../shared/schemas/api-connection-document';
import type { Tenant } from '../../../shared/schemas/tenant';
import { useTempDirs } from '../../support/core/temp-dirs';
import { useCores } from '../../support/core/open-test-core';
import { storeSnapshot } from '../../support/core/store-snapshot';
import { INSIDE_KEYRING, RpcRecorder, clearStore, keychainSnapshot } from '../api-connections/support';

/**
 * The issue's list of bad input, through the RPC router: each one is refused with a clear error
 * naming the field, and changes nothing — neither the store nor (inside a keyring session) the
 * keychain. Outside a keyring session the keychain part is checked as "never touched".
 */
const MISSING_ID = '3f1d7c2a-9b8e-4d6f-a5c4-b3a2918070f6';
const keep = { action: 'keep' } as const;
const TOKEN = { token_type: 'bearer', access_token: 'abc', expires_in: 7200, refresh_token: 'def', created_at: 1732406400 };

interface Case {
  name: string;
  channel: string;
  input: (tenantId: string, existingId: string) => unknown;
  code: string;
  issue?: { path: Array<string | number>; message: string | RegExp };
  says?: string;
}

const fields = { name: 'Jurnal', description: 'Accounting', code: 'JURNAL API', baseUrl: 'https://api.jurnal.id' };
const create = (patch: Record<string, unknown>) => (tenantId: string) => ({ tenantId, ...fields, settings: null, headers: null, token: null, ...patch });
const update = (patch: Record<string, unknown>) => (tenantId: string, id: string) => ({ tenantId, id, ...fields, settings: keep, headers: keep, token: keep, ...patch });

const CASES: Case[] = [
  // each required field empty or whitespace, on add and on edit
  ...(['name', 'description', 'code', 'baseUrl'] as const).flatMap((field) => {
    const key = `apiConnection.${field}.required`;
    return ['', '   \t'].flatMap((blank) => [
      { name: `${field} ${JSON.stringify(blank)} on add`, channel: 'apiConnections.create', input: create({ [field]: blank }), code: 'INVALID_INPUT', issue: { path: [field], message: key } },
      { name: `${field} ${JSON.stringify(blank)} on edit`, channel: 'apiConnections.update', input: update({ [field]: blank }), code: 'INVALID_INPUT', issue: { path: [field], message: key } },
    ]);
  }),
  { name: 'name missing', channel: 'apiConnections.create', input: (t) => ({ tenantId: t, description: 'x', code: 'X', baseUrl: 'https://a.example' }), code: 'INVALID_INPUT', issue: { path: ['name'], message: 'apiConnection.name.required' }, says: 'Connection name is required.' },
  { name: 'name over 100 characters', channel: 'apiConnections.create', input: create({ name: 'n'.repeat(101) }), code: 'INVALID_INPUT', issue: { path: ['name'], message: 'apiConnection.name.tooLong {"max":100}' } },

  // code
  { name: 'code duplicate in another case', channel: 'apiConnections.create', input: create({ code: 'qontak_crm' }), code: 'INVALID_INPUT', issue: { path: ['code'], message: 'apiConnection.code.duplicate' }, says: 'already uses this code' },
  { name: 'code with characters outside the set', channel: 'apiConnections.create', input: create({ code: 'CRM/1' }), code: 'INVALID_INPUT', issue: { path: ['code'], message: 'apiConnection.code.charset' } },
  { name: 'code starting with an underscore', channel: 'apiConnections.create', input: create({ code: '_CRM' }), code: 'INVALID_INPUT', issue: { path: ['code'], message: 'apiConnection.code.charset' } },
  { name: 'rename onto another code in another case', channel: 'apiConnections.update', input: update({ code: 'other' }), code: 'INVALID_INPUT', issue: { path: ['code'], message: 'apiConnection.code.duplicate' } },

  // base URL
  { name: 'base URL javascript:alert(1)', channel: 'apiConnections.create', input: create({ baseUrl: 'javascript:alert(1)' }), code: 'INVALID_INPUT', issue: { path: ['baseUrl'], message: 'apiConnection.baseUrl.protocol' } },
  { name: 'base URL file:///etc/passwd', channel: 'apiConnections.create', input: create({ baseUrl: 'file:///etc/passwd' }), code: 'INVALID_INPUT', issue: { path: ['baseUrl'], message: 'apiConnection.baseUrl.protocol' } },
  { name: 'base URL with credentials', channel: 'apiConnections.create', input: create({ baseUrl: 'https://user:pw@host' }), code: 'INVALID_INPUT', issue: { path: ['baseUrl'], message: 'apiConnection.baseUrl.credentials' }, says: 'must not contain a user name or password' },
  { name: 'base URL ftp://x', channel: 'apiConnections.create', input: create({ baseUrl: 'ftp://x' }), code: 'INVALID_INPUT', issue: { path: ['baseUrl'], message: 'apiConnection.baseUrl.protocol' } },
  { name: 'base URL of 5,000 characters', channel: 'apiConnections.create', input: create({ baseUrl: `https://api.example/${'a'.repeat(4980)}` }), code: 'INVALID_INPUT', issue: { path: ['baseUrl'], message: 'apiConnection.baseUrl.tooLong {"max":2048}' } },
  { name: 'base URL plain http to another host', channel: 'apiConnections.update', input: update({ baseUrl: 'http://api.jurnal.id' }), code: 'INVALID_INPUT', issue: { path: ['baseUrl'], message: 'apiConnection.baseUrl.insecure' } },

  // Settings
  { name: 'Settings as an array', channel: 'apiConnections.create', input: create({ settings: [1, 2] }), code: 'INVALID_INPUT', issue: { path: ['settings'], message: 'apiConnection.settings.notObject' } },
  { name: 'Settings as a string', channel: 'apiConnections.create', input: create({ settings: 'owner_email=sandbox@qontak.com' }), code: 'INVALID_INPUT', issue: { path: ['settings'], message: 'apiConnection.settings.notObject' } },
  { name: 'Settings as invalid JSON text', channel: 'apiConnections.create', input: create({ settings: '{"owner_email": ' }), code: 'INVALID_INPUT', issue: { path: ['settings'], message: 'apiConnection.settings.notObject' } },
  { name: 'Settings of 1 MB', channel: 'apiConnections.create', input: create({ settings: { blob: 'x'.repeat(1024 * 1024) } }), code: 'INVALID_INPUT', issue: { path: ['settings'], message: 'apiConnection.settings.tooLarge {"maxKiB":64}' }, says: 'at most 64 KiB' },
  { name: 'Settings replaced by an array on edit', channel: 'apiConnections.update', input: update({ settings: { action: 'replace', value: [] } }), code: 'INVALID_INPUT', issue: { path: ['settings', 'value'], message: 'apiConnection.settings.notObject' } },

  // Headers
  { name: 'header name with a space', channel: 'apiConnections.create', input: create({ headers: { 'X Api Key': 'v' } }), code: 'INVALID_INPUT', issue: { path: ['headers', 'X Api Key'], message: 'apiConnection.headers.name {"max":256}' } },
  { name: 'header name with a colon', channel: 'apiConnections.create', input: create({ headers: { 'apikey:': 'v' } }), code: 'INVALID_INPUT', issue: { path: ['headers', 'apikey:'], message: 'apiConnection.headers.name {"max":256}' } },
  { name: 'header value with CR/LF', channel: 'apiConnections.create', input: create({ headers: { apikey: 'v\r\nX-Injected: 1' } }), code: 'INVALID_INPUT', issue: { path: ['headers', 'apikey'], message: 'apiConnection.headers.valueInvalid {"name":"apikey"}' } },
  { name: 'a number as header value', channel: 'apiConnections.create', input: create({ headers: { apikey: 12345 } }), code: 'INVALID_INPUT', issue: { path: ['headers', 'apikey'], message: 'apiConnection.headers.valueType {"name":"apikey"}' } },
  { name: 'a patch that adds a bad header name', channel: 'apiConnections.update', input: update({ headers: { action: 'patch', set: { 'bad name': 'v' }, remove: [] } }), code: 'INVALID_INPUT', issue: { path: ['headers', 'bad name'], message: 'apiConnection.headers.name {"max":256}' } },

  // Token
  { name: 'Token without access_token', channel: 'apiConnections.create', input: create({ token: { ...TOKEN, access_token: undefined } }), code: 'INVALID_INPUT', issue: { path: ['token', 'access_token'], message: 'apiConnection.token.field.required {"field":"access_token"}' } },
  { name: 'Token with expires_in as a string', channel: 'apiConnections.create', input: create({ token: { ...TOKEN, expires_in: '7200' } }), code: 'INVALID_INPUT', issue: { path: ['token', 'expires_in'], message: /^apiConnection\.token\.field\.integer / } },
  { name: 'Token replaced by one with created_at in milliseconds', channel: 'apiConnections.update', input: update({ token: { action: 'replace', value: { ...TOKEN, created_at: 1732406400000 } } }), code: 'INVALID_INPUT', issue: { path: ['token', 'value', 'created_at'], message: /^apiConnection\.token\.createdAt\.range / } },

  // ids that do not exist, and shapes that are not requests
  { name: 'edit a connection id that does not exist', channel: 'apiConnections.update', input: (t) => update({})(t, MISSING_ID), code: 'NOT_FOUND', says: MISSING_ID },
  { name: 'delete a connection id that does not exist', channel: 'apiConnections.delete', input: (t) => ({ tenantId: t, id: MISSING_ID }), code: 'NOT_FOUND', says: MISSING_ID },
  { name: 'undo the deletion of an id that does not exist', channel: 'apiConnections.undoDelete', input: (t) => ({ tenantId: t, id: MISSING_ID }), code: 'NOT_FOUND' },
  { name: 'add to a tenant that does not exist', channel: 'apiConnections.create', input: () => create({})(MISSING_ID), code: 'NOT_FOUND', says: `Tenant ${MISSING_ID}` },
  { name: 'a connection id that is not an id', channel: 'apiConnections.delete', input: (t) => ({ tenantId: t, id: "1' OR '1'='1" }), code: 'INVALID_INPUT', issue: { path: ['id'], message: 'id.invalid' } },
  { name: 'an unknown field', channel: 'apiConnections.create', input: create({ password: 'x' }), code: 'INVALID_INPUT', issue: { path: [], message: /Unrecognized key/ } },
  { name: 'an unknown edit action', channel: 'apiConnections.update', input: update({ token: { action: 'reveal' } }), code: 'INVALID_INPUT', issue: { path: ['token', 'action'], message: /Invalid discriminator/ } },
];

describe('apiConnections.*: bad input gets a clear error and changes nothing', () => {
  const tempDir = useTempDirs('api-connections-bad-');
  const open = useCores();
  let core: Core | null = null;
  afterEach(async () => {
    if (core && INSIDE_KEYRING) await clearStore(core.services.vault);
    core = null;
  });

  async function setUp(): Promise<{ core: Core; rpc: RpcRecorder; tenantId: string; existingId: string }> {
    core = open(tempDir(), { onUnexpectedError: () => undefined });
    const rpc = new RpcRecorder(core);
    const tenant = await rpc.ok<Tenant>('tenants.create', { name: 'PT Contoh' });
    // With a keychain, the edited connection has secrets, so that a refused edit is seen to leave them alone too.
    const secrets = INSIDE_KEYRING ? { headers: { apikey: 'stored-apikey-value' }, token: TOKEN } : {};
    const existing = await rpc.ok<ApiConnectionDocument>('apiConnections.create', create({ code: 'QONTAK_CRM', ...secrets })(tenant.id));
    await rpc.ok('apiConnections.create', create({ code: 'OTHER', name: 'Other' })(tenant.id));
    return { core, rpc, tenantId: tenant.id, existingId: existing.id };
  }

  for (const testCase of CASES) {
    it(testCase.name, async () => {
      const { core, rpc, tenantId, existingId } = await setUp();
      const before = storeSnapshot(core.services.db);
      const keychainBefore = INSIDE_KEYRING ? await keychainSnapshot(core.services.vault) : null;

      const error = await rpc.error(testCase.channel, testCase.input(tenantId, existingId));
      expect(error.code).toBe(testCase.code);
      expect(error.message.length).toBeGreaterThan(10);
      if (testCase.issue) {
        const { path, message } = testCase.issue;
        expect(error.issues).toEqual(expect.arrayContaining([{ path, message: typeof message === 'string' ? message : expect.stringMatching(message) }]));
      }
      if (testCase.says) expect(error.message).toContain(testCase.says);

      expect(storeSnapshot(core.services.db)).toEqual(before);
      if (keychainBefore) expect(await keychainSnapshot(core.services.vault)).toEqual(keychainBefore);
      else expect(core.services.vaultHousekeeping.isUsed()).toBe(false);
    });
  }
});
