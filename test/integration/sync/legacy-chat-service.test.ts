import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACME } from '../../support/sandbox/sandbox-fixture';
import { inside, openSyncWorld, SKIP_REASON, type SyncWorld } from './sync-fixture';

if (!inside) console.warn(`[sync legacy-chat-service] skipped: ${SKIP_REASON}`);

const CLIENT = { clientId: 'legacy-client', clientSecret: 'legacy-client-secret-1' };

describe.skipIf(!inside)('sync: the legacy chat-service takes its OAuth grants at its root', () => {
  let world: SyncWorld;
  beforeAll(async () => {
    // Access tokens live one second: the pull after it needs a refresh grant.
    world = await openSyncWorld({ tokenTtlSeconds: 1 });
  });
  afterAll(async () => {
    await world?.close();
  });

  it('the password grant and the refresh grant go to /oauth/token at the root, never under the base URL’s path', async () => {
    const core = world.open();
    const { baseUrl } = world.sandbox.sandbox;
    expect(new URL(baseUrl).pathname).not.toBe('/'); // the chat routes live under a path: /api/open/v1
    const tenantId = core.services.tenants.create({ name: 'Legacy', backendUrl: baseUrl, backendKind: 'qontak_legacy' }).id;
    const contractGrants = async () => (await world.sandbox.admin.stats())['oauthToken']?.requests ?? 0;
    const before = await contractGrants();

    const signedIn = await core.dispatcher.dispatch('sync.signIn', { tenantId, username: ACME.username, password: ACME.password, ...CLIENT });
    expect(signedIn).toMatchObject({ ok: true, value: { signedIn: true } });
    expect(world.sandbox.sandbox.legacy.grants()).toBe(1);

    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await core.services.sync.pull(tenantId);
    expect(core.services.sync.status(tenantId)).toMatchObject({ signedIn: true, lastError: null });
    expect(world.sandbox.sandbox.legacy.grants()).toBe(2);
    expect(await contractGrants()).toBe(before);
  });

  it('a chat service without the settings and CRM routes (404, as the real one): the pull keeps its catalogs, and the tenant publishes by change sheet', async () => {
    const core = world.open();
    const { baseUrl } = world.sandbox.sandbox;
    const tenantId = core.services.tenants.create({ name: 'Legacy without settings', backendUrl: baseUrl, backendKind: 'qontak_legacy' }).id;
    expect(await core.dispatcher.dispatch('sync.signIn', { tenantId, username: ACME.username, password: ACME.password, ...CLIENT })).toMatchObject({ ok: true });
    await world.sandbox.admin.setFaults({
      rules: [
        { route: '/chatbot/**', status: 404 },
        { route: '/crm/**', status: 404 },
      ],
    });
    try {
      await core.services.sync.pull(tenantId);
      expect(core.services.sync.status(tenantId)).toMatchObject({
        lastError: null,
        capabilities: { chatCatalogs: true, crmCatalogs: false, settingsRead: false, settingsWrite: false, publishing: 'change_sheet' },
      });
      const catalog = core.services.catalog.get(tenantId);
      expect(catalog.divisions.length).toBeGreaterThan(0);
      expect(catalog.agents.length).toBeGreaterThan(0);
      // The settings routes were asked, and refused; the catalogs came from the chat routes.
      const fired = (await world.sandbox.admin.faults()).rules.map((rule) => rule.fired);
      expect(fired[0]).toBeGreaterThan(0);
    } finally {
      await world.sandbox.admin.clearFaults();
    }
  });
});
