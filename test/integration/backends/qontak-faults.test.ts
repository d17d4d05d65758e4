import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { qontakDivisionSchema } from '../../../shared/wire/qontak/chat';
import { fetchQontakCatalogs } from '../../../electron/core/backends/qontak/qontak-catalogs';
import { probeQontakCapabilities } from '../../../electron/core/backends/qontak/capability-probe';
import { QONTAK_PATHS, QONTAK_SETTINGS_API_PREFIX } from '../../../shared/wire/qontak/routes';
import { QontakSandboxAdmin } from '../../sandbox/qontak/qontak-admin-client';
import { ADMIN_SECRET } from '../../support/sandbox/sandbox-fixture';
import { ACME_HMAC, BORNEO_HMAC, CENDANA_HMAC, qontakFailure as failure, useQontakSandbox, withHtmlServer } from '../../support/sandbox/qontak-fixture';

const q = useQontakSandbox();

describe('Qontak faults against the sandbox', () => {
  it('waits out 429 Retry-After and goes on; a storm that outlasts the retries stops, bounded', async () => {
    const tenant = q.fixture.sandbox.qontak.tenant(CENDANA_HMAC.clientId);
    const client = q.client(CENDANA_HMAC);
    tenant.forced429 = { remaining: 2, retryAfterSeconds: 1 };
    const started = Date.now();
    const divisions = await client.listAll(QONTAK_PATHS.divisions, qontakDivisionSchema, { label: 'divisions' });
    expect(divisions).toHaveLength(3);
    // Two Retry-After: 1 honoured (a lower bound: the client waited at least that long).
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);

    const limitedBefore = q.fixture.sandbox.qontak.counts(CENDANA_HMAC.clientId).rateLimited;
    tenant.forced429 = { remaining: 1_000, retryAfterSeconds: 0 };
    try {
      const error = await failure(fetchQontakCatalogs(client));
      expect(error.reason).toBe('rate_limited');
      expect(error.code).toBe('BACKEND_UNREACHABLE');
      expect(error.message).toMatch(/429 Too Many Requests\) after 3 tries/);
      expect(q.fixture.sandbox.qontak.counts(CENDANA_HMAC.clientId).rateLimited - limitedBefore).toBe(3);
    } finally {
      tenant.forced429 = { remaining: 0, retryAfterSeconds: 1 };
    }
  });

  it('does not wait for a Retry-After longer than it accepts (the per-credential limit of the sandbox)', async () => {
    const tenant = q.fixture.sandbox.qontak.add({ clientId: 'qontak-limited', clientSecret: 'limited-secret-1', username: 'admin@borneo-travel.test', ratePerMinute: 2 });
    const client = q.client(tenant);
    await client.getJson(QONTAK_PATHS.divisions, z.unknown());
    await client.getJson(QONTAK_PATHS.divisions, z.unknown());
    const error = await failure(client.getJson(QONTAK_PATHS.divisions, z.unknown()));
    expect(error.reason).toBe('rate_limited');
    expect(error.message).toMatch(/asks to wait (59|60) s/);
    expect(q.fixture.sandbox.qontak.counts('qontak-limited')).toEqual({ requests: 2, rateLimited: 1 });
  });

  it("says that the computer's clock is wrong when a 401 comes with a server Date minutes away", async () => {
    const ahead = await failure(fetchQontakCatalogs(q.client(ACME_HMAC, { now: () => Date.now() + 10 * 60_000 })));
    expect(ahead.reason).toBe('clock_skew');
    expect(ahead.code).toBe('SIGN_IN_FAILED');
    expect(ahead.message).toMatch(/your computer's clock is wrong: it is 10 minutes ahead of the server's/);
    const behind = await failure(fetchQontakCatalogs(q.client(ACME_HMAC, { now: () => Date.now() - 7 * 60_000 })));
    expect(behind.message).toMatch(/7 minutes behind/);
    // Within the server's tolerance a slightly wrong clock still works.
    const fine = await fetchQontakCatalogs(q.client(ACME_HMAC, { now: () => Date.now() + 3 * 60_000 }));
    expect(fine.catalog.agents).toHaveLength(12);
  });

  it('finds out what each backend offers, and sees the settings routes disappear between two probes', async () => {
    const acme = q.client(ACME_HMAC);
    const stateBefore = await q.fixture.admin.state<{ aiResponse: unknown }>(ACME_HMAC.username);
    const first = await probeQontakCapabilities(acme);
    expect(first).toMatchObject({ chatCatalogs: true, crmCatalogs: true, crmConnected: true, settingsRead: true, settingsWrite: true, botResponses: true, publishing: 'backend' });
    expect(Date.parse(first.checkedAt)).not.toBeNaN();

    // The settings routes are the project's contract, signed with HMAC: a real document comes back.
    const doc = await acme.getJson(`${QONTAK_SETTINGS_API_PREFIX}/chatbot/settings/ai-response`, z.object({ status: z.literal('success'), data: z.object({ version: z.string() }).passthrough() }));
    expect(doc.data.version).toBeTruthy();

    const tenant = q.fixture.sandbox.qontak.tenant(ACME_HMAC.clientId);
    tenant.settingsRoutes = false;
    try {
      const second = await probeQontakCapabilities(acme);
      expect(second).toMatchObject({ chatCatalogs: true, crmConnected: true, settingsRead: false, settingsWrite: false, botResponses: false, publishing: 'change_sheet' });
    } finally {
      tenant.settingsRoutes = true;
    }

    expect(await probeQontakCapabilities(q.client(BORNEO_HMAC))).toMatchObject({ settingsRead: false, publishing: 'change_sheet', crmConnected: true });
    expect(await probeQontakCapabilities(q.client(CENDANA_HMAC))).toMatchObject({ chatCatalogs: true, crmCatalogs: false, crmConnected: false, publishing: 'change_sheet' });
    // The probe's write check changed nothing.
    const stateAfter = await q.fixture.admin.state<{ aiResponse: unknown }>(ACME_HMAC.username);
    expect(stateAfter.aiResponse).toBeTruthy();
    expect(stateAfter.aiResponse).toEqual(stateBefore.aiResponse);
  });

  it('a probe with refused credentials, or at a web page, throws instead of reporting "nothing offered"', async () => {
    const error = await failure(probeQontakCapabilities(q.client({ clientId: ACME_HMAC.clientId, clientSecret: 'wrong' })));
    expect(error.reason).toBe('credentials_refused');
    await withHtmlServer(404, '<html><body>Not here</body></html>', async (origin) => {
      const html = await failure(probeQontakCapabilities(q.client(ACME_HMAC, { baseUrl: origin })));
      expect(html.reason).toBe('not_mekari_api');
    });
  });

  it('switches a tenant\'s settings routes and rate over the admin API, and adds credentials', async () => {
    const admin = new QontakSandboxAdmin(q.fixture.sandbox.origin, ADMIN_SECRET);
    expect((await admin.tenants()).map((t) => t.clientId)).toEqual(expect.arrayContaining([ACME_HMAC.clientId, BORNEO_HMAC.clientId, CENDANA_HMAC.clientId]));
    const edited = await admin.editTenant(BORNEO_HMAC.clientId, { settingsRoutes: true, ratePerMinute: 600 });
    expect(edited).toMatchObject({ settingsRoutes: true, ratePerMinute: 600 });
    try {
      expect((await probeQontakCapabilities(q.client(BORNEO_HMAC))).publishing).toBe('backend');
    } finally {
      await admin.editTenant(BORNEO_HMAC.clientId, { settingsRoutes: false, ratePerMinute: null });
    }
    await admin.createTenants([{ clientId: 'qontak-bench-1', clientSecret: 'bench-secret-1', username: 'admin@acme-retail.test' }]);
    expect((await fetchQontakCatalogs(q.client({ clientId: 'qontak-bench-1', clientSecret: 'bench-secret-1' }))).catalog.divisions).toHaveLength(3);
    await expect(admin.editTenant('qontak-bench-1', { ratePerMinute: -1 } as never)).rejects.toThrow(/400/);
  });
});
