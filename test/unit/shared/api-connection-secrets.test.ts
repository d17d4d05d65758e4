import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { apiConnectionSchema, hasControlCharacter, HTTP_TOKEN_PATTERN, type ApiConnection } from '../../../shared/schemas/api-connection';
import { apiConnectionPublicSchema, apiConnectionViewSchema } from '../../../shared/schemas/api-connection-public';
import {
  apiConnectionView,
  joinApiConnection,
  maskSecret,
  parseSecretFieldName,
  secretFieldName,
  secretFieldsOf,
  splitApiConnection,
  type SecretPath,
} from '../../../shared/validation/api-connection-secrets';

const EXAMPLE: ApiConnection = apiConnectionSchema.parse({
  name: 'Jurnal',
  description: 'Accounting',
  code: 'JURNAL API',
  baseUrl: 'https://api.jurnal.id',
  settings: { owner_email: 'sandbox@qontak.com', retries: 3, nested: { a: [1, 'b'] } },
  headers: { apikey: 'xxxxxxxx', 'X-Empty': '' },
  token: { token_type: 'bearer', access_token: 'access-SECRET-1', expires_in: 7200, refresh_token: 'refresh-SECRET-2', created_at: 1732406400 },
});

const secretsMap = (secrets: Array<{ field: string; value: string }>) => new Map(secrets.map((s) => [s.field, s.value]));

/** Generates valid connections whose every secret position holds `marker`-prefixed text. */
const headerName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,15}$/).filter((n) => HTTP_TOKEN_PATTERN.test(n));
const settingsKey = fc.string({ minLength: 1, maxLength: 20 }).filter((k) => k.trim() !== '' && k !== '__proto__' && !hasControlCharacter(k));
const secretText = fc.string({ minLength: 0, maxLength: 40 }).map((s) => Array.from(s).filter((c) => !hasControlCharacter(c)).join(''));
const connectionArb = fc
  .record({
    name: fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== ''),
    settings: fc.option(fc.dictionary(settingsKey, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }), { nil: null }),
    headers: fc.option(fc.uniqueArray(fc.tuple(headerName, secretText), { selector: ([n]) => n.toLowerCase(), maxLength: 6 }), { nil: null }),
    token: fc.option(
      fc.record({
        token_type: fc.constantFrom('bearer', 'Bearer', 'MAC'),
        access_token: secretText.filter((s) => s.trim() !== ''),
        expires_in: fc.nat(),
        refresh_token: secretText,
        created_at: fc.integer({ min: 0, max: 4_000_000_000 }),
      }),
      { nil: null },
    ),
  })
  .map((r) => ({
    name: r.name,
    description: 'd',
    code: 'CODE',
    baseUrl: 'https://api.example.com',
    settings: r.settings,
    headers: r.headers && Object.fromEntries(r.headers.filter(([n]) => !['host', 'te', 'trailer', 'upgrade', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'].includes(n.toLowerCase()))),
    token: r.token,
  }))
  .map((input) => apiConnectionSchema.safeParse(input))
  .filter((r) => r.success)
  .map((r) => (r as { data: ApiConnection }).data);

describe('splitApiConnection / joinApiConnection', () => {
  it('keeps names, keys and non-secret token fields public and every secret out of it', () => {
    const { public: pub, secrets } = splitApiConnection(EXAMPLE);
    expect(apiConnectionPublicSchema.parse(pub)).toEqual(pub);
    expect(pub).toEqual({
      name: 'Jurnal',
      description: 'Accounting',
      code: 'JURNAL API',
      baseUrl: 'https://api.jurnal.id',
      settingsKeys: ['owner_email', 'retries', 'nested'],
      headers: [
        { name: 'apikey', set: true },
        { name: 'X-Empty', set: false },
      ],
      token: { token_type: 'bearer', expires_in: 7200, created_at: 1732406400, accessTokenSet: true, refreshTokenSet: true },
    });
    const text = JSON.stringify(pub);
    for (const s of ['sandbox@qontak.com', 'xxxxxxxx', 'SECRET']) expect(text).not.toContain(s);
    expect(secrets.map((s) => [s.field, s.value])).toEqual([
      ['settings/owner_email', '"sandbox@qontak.com"'],
      ['settings/retries', '3'],
      ['settings/nested', '{"a":[1,"b"]}'],
      ['headers/apikey', 'xxxxxxxx'],
      ['token/access_token', 'access-SECRET-1'],
      ['token/refresh_token', 'refresh-SECRET-2'],
    ]);
  });

  it('round-trips any valid connection', () => {
    fc.assert(
      fc.property(connectionArb, (connection) => {
        const { public: pub, secrets } = splitApiConnection(connection);
        expect(secretFieldsOf(pub).sort()).toEqual(secrets.map((s) => s.field).sort());
        expect(joinApiConnection(pub, secretsMap(secrets))).toEqual({ ok: true, value: connection });
        // The public part survives SQLite as JSON, and is what it claims to be.
        expect(apiConnectionPublicSchema.parse(JSON.parse(JSON.stringify(pub)))).toEqual(pub);
      }),
      { numRuns: 300 },
    );
  });

  it('never puts a secret in the public part (markers in every secret position)', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.boolean(), (id, withEmptyRefresh) => {
        const marker = `MARK${id.replace(/-/g, '')}`;
        const connection = apiConnectionSchema.parse({
          name: 'n',
          description: 'd',
          code: 'C',
          baseUrl: 'https://h.example',
          settings: { a: `${marker}a`, b: { deep: `${marker}b` } },
          headers: { apikey: `${marker}c` },
          token: { token_type: 'bearer', access_token: `${marker}d`, expires_in: 1, refresh_token: withEmptyRefresh ? '' : `${marker}e`, created_at: 1 },
        });
        const { public: pub, secrets } = splitApiConnection(connection);
        expect(JSON.stringify(pub)).not.toContain(marker);
        expect(secrets.length).toBe(withEmptyRefresh ? 4 : 5);
        const view = apiConnectionView(pub, secretsMap(secrets));
        expect(JSON.stringify(view)).not.toContain(marker);
      }),
      { numRuns: 50 },
    );
  });

  it('reports the secrets the vault did not return', () => {
    const { public: pub, secrets } = splitApiConnection(EXAMPLE);
    const partial = secretsMap(secrets.filter((s) => s.field !== 'token/access_token'));
    expect(joinApiConnection(pub, partial)).toEqual({ ok: false, missing: ['token/access_token'] });
  });
});

describe('secret field names', () => {
  it('escape / and ~ in settings keys and parse back', () => {
    const path: SecretPath = { section: 'settings', key: 'a/b~c' };
    expect(secretFieldName(path)).toBe('settings/a~1b~0c');
    expect(parseSecretFieldName('settings/a~1b~0c')).toEqual(path);
    expect(parseSecretFieldName('token/other')).toBeNull();
    expect(parseSecretFieldName('nope')).toBeNull();
  });

  it('round-trip for any settings key', () => {
    fc.assert(
      fc.property(fc.string(), (key) => {
        const path: SecretPath = { section: 'settings', key };
        fc.pre(key !== '');
        expect(parseSecretFieldName(secretFieldName(path))).toEqual(path);
      }),
    );
  });
});

describe('maskSecret and the renderer view', () => {
  it('shows at most the last two characters of a long secret, nothing of a short one', () => {
    expect(maskSecret('access-SECRET-1')).toBe('••••-1');
    expect(maskSecret('xxxxxxxx')).toBe('••••');
    expect(maskSecret('')).toBe('••••');
  });

  it('gives set flags, previews and expiry, and validates as the view schema', () => {
    const { public: pub, secrets } = splitApiConnection(EXAMPLE);
    const view = apiConnectionView(pub, secretsMap(secrets), new Date('2024-11-24T03:00:00Z'));
    expect(apiConnectionViewSchema.parse(view)).toEqual(view);
    expect(view.settings?.[0]).toEqual({ key: 'owner_email', secret: { set: true, preview: '••••om' } });
    expect(view.headers).toEqual([
      { name: 'apikey', secret: { set: true, preview: '••••' } },
      { name: 'X-Empty', secret: { set: false, preview: null } },
    ]);
    expect(view.token).toMatchObject({ expiresAt: '2024-11-24T02:00:00.000Z', expired: true, access_token: { set: true, preview: '••••-1' } });
  });

  it('still says what is set when the vault cannot be read', () => {
    const view = apiConnectionView(splitApiConnection(EXAMPLE).public, null);
    expect(view.token?.refresh_token).toEqual({ set: true, preview: null });
    expect(view.settings?.map((s) => s.secret)).toEqual([
      { set: true, preview: null },
      { set: true, preview: null },
      { set: true, preview: null },
    ]);
  });
});
