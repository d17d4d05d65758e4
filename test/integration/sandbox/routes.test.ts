import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WIRE_ROUTES, WIRE_ROUTE_KEYS, successBodySchema, type WireRouteKey } from '../../../shared/wire/routes';
import { fillPath, formatEtag } from '../../../shared/wire/http';
import type { ContractClient } from '../../sandbox/contract-client';
import { ACME, BORNEO, openSandbox, type SandboxFixture } from '../../support/sandbox/sandbox-fixture';

/**
 * Every route of the contract, happy path, as a client would call it. Each answer is checked
 * twice: against the OpenAPI document (Ajv, in the client) and against the shared zod schema
 * of the route (the app's own parser).
 */
describe('sandbox: every route', () => {
  let fx: SandboxFixture;
  let client: ContractClient;
  const covered = new Set<WireRouteKey>();

  async function call<T = { status: string; data: never }>(key: WireRouteKey, options: { params?: Record<string, string>; query?: string; body?: unknown; headers?: Record<string, string> } = {}) {
    const route = WIRE_ROUTES[key];
    const path = `${fillPath(route.path, options.params)}${options.query ?? ''}`;
    const result = await client.call<T>(route.method, path, { body: options.body, headers: options.headers });
    expect(result.status, `${key}: ${result.text}`).toBe(route.status);
    const schema = successBodySchema(key);
    if (schema) expect(schema.safeParse(result.body).success, `${key} parses with the shared schema`).toBe(true);
    covered.add(key);
    return result;
  }

  beforeAll(async () => {
    fx = await openSandbox();
    client = await fx.signedIn(BORNEO);
    covered.add('oauthToken');
  });
  afterAll(async () => {
    await fx.close();
  });

  it('health, directory and catalogs', async () => {
    expect((await call('health')).body).toEqual({ status: 'success', data: { ok: true } });
    const divisions = await call<{ data: { id: string }[] }>('listDivisions');
    expect(divisions.body.data.map((d) => d.id)).toEqual(['div-sales', 'div-support', 'div-billing']);
    const agents = await call<{ data: { role: string; online: boolean }[] }>('listUsers', { query: '?role=agent' });
    expect(agents.body.data.length).toBe(4);
    expect(agents.body.data.every((u) => u.role === 'agent')).toBe(true);
    expect(agents.body.data.some((u) => u.online) && agents.body.data.some((u) => !u.online)).toBe(true);
    const everyone = await call<{ data: unknown[] }>('listUsers');
    expect(everyone.body.data.length).toBe(6);
    expect((await call('getCrmConnection')).body).toEqual({ status: 'success', data: { connected: true } });
    const pipelines = await call<{ data: { id: string; stages: { id: string; pipelineId: string }[] }[] }>('listPipelines');
    expect(pipelines.body.data[0]!.stages.map((s) => s.id)).toEqual(['st-new', 'st-qualified', 'st-proposal', 'st-won', 'st-lost']);
    expect((await call<{ data: unknown[] }>('listOwners')).body.data.length).toBe(3);
    expect((await call<{ data: unknown[] }>('listSources')).body.data.length).toBe(4);
    expect((await call<{ data: unknown[] }>('listBotResponses')).body.data.length).toBe(4);
  });

  it('AI response and idle action: read, replace with If-Match, new version', async () => {
    const ai = await call<{ data: { version: string } }>('getAiResponse');
    expect(ai.headers.etag).toBe(formatEtag(ai.body.data.version));
    const nextAi = { threshold: 5, onThreshold: 'specific_agent', divisionId: null, agentId: 'agent-ayu', handoverMessage: 'One moment please.' };
    const putAi = await call<{ data: { version: string; value: unknown } }>('putAiResponse', { body: nextAi, headers: { 'If-Match': ai.headers.etag! } });
    expect(putAi.body.data.value).toEqual(nextAi);
    expect(putAi.body.data.version).not.toBe(ai.body.data.version);
    expect(putAi.headers.etag).toBe(formatEtag(putAi.body.data.version));

    const idle = await call<{ data: { version: string } }>('getIdleAction');
    const nextIdle = { action: 'assign_conversation', idleHours: 1, idleMinutes: 30, assignTo: 'division', divisionId: 'div-support', agentId: null, closingMessage: 'We will pass you on.' };
    const putIdle = await call<{ data: { value: unknown } }>('putIdleAction', { body: nextIdle, headers: { 'If-Match': formatEtag(idle.body.data.version) } });
    expect(putIdle.body.data.value).toEqual(nextIdle);

    const state = await fx.admin.state(BORNEO.username);
    expect(state.aiResponse.value).toEqual(nextAi);
    expect(state.idleAction.value).toEqual(nextIdle);
  });

  it('API connections: create, list, get, replace, delete — secrets included', async () => {
    const connection = {
      name: 'Qontak CRM',
      description: 'Deals and contacts',
      code: 'QONTAK_CRM',
      baseUrl: 'https://app.qontak.com/api/v3.1',
      settings: { owner_email: 'sandbox@qontak.com' },
      headers: { apikey: 'test-key' },
      token: { token_type: 'bearer', access_token: 'at', expires_in: 3600, refresh_token: 'rt', created_at: 1_700_000_000 },
    };
    const created = await call<{ data: { id: string; version: string; value: unknown } }>('createApiConnection', {
      body: connection,
      headers: { 'Idempotency-Key': 'routes-test:1' },
    });
    const id = created.body.data.id;
    expect(created.body.data.value).toEqual(connection);
    expect(created.headers.location).toBe(`/api/open/v1/chatbot/settings/api-connections/${id}`);
    expect(created.headers['idempotent-replayed']).toBeUndefined();

    const listed = await call<{ data: { id: string }[] }>('listApiConnections');
    expect(listed.body.data.map((c) => c.id)).toEqual([id]);
    const got = await call<{ data: { value: unknown } }>('getApiConnection', { params: { id } });
    expect(got.body.data.value).toEqual(connection);

    const changed = { ...connection, description: 'Deals, contacts and notes', headers: null };
    const put = await call<{ data: { version: string; value: unknown } }>('putApiConnection', {
      params: { id },
      body: changed,
      headers: { 'If-Match': created.headers.etag! },
    });
    expect(put.body.data.value).toEqual(changed);

    const deleted = await call('deleteApiConnection', { params: { id }, headers: { 'If-Match': put.headers.etag! } });
    expect(deleted.text).toBe('');
    expect((await fx.admin.state(BORNEO.username)).apiConnections).toEqual([]);
  });

  it('deal settings: create, list, get, replace, delete', async () => {
    const setting = {
      botResponseId: 'br-pricing',
      enabled: true,
      pipelineId: 'pl-partner',
      stageId: 'st-partner-lead',
      dealName: 'Pricing question',
      ownerId: 'owner-dewi',
      sourceId: 'src-whatsapp',
      customerContactAssociation: false,
    };
    const created = await call<{ data: { id: string; value: unknown } }>('createDealSetting', { body: setting, headers: { 'Idempotency-Key': 'routes-test:2' } });
    const id = created.body.data.id;
    expect((await call<{ data: { id: string }[] }>('listDealSettings')).body.data.map((d) => d.id)).toEqual([id]);
    expect((await call<{ data: { value: unknown } }>('getDealSetting', { params: { id } })).body.data.value).toEqual(setting);
    const disabled = { ...setting, enabled: false, stageId: null, dealName: '' };
    const put = await call<{ data: { value: unknown } }>('putDealSetting', { params: { id }, body: disabled, headers: { 'If-Match': created.headers.etag! } });
    expect(put.body.data.value).toEqual(disabled);
    await call('deleteDealSetting', { params: { id }, headers: { 'If-Match': put.headers.etag! } });
    expect((await fx.admin.state(BORNEO.username)).dealSettings).toEqual([]);
  });

  it('a demo tenant starts with an API connection and a deal setting', async () => {
    const acme = await fx.signedIn(ACME);
    const connections = await acme.call<{ data: { value: { code: string } }[] }>('GET', '/chatbot/settings/api-connections');
    expect(connections.body.data.map((c) => c.value.code)).toEqual(['JURNAL API']);
    const deals = await acme.call<{ data: { value: { botResponseId: string } }[] }>('GET', '/crm/deal-settings');
    expect(deals.body.data.map((d) => d.value.botResponseId)).toEqual(['br-demo']);
    expect(acme.violations).toEqual([]);
  });

  it('covered every route, and every answer conformed to the document', () => {
    expect(WIRE_ROUTE_KEYS.filter((key) => !covered.has(key))).toEqual([]);
    expect(client.violations).toEqual([]);
  });
});
