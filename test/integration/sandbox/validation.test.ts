import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractClient } from '../../sandbox/contract-client';
import type { TenantState } from '../../sandbox/admin-client';
import { ACME, openSandbox, type SandboxFixture } from '../../support/sandbox/sandbox-fixture';

/**
 * Server-side validation with the same shared schemas: a bad body is answered 400 (or 409 for a
 * uniqueness rule) with field issues in validation keys, and the stored state does not change.
 */
type Issue = { path: (string | number)[]; message: string };
type ErrorBody = { status: 'error'; error: { code: string; message: string; details?: { issues?: Issue[] } } };

const dealSetting = {
  botResponseId: 'br-pricing',
  enabled: true,
  pipelineId: 'pl-sales',
  stageId: 'st-new',
  dealName: 'Pricing',
  ownerId: 'owner-ayu',
  sourceId: 'src-chatbot',
  customerContactAssociation: false,
};

describe('sandbox: validation', () => {
  let fx: SandboxFixture;
  let client: ContractClient;
  let before: TenantState;
  let key = 0;
  const post = (path: string, body: unknown) => client.unchecked<ErrorBody>('POST', path, { body, headers: { 'Idempotency-Key': `validation:${++key}` } });
  const issueKeys = (body: ErrorBody) => (body.error.details?.issues ?? []).map((i) => `${i.path.join('.')}=${i.message.split(' ')[0]}`);

  beforeAll(async () => {
    fx = await openSandbox();
    client = await fx.signedIn(ACME);
    before = await fx.admin.state(ACME.username);
  });
  afterAll(async () => {
    // Nothing that was refused left a trace.
    const after = await fx.admin.state(ACME.username);
    expect({ ...after, idempotencyKeys: 0 }).toEqual({ ...before, idempotencyKeys: 0 });
    expect(after.idempotencyKeys).toBe(before.idempotencyKeys);
    expect(client.violations).toEqual([]);
    await fx.close();
  });

  it('AI response and idle action: rule breaks and unknown references', async () => {
    const etag = (await client.call('GET', '/chatbot/settings/ai-response')).headers.etag!;
    const ai = await client.unchecked<ErrorBody>('PUT', '/chatbot/settings/ai-response', {
      body: { threshold: 0, onThreshold: 'specific_division', divisionId: null, agentId: null, handoverMessage: '' },
      headers: { 'If-Match': etag },
    });
    expect(ai.status).toBe(400);
    expect(ai.body.error.code).toBe('validation_failed');
    expect(issueKeys(ai.body)).toEqual(['threshold=aiResponse.threshold.range', 'divisionId=aiResponse.division.required']);
    expect(ai.body.error.message).toMatch(/Threshold must be a whole number from 1 to 100/);

    const unknownAgent = await client.unchecked<ErrorBody>('PUT', '/chatbot/settings/ai-response', {
      body: { threshold: 3, onThreshold: 'specific_agent', divisionId: null, agentId: 'agent-nobody', handoverMessage: '' },
      headers: { 'If-Match': etag },
    });
    expect(unknownAgent.status).toBe(400);
    expect(issueKeys(unknownAgent.body)).toEqual(['agentId=ref.agent.unknown']);
    // A supervisor is a user but not an agent.
    const supervisor = await client.unchecked<ErrorBody>('PUT', '/chatbot/settings/ai-response', {
      body: { threshold: 3, onThreshold: 'specific_agent', divisionId: null, agentId: 'supervisor-eko', handoverMessage: '' },
      headers: { 'If-Match': etag },
    });
    expect(supervisor.status).toBe(400);

    const idleEtag = (await client.call('GET', '/chatbot/settings/idle-action')).headers.etag!;
    const idle = await client.unchecked<ErrorBody>('PUT', '/chatbot/settings/idle-action', {
      body: { action: 'resolve_conversation', idleHours: 0, idleMinutes: 0, assignTo: 'auto', divisionId: null, agentId: null, closingMessage: '' },
      headers: { 'If-Match': idleEtag },
    });
    expect(idle.status).toBe(400);
    expect(issueKeys(idle.body)).toEqual(['idleHours=idleAction.idleTime.zero', 'closingMessage=idleAction.closingMessage.required']);
  });

  it('API connections: bad fields, unknown keys, and a duplicate code (409)', async () => {
    const bad = await post('/chatbot/settings/api-connections', {
      name: ' ',
      description: 'x',
      code: '#bad',
      baseUrl: 'http://api.example.test',
      settings: [],
      headers: { Host: 'x' },
      token: { token_type: 'bearer' },
      extra: true,
    });
    expect(bad.status).toBe(400);
    const keys = issueKeys(bad.body).join(' ');
    for (const expected of ['name=apiConnection.name.required', 'code=apiConnection.code.charset', 'baseUrl=apiConnection.baseUrl.insecure', 'settings=apiConnection.settings.notObject']) {
      expect(keys).toContain(expected);
    }
    const duplicate = await post('/chatbot/settings/api-connections', {
      name: 'Other',
      description: 'Same code, other case',
      code: 'jurnal api',
      baseUrl: 'https://api.example.test',
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.code).toBe('conflict');
    expect(issueKeys(duplicate.body)).toEqual(['code=apiConnection.code.duplicate']);
  });

  it('deal settings: missing fields when enabled, bounds, references, stage of another pipeline, one per bot response', async () => {
    const incomplete = await post('/crm/deal-settings', { ...dealSetting, pipelineId: null, stageId: null, dealName: '   ', ownerId: null, sourceId: null });
    expect(incomplete.status).toBe(400);
    expect(issueKeys(incomplete.body)).toEqual([
      'pipelineId=dealSetting.pipeline.required',
      'stageId=dealSetting.stage.required',
      'dealName=dealSetting.dealName.required',
      'ownerId=dealSetting.owner.required',
      'sourceId=dealSetting.source.required',
    ]);
    const tooLong = await post('/crm/deal-settings', { ...dealSetting, enabled: false, dealName: 'x'.repeat(256) });
    expect(issueKeys(tooLong.body)).toEqual(['dealName=dealSetting.dealName.tooLong']);

    const unknown = await post('/crm/deal-settings', { ...dealSetting, botResponseId: 'br-x', pipelineId: 'pl-x', stageId: 'st-x', ownerId: 'ow-x', sourceId: 'src-x' });
    expect(issueKeys(unknown.body)).toEqual([
      'botResponseId=ref.botResponse.unknown',
      'pipelineId=ref.pipeline.unknown',
      'stageId=ref.stage.unknown',
      'ownerId=ref.owner.unknown',
      'sourceId=ref.source.unknown',
    ]);
    const otherPipeline = await post('/crm/deal-settings', { ...dealSetting, stageId: 'st-partner-lead' });
    expect(otherPipeline.status).toBe(400);
    expect(otherPipeline.body.error.details?.issues).toEqual([
      { path: ['stageId'], message: 'ref.stage.wrongPipeline {"name":"Lead","pipeline":"Sales pipeline"}' },
    ]);
    expect(otherPipeline.body.error.message).toMatch(/Stage “Lead” does not belong to pipeline “Sales pipeline”/);

    const second = await post('/crm/deal-settings', { ...dealSetting, botResponseId: 'br-demo' });
    expect(second.status).toBe(409);
    expect(issueKeys(second.body)).toEqual(['botResponseId=dealSetting.botResponse.duplicate']);
  });

  it('malformed requests: not JSON, wrong media type, empty body, too large, unknown route or method', async () => {
    const etag = (await client.call('GET', '/chatbot/settings/ai-response')).headers.etag!;
    const notJson = await client.unchecked<ErrorBody>('PUT', '/chatbot/settings/ai-response', { rawBody: '{"threshold":', contentType: 'application/json', headers: { 'If-Match': etag } });
    expect([notJson.status, notJson.body.error.code]).toEqual([400, 'invalid_request']);
    const text = await client.unchecked<ErrorBody>('PUT', '/chatbot/settings/ai-response', { rawBody: 'threshold=3', contentType: 'text/plain', headers: { 'If-Match': etag } });
    expect([text.status, text.body.error.code]).toEqual([415, 'unsupported_media_type']);
    const empty = await client.unchecked<ErrorBody>('PUT', '/chatbot/settings/ai-response', { rawBody: '', contentType: 'application/json', headers: { 'If-Match': etag } });
    expect([empty.status, empty.body.error.code]).toEqual([400, 'invalid_request']);
    const huge = await client.unchecked<ErrorBody>('POST', '/chatbot/settings/api-connections', {
      rawBody: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }),
      contentType: 'application/json',
      headers: { 'Idempotency-Key': 'huge' },
    });
    expect([huge.status, huge.body.error.code]).toEqual([413, 'payload_too_large']);
    const badKey = await client.unchecked<ErrorBody>('POST', '/crm/deal-settings', { body: dealSetting, headers: { 'Idempotency-Key': 'has space' } });
    expect([badKey.status, badKey.body.error.code]).toEqual([400, 'invalid_request']);
    const badRole = await client.unchecked<ErrorBody>('GET', '/users?role=robot');
    expect([badRole.status, badRole.body.error.code]).toEqual([400, 'invalid_request']);

    // Outside the document: checked by hand, not by the contract client.
    const nowhere = await fetch(`${fx.sandbox.baseUrl}/nowhere`, { headers: { Authorization: `Bearer ${client.token}` } });
    expect(nowhere.status).toBe(404);
    expect(await nowhere.json()).toMatchObject({ status: 'error', error: { code: 'not_found' } });
    const wrongMethod = await fetch(`${fx.sandbox.baseUrl}/divisions`, { method: 'DELETE', headers: { Authorization: `Bearer ${client.token}` } });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET');
    const outsideBase = await fetch(`${fx.sandbox.origin}/index.html`);
    expect(outsideBase.status).toBe(404);
  });
});
