import { describe, expect, it } from 'vitest';
import { fetchQontakCatalogs } from '../../../electron/core/backends/qontak/qontak-catalogs';
import { demoUuid, DEMO_OWNERS, DEMO_SOURCES } from '../../sandbox/qontak/demo-qontak';
import { ACME_HMAC, BORNEO_HMAC, CENDANA_HMAC, qontakFailure as failure, useQontakSandbox, withHtmlServer } from '../../support/sandbox/qontak-fixture';

const q = useQontakSandbox();

describe('Qontak catalogs from the sandbox', () => {
  it('signs every request and reads every page of divisions and agents, and the CRM catalog', async () => {
    const before = q.fixture.sandbox.qontak.counts(ACME_HMAC.clientId).requests;
    const { catalog, crm, actingSsoId } = await fetchQontakCatalogs(q.client(ACME_HMAC));

    expect(catalog.divisions.map((d) => d.name)).toEqual(['Sales', 'Customer Support', 'Billing']);
    expect(catalog.divisions[0]!.id).toBe(demoUuid('division:sales'));
    // 12 agents over pages of 5; the supervisor and the admin are not agents.
    expect(catalog.agents).toHaveLength(12);
    expect(new Set(catalog.agents.map((a) => a.id)).size).toBe(12);
    expect(catalog.agents.map((a) => a.name)).not.toContain('Eko Prasetyo');
    const citra = catalog.agents.find((a) => a.name === 'Citra Dewanti')!;
    expect(citra).toEqual({ id: demoUuid('user:citra'), name: 'Citra Dewanti', email: 'citra@example.test', online: true, divisionIds: [demoUuid('division:support'), demoUuid('division:billing')] });

    expect(crm).not.toBe('not_connected');
    if (crm === 'not_connected') return;
    expect(crm.connected).toBe(true);
    expect(crm.pipelines.map((p) => [p.id, p.name, p.stages.map((s) => s.name)])).toEqual([
      ['101', 'Sales pipeline', ['New', 'Qualified', 'Proposal', 'Won', 'Lost']],
      ['102', 'Partnerships', ['Lead', 'Negotiation', 'Signed']],
    ]);
    expect(crm.pipelines[1]!.stages[0]).toEqual({ id: '1011', name: 'Lead', pipelineId: '102' });
    expect(crm.owners).toEqual(DEMO_OWNERS.map((o) => ({ id: String(o.id), name: o.name, email: o.email })));
    expect(crm.sources).toEqual(DEMO_SOURCES.map((s) => ({ id: String(s.id), name: s.name })));
    expect(crm.botResponses).toEqual([]);
    expect(actingSsoId).toBe(demoUuid('sso:ayu'));
    // divisions 1 page, agents 3 pages, pipelines, 2 × stages, deal form
    expect(q.fixture.sandbox.qontak.counts(ACME_HMAC.clientId).requests - before).toBe(8);
  });

  it('says "not connected" for a company without CRM, with its chat catalog', async () => {
    const result = await fetchQontakCatalogs(q.client(CENDANA_HMAC));
    expect(result.crm).toBe('not_connected');
    expect(result.catalog.divisions).toHaveLength(3);
  });

  it('refuses a wrong secret, a client id of another tenant and an unknown client id: credentials refused, secret never quoted', async () => {
    for (const credentials of [
      { clientId: ACME_HMAC.clientId, clientSecret: 'not-the-secret' },
      { clientId: ACME_HMAC.clientId, clientSecret: BORNEO_HMAC.clientSecret },
      { clientId: 'qontak-unknown-client', clientSecret: ACME_HMAC.clientSecret },
    ]) {
      const error = await failure(fetchQontakCatalogs(q.client(credentials)));
      expect(error.reason).toBe('credentials_refused');
      expect(error.code).toBe('SIGN_IN_FAILED');
      expect(error.status).toBe(401);
      expect(error.message).toMatch(/refused the Client ID and Client secret/);
      expect(error.message).not.toContain(credentials.clientSecret);
    }
  });

  it('names a division without a name, and returns nothing', async () => {
    const tenant = q.fixture.sandbox.qontak.tenant(BORNEO_HMAC.clientId);
    const division = tenant.catalog.divisions[1]!;
    const name = division.name;
    delete division.name;
    try {
      const error = await failure(fetchQontakCatalogs(q.client(BORNEO_HMAC)));
      expect(error.reason).toBe('catalog_invalid');
      expect(error.platformCode).toBe('entry_without_name');
      expect(error.message).toContain(`division with id ${division.id} has no name`);
      expect(error.message).toContain('Nothing was saved');
    } finally {
      division.name = name;
    }
  });

  it('names a stage whose pipeline the CRM does not list', async () => {
    const tenant = q.fixture.sandbox.qontak.tenant(BORNEO_HMAC.clientId);
    const stage = tenant.catalog.pipelines[0]!.stages[3]!;
    stage.pipeline_id = 999;
    try {
      const error = await failure(fetchQontakCatalogs(q.client(BORNEO_HMAC)));
      expect(error.reason).toBe('catalog_invalid');
      expect(error.platformCode).toBe('stage_pipeline_unknown');
      expect(error.message).toContain('stage “Won” (id 1004) under pipeline “Sales pipeline”');
      expect(error.message).toContain('pipeline 999, which the CRM does not list');
    } finally {
      stage.pipeline_id = 101;
    }
  });

  it('stops at a page that repeats, and at pages that never end', async () => {
    const tenant = q.fixture.sandbox.qontak.tenant(BORNEO_HMAC.clientId);
    tenant.repeatPages = true;
    try {
      const error = await failure(fetchQontakCatalogs(q.client(BORNEO_HMAC)));
      expect(error.reason).toBe('pagination_runaway');
      expect(error.message).toMatch(/Page 2 of the agents repeats entries of an earlier page/);
    } finally {
      tenant.repeatPages = false;
    }
    const endless = await failure(fetchQontakCatalogs(q.client(BORNEO_HMAC, { pageSize: 2, maxPages: 4 })));
    expect(endless.reason).toBe('pagination_runaway');
    expect(endless.message).toMatch(/agents go on for more than 4 pages of 2/);
  });

  it('turns away a base URL that answers HTML', async () => {
    await withHtmlServer(200, '<!doctype html><html><body>Welcome</body></html>', async (origin) => {
      const error = await failure(fetchQontakCatalogs(q.client(ACME_HMAC, { baseUrl: origin })));
      expect(error.reason).toBe('not_mekari_api');
      expect(error.message).toMatch(/web page \(HTML\): this is not the Mekari API/);
    });
  });
});

describe('a tenant\'s Qontak backend', () => {
  it('signs in by a probe, pulls the catalogs, and shares one pacer per credential', async () => {
    const { createQontakBackend } = await import('../../../electron/core/backends/qontak/qontak-backend');
    const { PacerRegistry } = await import('../../../electron/core/backends/qontak/request-pacer');
    const pacers = new PacerRegistry();
    const rate = { requestsPerMinute: 60_000, burst: 50 };
    const options = { baseUrl: q.fixture.sandbox.origin, credentials: ACME_HMAC, network: q.network, pacers, rate };
    const backend = createQontakBackend(options);
    expect(backend.settingsBaseUrl).toBe(`${q.fixture.sandbox.origin}/qontak/chatbot-settings/v1`);
    expect((await backend.signIn()).publishing).toBe('backend');
    expect((await backend.pullCatalogs()).catalog.agents).toHaveLength(12);
    expect(createQontakBackend(options).client.pacer).toBe(backend.client.pacer);
    expect(backend.timeLeftMs(0)).toBe(0);

    const refused = createQontakBackend({ ...options, credentials: { clientId: ACME_HMAC.clientId, clientSecret: 'wrong-secret' } });
    await expect(refused.signIn()).rejects.toMatchObject({ reason: 'credentials_refused', code: 'SIGN_IN_FAILED' });
  });
});
