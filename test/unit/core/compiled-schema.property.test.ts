import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileSchema, REFUSED } from '../../../electron/core/validation/compiled-schema';
import { exportDocumentSchema, exportedApiConnectionSchema, exportedTenantSchema } from '../../../shared/schemas/export-document';
import { expectSameAsZod } from '../../support/validation/compiled-vs-zod';

const text = fc.oneof(
  fc.constantFrom('Jurnal', '  Jurnal  ', '', '   ', 'x'.repeat(300), 'Toko\u0000Baru', 'Toko \u202EuraB', '\u200B', '\uD800', 'Sales\nTeam', 'É\u0301', 'İstanbul'),
  fc.string({ maxLength: 12 }),
);
const url = fc.constantFrom('https://api.jurnal.id', '  https://api.jurnal.id/v1  ', 'http://127.0.0.1:8080', 'http://backend.example', 'ftp://x.example', 'https://user:pw@x.example', 'https://x.example/#f', '', '  ', 'not a url');
const key = fc.constantFrom('owner_email', 'apikey', '__proto__', 'constructor', '', 'x'.repeat(300), 'X-Api-Key');
const odd = fc.constantFrom<unknown>(undefined, null, 5, 1.5, Number.NaN, true, [], {}, 'text');
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.oneof({ weight: 6, arbitrary }, { weight: 1, arbitrary: odd });

const connection = fc.record(
  {
    name: maybe(text),
    description: maybe(text),
    code: maybe(fc.constantFrom('JURNAL API', ' sys_1_api ', 'bad code!', 'A', '')),
    baseUrl: maybe(url),
    settingsKeys: maybe(fc.option(fc.array(key, { maxLength: 3 }), { nil: null })),
    headers: maybe(fc.option(fc.array(fc.record({ name: key, set: maybe(fc.boolean()) }), { maxLength: 3 }), { nil: null })),
    token: maybe(
      fc.option(
        fc.record({ token_type: maybe(fc.constantFrom('bearer', 'x'.repeat(200))), expires_in: maybe(fc.integer()), created_at: maybe(fc.double()), accessTokenSet: fc.boolean(), refreshTokenSet: fc.boolean() }),
        { nil: null },
      ),
    ),
    extra: fc.constant(1),
  },
  { requiredKeys: ['name', 'description', 'code', 'baseUrl', 'settingsKeys', 'headers', 'token'] },
);

const tenant = fc.record(
  {
    name: maybe(text),
    backendUrl: maybe(fc.option(url, { nil: null })),
    backendKind: maybe(fc.constantFrom('settings_api', 'qontak', 'legacy_chat', 'nope')),
    tags: maybe(fc.array(fc.constantFrom('vip', '  VIP ', 'a;b', 'Jakarta  Selatan', '', 'x'.repeat(50)), { maxLength: 4 })),
    aiResponse: maybe(
      fc.option(
        fc.record({
          threshold: maybe(fc.integer({ min: -1, max: 30 })),
          onThreshold: maybe(fc.constantFrom('continue_with_bot', 'specific_division', 'specific_agent', 'any_available_agent', 'nope')),
          divisionId: maybe(fc.option(fc.constantFrom('d-7', ''), { nil: null })),
          agentId: maybe(fc.option(fc.constantFrom('a-1', ''), { nil: null })),
          handoverMessage: maybe(text),
        }),
        { nil: null },
      ),
    ),
    idleAction: fc.constant(null),
    referenceNames: maybe(fc.record({ divisions: maybe(fc.dictionary(key, text, { maxKeys: 2 })), agents: maybe(fc.dictionary(fc.constantFrom('a-1', 'constructor'), text, { maxKeys: 2 })) })),
    apiConnections: maybe(fc.array(connection, { maxLength: 3 })),
    colour: fc.constant('red'),
  },
  { requiredKeys: ['name', 'backendUrl', 'tags', 'aiResponse', 'idleAction', 'referenceNames', 'apiConnections'] },
);

const VALID_TENANT = {
  name: '  PT Maju Jaya ',
  backendUrl: ' https://service-chat.qontak.com/api/open/v1 ',
  tags: ['  Jakarta ', 'VIP'],
  aiResponse: { threshold: 10, onThreshold: 'specific_division', divisionId: 'd-7', agentId: null, handoverMessage: '' },
  idleAction: null,
  referenceNames: { divisions: { 'd-7': 'Sales' }, agents: {} },
  apiConnections: [
    { name: ' Jurnal ', description: 'Accounting', code: ' JURNAL API ', baseUrl: 'https://api.jurnal.id', settingsKeys: ['owner_email'], headers: [{ name: 'apikey', set: true }], token: { token_type: 'bearer', expires_in: 3600, created_at: 1700000000, accessTokenSet: true, refreshTokenSet: false } },
  ],
};

describe('a compiled schema (the import file’s bulk parse)', () => {
  it('answers a valid tenant exactly as zod does, transforms included (trimmed, tags normalised)', () => {
    const compiled = compileSchema(exportedTenantSchema)(VALID_TENANT);
    expect(compiled).not.toBe(REFUSED);
    expect(compiled).toStrictEqual(exportedTenantSchema.parse(VALID_TENANT));
    expect(compiled).toMatchObject({ name: 'PT Maju Jaya', tags: ['jakarta', 'vip'], apiConnections: [{ name: 'Jurnal', code: 'JURNAL API' }] });
  });

  it('agrees with zod on generated tenants and connections, good and bad', () => {
    fc.assert(fc.property(tenant, (value) => expectSameAsZod(exportedTenantSchema, value)), { numRuns: 600 });
    fc.assert(fc.property(connection, (value) => expectSameAsZod(exportedApiConnectionSchema, value)), { numRuns: 400 });
  });

  it('agrees with zod on every kind it handles itself and on those it hands to zod', () => {
    const schema = z
      .object({
        literal: z.literal('a'),
        enumerated: z.enum(['x', 'y']),
        count: z.number().int().min(0).max(5).optional(),
        ratio: z.number().gt(0).lt(1).nullable(),
        flag: z.boolean().default(false),
        id: z.string().uuid(),
        at: z.string().datetime({ offset: true }),
        word: z.string().trim().toLowerCase().min(2).regex(/^[a-z]+$/),
        list: z.array(z.string()).min(1).max(2),
        either: z.union([z.string(), z.number()]),
        map: z.record(z.string(), z.number()),
      })
      .strip();
    const value = fc.record(
      {
        literal: fc.constantFrom<unknown>('a', 'b', 1),
        enumerated: fc.constantFrom<unknown>('x', 'z', 0),
        count: fc.constantFrom<unknown>(0, 5, 6, 2.5, -1, undefined, Number.NaN, '3'),
        ratio: fc.constantFrom<unknown>(0, 0.5, 1, null, undefined),
        flag: fc.constantFrom<unknown>(true, undefined, 'yes'),
        id: fc.constantFrom<unknown>('3f1d7c2a-9b8e-4d6f-a5c4-b3a2918070f6', 'nope'),
        at: fc.constantFrom<unknown>('2026-01-15T09:00:00.000Z', '2026-01-15', 5),
        word: fc.constantFrom<unknown>('  Hello ', 'a', 'Hi5', 7),
        list: fc.constantFrom<unknown>([], ['a'], ['a', 'b', 'c'], [1], 'a'),
        either: fc.constantFrom<unknown>('s', 1, null),
        map: fc.constantFrom<unknown>({}, { a: 1 }, { a: 'x' }, [], null),
        other: fc.constant('dropped'),
      },
      { requiredKeys: [] },
    );
    fc.assert(fc.property(value, (input) => expectSameAsZod(schema, input)), { numRuns: 600 });
    fc.assert(fc.property(value, (input) => expectSameAsZod(schema.strict(), input)), { numRuns: 300 });
  });

  it('hands a whole document (its envelope has formats zod checks) to zod where it must, with the same answer', () => {
    const doc = { format: 'chatbot-settings-export', version: 1, exportedAt: '2026-01-15T09:00:00.000Z', tenants: [VALID_TENANT] };
    expectSameAsZod(exportDocumentSchema, doc);
    expectSameAsZod(exportDocumentSchema, { ...doc, exportedAt: 'yesterday' });
    expectSameAsZod(exportDocumentSchema, { ...doc, tenants: [VALID_TENANT, { ...VALID_TENANT, name: 'pt maju jaya' }] });
  });
});
