import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wirePipelineListSchema } from '../../../shared/wire/crm';
import { ACME, CENDANA, openSandbox, type SandboxFixture } from '../../support/sandbox/sandbox-fixture';

const disabledSetting = { botResponseId: 'br-order', enabled: false, pipelineId: null, stageId: null, dealName: '', ownerId: null, sourceId: null, customerContactAssociation: false };

describe('sandbox: the tenant whose CRM is not connected', () => {
  let fx: SandboxFixture;
  beforeAll(async () => {
    fx = await openSandbox();
  });
  afterAll(() => fx.close());

  it('says so, refuses CRM lists and deal settings with 409 crm_not_connected, and still lists bot responses', async () => {
    const client = await fx.signedIn(CENDANA);
    expect((await client.call('GET', '/crm/connection')).body).toEqual({ status: 'success', data: { connected: false } });
    for (const path of ['/crm/pipelines', '/crm/owners', '/crm/sources', '/crm/deal-settings', '/crm/deal-settings/any-id']) {
      const result = await client.call('GET', path);
      expect(result.status, path).toBe(409);
      expect(result.body).toMatchObject({ error: { code: 'crm_not_connected' } });
    }
    const create = await client.call('POST', '/crm/deal-settings', { body: disabledSetting, headers: { 'Idempotency-Key': 'nocrm:1' } });
    expect(create.status).toBe(409);
    expect((await client.call('PUT', '/crm/deal-settings/x', { body: disabledSetting, headers: { 'If-Match': '"1"' } })).status).toBe(409);
    expect((await client.call('DELETE', '/crm/deal-settings/x', { headers: { 'If-Match': '"1"' } })).status).toBe(409);
    expect((await client.call<{ data: unknown[] }>('GET', '/chatbot/bot-responses')).body.data.length).toBe(4);
    // The rest of the chatbot settings work as usual.
    expect((await client.call('GET', '/chatbot/settings/ai-response')).status).toBe(200);
    expect((await fx.admin.state(CENDANA.username)).dealSettings).toEqual([]);
    expect(client.violations).toEqual([]);
  });

  it('works once the CRM is connected (admin edit)', async () => {
    await fx.admin.editCatalog(CENDANA.username, { connected: true });
    const client = await fx.signedIn(CENDANA);
    expect((await client.call('GET', '/crm/connection')).body).toEqual({ status: 'success', data: { connected: true } });
    expect((await client.call('POST', '/crm/deal-settings', { body: disabledSetting, headers: { 'Idempotency-Key': 'nocrm:2' } })).status).toBe(201);
    expect(client.violations).toEqual([]);
  });
});

describe('sandbox: editing the catalog (admin)', () => {
  let fx: SandboxFixture;
  beforeAll(async () => {
    fx = await openSandbox();
  });
  afterAll(() => fx.close());

  it('removing a stage drops it from the pipeline list; the stored deal setting stays, but cannot be saved with it', async () => {
    const client = await fx.signedIn(ACME);
    const [deal] = (await fx.admin.state(ACME.username)).dealSettings;
    expect(deal?.value.stageId).toBe('st-qualified');
    await fx.admin.removeCatalogEntry(ACME.username, 'stages', 'st-qualified');
    const pipelines = await client.call<{ data: { id: string; stages: { id: string }[] }[] }>('GET', '/crm/pipelines');
    expect(pipelines.body.data.find((p) => p.id === 'pl-sales')!.stages.map((s) => s.id)).toEqual(['st-new', 'st-proposal', 'st-won', 'st-lost']);
    // The backend keeps what was stored; a new write naming the stage is refused.
    expect((await fx.admin.state(ACME.username)).dealSettings).toEqual([deal]);
    const put = await client.call('PUT', `/crm/deal-settings/${deal!.id}`, { body: deal!.value, headers: { 'If-Match': `"${deal!.version}"` } });
    expect(put.status).toBe(400);
    expect(put.body).toMatchObject({ error: { code: 'validation_failed', details: { issues: [{ path: ['stageId'], message: 'ref.stage.unknown {"id":"st-qualified"}' }] } } });
    expect(client.violations).toEqual([]);
  });

  it('removes other entries, replaces lists, and refuses a catalog whose stage names a missing pipeline', async () => {
    await fx.admin.removeCatalogEntry(ACME.username, 'bot-responses', 'br-complaint');
    await fx.admin.removeCatalogEntry(ACME.username, 'users', 'agent-budi');
    await expect(fx.admin.removeCatalogEntry(ACME.username, 'owners', 'nobody')).rejects.toThrow(/404/);
    await fx.admin.editCatalog(ACME.username, { sources: [{ id: 'src-email', name: 'Email' }] });
    const state = await fx.admin.state(ACME.username);
    expect((state.catalog.botResponses as { id: string }[]).map((b) => b.id)).not.toContain('br-complaint');
    expect((state.catalog.users as { id: string }[]).map((u) => u.id)).not.toContain('agent-budi');
    expect(state.catalog.sources).toEqual([{ id: 'src-email', name: 'Email' }]);

    const broken = [{ id: 'pl-a', name: 'A', stages: [{ id: 'st-a', name: 'Stage A', pipelineId: 'pl-gone' }] }];
    expect(wirePipelineListSchema.safeParse(broken).success).toBe(false);
    await expect(fx.admin.editCatalog(ACME.username, { pipelines: broken })).rejects.toThrow(/400/);
    expect((await fx.admin.state(ACME.username)).catalog.pipelines).toEqual(state.catalog.pipelines);
  });
});
