import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatEtag } from '../../../shared/wire/http';
import type { ContractClient } from '../../sandbox/contract-client';
import { BORNEO, openSandbox, type SandboxFixture } from '../../support/sandbox/sandbox-fixture';

/** PUT and DELETE carry If-Match: 428 without it, 412 with a stale version, and nothing changes. */
describe('sandbox: If-Match preconditions', () => {
  let fx: SandboxFixture;
  let client: ContractClient;
  const aiValue = { threshold: 7, onThreshold: 'any_available_agent', divisionId: null, agentId: null, handoverMessage: '' };

  beforeAll(async () => {
    fx = await openSandbox();
    client = await fx.signedIn(BORNEO);
  });
  afterAll(() => fx.close());

  it('answers 428 without If-Match and 400 for a malformed one', async () => {
    const before = await fx.admin.state(BORNEO.username);
    const missing = await client.unchecked('PUT', '/chatbot/settings/ai-response', { body: aiValue });
    expect(missing.status).toBe(428);
    expect(missing.body).toMatchObject({ error: { code: 'precondition_required' } });
    for (const bad of ['3', 'W/"3"', '"a b"', '']) {
      const malformed = await client.unchecked('PUT', '/chatbot/settings/ai-response', { body: aiValue, headers: { 'If-Match': bad } });
      expect(malformed.status, bad).toBe(400);
      expect(malformed.body).toMatchObject({ error: { code: 'invalid_request' } });
    }
    expect((await fx.admin.state(BORNEO.username)).aiResponse).toEqual(before.aiResponse);
    expect(client.violations).toEqual([]);
  });

  it('answers 412 with the current version for a stale ETag; the current one then succeeds', async () => {
    const current = await client.call<{ data: { version: string } }>('GET', '/chatbot/settings/ai-response');
    const first = await client.call<{ data: { version: string } }>('PUT', '/chatbot/settings/ai-response', { body: aiValue, headers: { 'If-Match': current.headers.etag! } });
    expect(first.status).toBe(200);
    // Someone else's write made `current` stale.
    const stale = await client.call('PUT', '/chatbot/settings/ai-response', { body: { ...aiValue, threshold: 8 }, headers: { 'If-Match': current.headers.etag! } });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ error: { code: 'version_mismatch', details: { currentVersion: first.body.data.version } } });
    expect(stale.headers.etag).toBe(formatEtag(first.body.data.version));
    expect((await fx.admin.state(BORNEO.username)).aiResponse.value).toEqual(aiValue);
    // A list of tags matches when one of them is current, and * matches whatever is there.
    const listed = await client.call('PUT', '/chatbot/settings/ai-response', {
      body: { ...aiValue, threshold: 9 },
      headers: { 'If-Match': `${current.headers.etag!}, ${stale.headers.etag!}` },
    });
    expect(listed.status).toBe(200);
    const star = await client.call('PUT', '/chatbot/settings/ai-response', { body: { ...aiValue, threshold: 11 }, headers: { 'If-Match': '*' } });
    expect(star.status).toBe(200);
    expect(client.violations).toEqual([]);
  });

  it('guards collection items: stale PUT and DELETE get 412 and change nothing; unknown ids 404', async () => {
    const created = await client.call<{ data: { id: string } }>('POST', '/crm/deal-settings', {
      body: { botResponseId: 'br-order', enabled: false, pipelineId: null, stageId: null, dealName: '', ownerId: null, sourceId: null, customerContactAssociation: false },
      headers: { 'Idempotency-Key': 'pre:1' },
    });
    const id = created.body.data.id;
    const v1 = created.headers.etag!;
    const updated = await client.call('PUT', `/crm/deal-settings/${id}`, {
      body: { botResponseId: 'br-order', enabled: false, pipelineId: 'pl-sales', stageId: null, dealName: 'x', ownerId: null, sourceId: null, customerContactAssociation: true },
      headers: { 'If-Match': v1 },
    });
    expect(updated.status).toBe(200);
    const before = await fx.admin.state(BORNEO.username);
    const stalePut = await client.call('PUT', `/crm/deal-settings/${id}`, {
      body: { botResponseId: 'br-order', enabled: false, pipelineId: null, stageId: null, dealName: 'old', ownerId: null, sourceId: null, customerContactAssociation: false },
      headers: { 'If-Match': v1 },
    });
    expect(stalePut.status).toBe(412);
    const staleDelete = await client.call('DELETE', `/crm/deal-settings/${id}`, { headers: { 'If-Match': v1 } });
    expect(staleDelete.status).toBe(412);
    expect(staleDelete.headers.etag).toBe(updated.headers.etag);
    expect((await fx.admin.state(BORNEO.username)).dealSettings).toEqual(before.dealSettings);
    const missingDelete = await client.call('DELETE', '/crm/deal-settings/no-such-id', { headers: { 'If-Match': '"1"' } });
    expect(missingDelete.status).toBe(404);
    const missingGet = await client.call('GET', '/chatbot/settings/api-connections/no-such-id');
    expect(missingGet.status).toBe(404);
    expect(missingGet.body).toMatchObject({ error: { code: 'not_found' } });
    expect(client.violations).toEqual([]);
  });
});
