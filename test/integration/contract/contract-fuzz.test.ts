import { createGeneratorSync, type JsonSchema } from 'json-schema-faker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractClient } from '../../sandbox/contract-client';
import { ContractValidator } from '../../sandbox/contract-validator';
import { ACME, openSandbox, type SandboxFixture } from '../../support/sandbox/sandbox-fixture';
import { WIRE_ROUTES, type WireRouteKey } from '../../../shared/wire/routes';
import { seededRandom } from '../../support/random/seeded-random';

/**
 * A bounded, seeded, schema-driven fuzz of the backend contract: for each write route, request
 * bodies generated from api/openapi.json by a third-party generator (json-schema-faker) must be
 * accepted by the sandbox, and mutations the document forbids (a required field dropped, a wrong
 * type, a value outside an enum, format or pattern, a conditional requirement broken) must be
 * refused with 400 and the documented error body. Deterministic: same seed, same requests.
 */
const SEED = 20_260_115;
const VALID_PER_ROUTE = 16;
const INVALID_PER_ROUTE = 16;
const GENERATION_ATTEMPTS = 200;

type Json = Record<string, unknown>;
const validator = new ContractValidator();
const doc = validator.document as { paths: Record<string, Record<string, Json>>; components: { schemas: Record<string, JsonSchema> } };

/** The document's schema with every local $ref replaced by its target (the document has no cycles). */
function inline(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(inline);
  if (schema === null || typeof schema !== 'object') return schema;
  const ref = (schema as Json).$ref;
  if (typeof ref === 'string') return inline(doc.components.schemas[ref.replace('#/components/schemas/', '')]);
  return Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, key === 'properties' || key === '$defs' ? Object.fromEntries(Object.entries(value as Json).map(([k, v]) => [k, inline(v)])) : inline(value)]));
}

function bodySchema(key: WireRouteKey): JsonSchema {
  const route = WIRE_ROUTES[key];
  const op = doc.paths[route.path]![route.method.toLowerCase()] as { requestBody: { content: Record<string, { schema: unknown }> } };
  return inline(op.requestBody.content['application/json']!.schema) as JsonSchema;
}

interface Catalog {
  divisions: string[];
  agents: string[];
  pipelines: { id: string; stages: string[] }[];
  owners: string[];
  sources: string[];
}

interface Target {
  key: WireRouteKey;
  method: 'PUT' | 'POST';
  /** The path for request i (collections: the item to replace). */
  path: () => string;
  /** References the catalog must hold and unique fields, set on a generated body (still valid by the document). */
  fix: (body: Json, i: number) => Json;
  /** Mutations that break the document, each named. */
  mutations: Array<[string, (body: Json) => Json]>;
}

const pick = <T>(items: readonly T[], i: number): T => items[i % items.length]!;
const without = (body: Json, field: string) => Object.fromEntries(Object.entries(body).filter(([k]) => k !== field));

/** Mutations any object body can get: a field the document requires dropped, an unknown field, a wrong type. */
function commonMutations(key: WireRouteKey): Array<[string, (body: Json) => Json]> {
  const required = ((bodySchema(key) as Json).required as string[] | undefined) ?? [];
  return [
    ...required.map((field): [string, (body: Json) => Json] => [`without ${field}`, (body) => without(body, field)]),
    ['an unknown field', (body) => ({ ...body, extra: 1 })],
    ...required.map((field): [string, (body: Json) => Json] => [`${field} of the wrong type`, (body) => ({ ...body, [field]: typeof body[field] === 'number' ? 'seven' : typeof body[field] === 'boolean' ? 'yes' : 12 })]),
  ];
}

describe('contract fuzz: what api/openapi.json allows the sandbox accepts, what it forbids the sandbox refuses', () => {
  let fx: SandboxFixture;
  let client: ContractClient;
  let catalog: Catalog;
  const versions = new Map<string, string>();
  let connectionId = '';
  let dealSettingId = '';
  let dealBotResponse = '';
  const sent: string[] = [];

  const list = async (path: string) => ((await client.call<{ data: Json[] }>('GET', path)).body.data ?? []) as Json[];

  beforeAll(async () => {
    fx = await openSandbox();
    client = await fx.signedIn(ACME);
    const pipelines = await list('/crm/pipelines');
    catalog = {
      divisions: (await list('/divisions')).map((d) => d.id as string),
      agents: (await list('/users?role=agent')).map((u) => u.id as string),
      pipelines: pipelines.map((p) => ({ id: p.id as string, stages: (p.stages as Json[]).map((s) => s.id as string) })).filter((p) => p.stages.length > 0),
      owners: (await list('/crm/owners')).map((o) => o.id as string),
      sources: (await list('/crm/sources')).map((s) => s.id as string),
    };
    const connection = await client.call<{ data: { id: string; version: string } }>('POST', '/chatbot/settings/api-connections', {
      body: { name: 'Fuzz base', description: 'Replaced by the fuzz', code: 'FUZZ BASE', baseUrl: 'https://fuzz.example', settings: null, headers: null, token: null },
      headers: { 'Idempotency-Key': 'fuzz:0' },
    });
    connectionId = connection.body.data.id;
    const deals = await list('/crm/deal-settings');
    const taken = new Set(deals.map((d) => (d.value as Json).botResponseId as string));
    dealBotResponse = (await list('/chatbot/bot-responses')).map((b) => b.id as string).find((id) => !taken.has(id)) ?? '';
    const deal = await client.call<{ data: { id: string } }>('POST', '/crm/deal-settings', {
      body: { botResponseId: dealBotResponse, enabled: false, pipelineId: null, stageId: null, dealName: '', ownerId: null, sourceId: null, customerContactAssociation: false },
      headers: { 'Idempotency-Key': 'fuzz:1' },
    });
    dealSettingId = deal.body.data.id;
    expect(client.violations).toEqual([]);
  });

  afterAll(async () => {
    await fx?.close();
  });

  const ref = (value: unknown, ids: string[], i: number) => (value === null ? null : pick(ids, i));

  const targets = (): Target[] => [
    {
      key: 'putAiResponse',
      method: 'PUT',
      path: () => '/chatbot/settings/ai-response',
      fix: (body, i) => ({ ...body, divisionId: ref(body.divisionId, catalog.divisions, i), agentId: ref(body.agentId, catalog.agents, i) }),
      mutations: [
        ...commonMutations('putAiResponse'),
        ['threshold out of range', (b) => ({ ...b, threshold: 101 })],
        ['a fractional threshold', (b) => ({ ...b, threshold: 2.5 })],
        ['an unknown mode', (b) => ({ ...b, onThreshold: 'ask_the_bot' })],
        ['specific_agent without agentId', (b) => ({ ...b, onThreshold: 'specific_agent', agentId: null })],
        ['specific_division without divisionId', (b) => ({ ...b, onThreshold: 'specific_division', divisionId: null })],
        ['a handover message that is only spaces', (b) => ({ ...b, handoverMessage: '   ' })],
        ['a handover message with NUL', (b) => ({ ...b, handoverMessage: 'Hi\u0000' })],
        ['a handover message with a bidi override', (b) => ({ ...b, handoverMessage: 'Hi \u202Eereht' })],
        ['a handover message over 1,000 characters', (b) => ({ ...b, handoverMessage: 'x'.repeat(1001) })],
      ],
    },
    {
      key: 'putIdleAction',
      method: 'PUT',
      path: () => '/chatbot/settings/idle-action',
      fix: (body, i) => ({ ...body, divisionId: ref(body.divisionId, catalog.divisions, i), agentId: ref(body.agentId, catalog.agents, i) }),
      mutations: [
        ...commonMutations('putIdleAction'),
        ['resolving without a closing message', (b) => ({ ...b, action: 'resolve_conversation', idleHours: 1, closingMessage: '' })],
        ['resolving after 0 minutes', (b) => ({ ...b, action: 'resolve_conversation', idleHours: 0, idleMinutes: 0, closingMessage: 'Bye' })],
        ['resolving after more than 168 hours', (b) => ({ ...b, action: 'resolve_conversation', idleHours: 168, idleMinutes: 1, closingMessage: 'Bye' })],
        ['assigning to an agent without agentId', (b) => ({ ...b, action: 'assign_conversation', idleHours: 1, closingMessage: 'Bye', assignTo: 'agent', agentId: null })],
        ['minutes out of range', (b) => ({ ...b, idleMinutes: 60 })],
      ],
    },
    {
      key: 'createApiConnection',
      method: 'POST',
      path: () => '/chatbot/settings/api-connections',
      fix: (body, i) => ({ ...body, code: `F${i} ${String(body.code)}`.slice(0, 50).trimEnd() }),
      mutations: apiConnectionMutations(),
    },
    {
      key: 'putApiConnection',
      method: 'PUT',
      path: () => `/chatbot/settings/api-connections/${connectionId}`,
      fix: (body) => ({ ...body, code: 'FUZZ BASE' }),
      mutations: apiConnectionMutations(),
    },
    {
      key: 'putDealSetting',
      method: 'PUT',
      path: () => `/crm/deal-settings/${dealSettingId}`,
      fix: (body, i) => {
        const pipeline = pick(catalog.pipelines, i);
        const enabled = body.enabled === true;
        return {
          ...body,
          botResponseId: dealBotResponse,
          pipelineId: enabled || body.pipelineId !== null ? pipeline.id : null,
          stageId: enabled || body.stageId !== null ? pick(pipeline.stages, i) : null,
          ownerId: ref(enabled ? '' : body.ownerId, catalog.owners, i),
          sourceId: ref(enabled ? '' : body.sourceId, catalog.sources, i),
        };
      },
      mutations: [
        ...commonMutations('putDealSetting'),
        ['enabled without a pipeline', (b) => ({ ...b, enabled: true, pipelineId: null })],
        ['enabled without a deal name', (b) => ({ ...b, enabled: true, dealName: ' ' })],
        ['a deal name with a control character', (b) => ({ ...b, dealName: 'Deal\u0007' })],
      ],
    },
  ];

  function apiConnectionMutations(): Array<[string, (body: Json) => Json]> {
    return [
      ...commonMutations('createApiConnection'),
      ['a base URL that is not a URL', (b) => ({ ...b, baseUrl: 'not a url' })],
      ['a plain http base URL to another host', (b) => ({ ...b, baseUrl: 'http://api.example.com' })],
      ['a base URL with credentials', (b) => ({ ...b, baseUrl: 'https://user:pw@api.example.com' })],
      ['a base URL with a fragment', (b) => ({ ...b, baseUrl: 'https://api.example.com/#x' })],
      ['a code with a slash', (b) => ({ ...b, code: 'A/B' })],
      ['a name with NUL', (b) => ({ ...b, name: 'Jur\u0000nal' })],
      ['a blank description', (b) => ({ ...b, description: '   ' })],
      ['a __proto__ header', (b) => ({ ...b, headers: JSON.parse('{"__proto__":"x"}') as Json })],
      ['a header name with a space', (b) => ({ ...b, headers: { 'api key': 'x' } })],
      ['a token without access_token', (b) => ({ ...b, token: { token_type: 'bearer', expires_in: 1, refresh_token: '', created_at: 1 } })],
    ];
  }

  /** Sends one request; PUTs carry the current version. Returns the status and the body. */
  async function send(target: Target, body: Json, i: number, checked: boolean) {
    const path = target.path();
    const headers: Record<string, string> = {};
    if (target.method === 'PUT') {
      if (!versions.has(path)) versions.set(path, (await client.call('GET', path)).headers.etag!);
      headers['If-Match'] = versions.get(path)!;
    } else headers['Idempotency-Key'] = `fuzz:${target.key}:${checked ? 'valid' : 'invalid'}:${i}`;
    const result = checked ? await client.call<Json>(target.method, path, { body, headers }) : await client.unchecked<Json>(target.method, path, { body, headers });
    if (result.headers.etag && result.status < 300) versions.set(path, result.headers.etag);
    const request = `${target.method} ${path} ${JSON.stringify(body).slice(0, 600)}`;
    sent.push(request);
    return { status: result.status, body: result.body, request: `${request} → ${result.status} ${result.text.slice(0, 400)}` };
  }

  it('accepts every generated valid body and refuses every mutation with 400 and the documented error', async () => {
    let requests = 0;
    for (const [t, target] of targets().entries()) {
      const schema = bodySchema(target.key);
      const generator = createGeneratorSync({ seed: SEED + t, optionalsProbability: 0.5, maxDefaultItems: 3 });
      const valid: Json[] = [];
      for (let attempt = 0; attempt < GENERATION_ATTEMPTS && valid.length < VALID_PER_ROUTE; attempt++) {
        const body = target.fix(generator.generate(schema) as Json, valid.length);
        // The generator is approximate (patterns, lengths): only bodies the document allows count.
        const problems = validator.checkRequest({ method: target.method, path: target.path(), headers: { authorization: 'Bearer x', 'if-match': '"v"', 'idempotency-key': 'fuzz:check' }, body, contentType: 'application/json' });
        if (problems.length === 0) valid.push(body);
      }
      expect(valid.length, `${target.key}: bodies the document allows, from ${GENERATION_ATTEMPTS} generated`).toBe(VALID_PER_ROUTE);

      for (const [i, body] of valid.entries()) {
        const answer = await send(target, body, i, true);
        requests++;
        expect([200, 201], answer.request).toContain(answer.status);
      }

      const rand = seededRandom(SEED + t);
      for (let i = 0; i < INVALID_PER_ROUTE; i++) {
        const [name, mutate] = target.mutations[i < target.mutations.length ? i : Math.floor(rand() * target.mutations.length)]!;
        const body = mutate(pick(valid, Math.floor(rand() * valid.length)));
        const problems = validator.checkRequest({ method: target.method, path: target.path(), headers: { authorization: 'Bearer x', 'if-match': '"v"', 'idempotency-key': 'fuzz:check' }, body, contentType: 'application/json' });
        expect(problems.length, `${target.key} ${name}: the document must forbid it: ${JSON.stringify(body).slice(0, 300)}`).toBeGreaterThan(0);
        const answer = await send(target, body, i, false);
        requests++;
        expect(answer.status, `${target.key} ${name}: ${answer.request}`).toBe(400);
        expect(answer.body, answer.request).toMatchObject({ status: 'error', error: { code: expect.stringMatching(/^(validation_failed|invalid_request)$/) as unknown, message: expect.any(String) as unknown } });
      }
    }
    expect(requests).toBeLessThanOrEqual(300);
    // Every answer matched the document too (the client checks each one).
    expect(client.violations).toEqual([]);
  }, 60_000);
});
