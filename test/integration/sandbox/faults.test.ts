import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ContractClient } from '../../sandbox/contract-client';
import { ADMIN_SECRET, BORNEO, openSandbox, type SandboxFixture } from '../../support/sandbox/sandbox-fixture';

/** Each fault kind, set per route at run time through the admin API. */
describe('sandbox: fault injection', () => {
  let fx: SandboxFixture;
  let client: ContractClient;
  beforeAll(async () => {
    fx = await openSandbox();
    client = await fx.signedIn(BORNEO);
  });
  afterEach(async () => {
    await fx.admin.clearFaults();
    expect(client.violations).toEqual([]);
  });
  afterAll(() => fx.close());

  it('adds latency to the matching route only', async () => {
    // A large latency, so that a busy machine's ordinary slowness cannot pass for it.
    await fx.admin.setFaults({ rules: [{ route: 'GET /divisions', latencyMs: 1_500 }] });
    let started = Date.now();
    expect((await client.call('GET', '/divisions')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_490);
    started = Date.now();
    expect((await client.call('GET', '/crm/owners')).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('answers a seeded share of 500s, the same sequence for the same seed', async () => {
    const run = async () => {
      await fx.admin.setFaults({ seed: 42, rules: [{ route: '/crm/**', failRate: 0.5 }] });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i += 1) statuses.push((await client.call('GET', '/crm/sources')).status);
      return statuses;
    };
    const first = await run();
    expect(new Set(first)).toEqual(new Set([200, 500]));
    const failures = first.filter((s) => s === 500).length;
    expect(failures).toBeGreaterThan(3);
    expect(failures).toBeLessThan(17);
    expect(await run()).toEqual(first);
    const described = await fx.admin.faults();
    expect(described.rules[0]).toMatchObject({ matched: 20, fired: failures });
  });

  it('answers 503 and 429 with Retry-After, for a given number of times', async () => {
    await fx.admin.setFaults({
      rules: [
        { route: 'PUT /chatbot/settings/*', status: 503, retryAfter: 2, times: 1 },
        { route: 'GET /chatbot/settings/*', status: 429, retryAfter: 7, times: 1 },
      ],
    });
    const limited = await client.call<{ error: { code: string; details: unknown } }>('GET', '/chatbot/settings/idle-action');
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('7');
    expect(limited.body.error).toMatchObject({ code: 'rate_limited', details: { retryAfterSeconds: 7 } });
    const idle = await client.call('GET', '/chatbot/settings/idle-action');
    expect(idle.status).toBe(200);
    const body = { action: 'none', idleHours: 0, idleMinutes: 0, assignTo: 'auto', divisionId: null, agentId: null, closingMessage: '' };
    const unavailable = await client.call('PUT', '/chatbot/settings/idle-action', { body, headers: { 'If-Match': idle.headers.etag! } });
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers['retry-after']).toBe('2');
    expect((await client.call('PUT', '/chatbot/settings/idle-action', { body, headers: { 'If-Match': idle.headers.etag! } })).status).toBe(200);
  });

  it('resets the connection', async () => {
    await fx.admin.setFaults({ rules: [{ route: 'GET /divisions', reset: true }] });
    await expect(client.call('GET', '/divisions')).rejects.toThrow();
    expect((await client.call('GET', '/crm/owners')).status).toBe(200);
  });

  it('hangs past the client timeout, and the sandbox still answers others', async () => {
    await fx.admin.setFaults({ rules: [{ route: 'GET /crm/pipelines', hang: true }] });
    const started = Date.now();
    await expect(client.call('GET', '/crm/pipelines', { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await client.call('GET', '/crm/owners')).status).toBe(200);
  });

  it('revokes the tenant tokens when the route is hit: 401 and refresh refused', async () => {
    const victim = await fx.signedIn(BORNEO);
    await fx.admin.setFaults({ rules: [{ route: 'GET /crm/connection', username: BORNEO.username, revokeTokens: true, times: 1 }] });
    const denied = await victim.call('GET', '/crm/connection');
    expect(denied.status).toBe(401);
    expect(denied.body).toMatchObject({ error: { code: 'invalid_token' } });
    const refresh = await victim.call('POST', '/oauth/token', { body: { grant_type: 'refresh_token', refresh_token: victim.refreshToken }, token: null });
    expect(refresh.status).toBe(401);
    expect(victim.violations).toEqual([]);
    client = await fx.signedIn(BORNEO); // the shared client was revoked too
  });

  it('phase "after": the change is committed but the answer is lost; the idempotent retry returns it', async () => {
    await fx.admin.setFaults({ rules: [{ route: 'POST /crm/deal-settings', status: 500, phase: 'after', times: 1 }] });
    const body = { botResponseId: 'br-order', enabled: false, pipelineId: null, stageId: null, dealName: '', ownerId: null, sourceId: null, customerContactAssociation: false };
    const headers = { 'Idempotency-Key': 'faults:after:1' };
    const lost = await client.call('POST', '/crm/deal-settings', { body, headers });
    expect(lost.status).toBe(500);
    const stored = await fx.admin.state(BORNEO.username);
    expect(stored.dealSettings.map((d) => d.value.botResponseId)).toEqual(['br-order']);
    const retry = await client.call<{ data: { id: string } }>('POST', '/crm/deal-settings', { body, headers });
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body.data.id).toBe(stored.dealSettings[0]!.id);
    expect((await fx.admin.state(BORNEO.username)).dealSettings.length).toBe(1);
  });

  it('refuses malformed rules, and the admin API needs its secret', async () => {
    await expect(fx.admin.setFaults({ rules: [{ route: '/x', reset: true, hang: true }] })).rejects.toThrow(/400/);
    await expect(fx.admin.setFaults({ rules: [{ route: '/x', status: 500, retryAfter: 3 }] })).rejects.toThrow(/400/);
    const noSecret = await fetch(`${fx.sandbox.origin}/__admin/faults`);
    expect(noSecret.status).toBe(401);
    const wrongSecret = await fetch(`${fx.sandbox.origin}/__admin/faults`, { headers: { 'X-Admin-Secret': `${ADMIN_SECRET}x` } });
    expect(wrongSecret.status).toBe(401);
  });
});

describe('sandbox: no admin API without an admin secret', () => {
  it('answers 404 under /__admin and faults cannot be set', async () => {
    const fx = await openSandbox({ adminSecret: null });
    try {
      for (const [method, path] of [
        ['GET', '/__admin/faults'],
        ['POST', '/__admin/faults'],
        ['GET', '/__admin/tenants/admin@acme-retail.test/state'],
      ] as const) {
        const response = await fetch(`${fx.sandbox.origin}${path}`, {
          method,
          headers: { 'X-Admin-Secret': ADMIN_SECRET, 'Content-Type': 'application/json' },
          body: method === 'POST' ? JSON.stringify({ rules: [{ reset: true }] }) : undefined,
        });
        expect(response.status).toBe(404);
      }
      expect((await fetch(`${fx.sandbox.baseUrl}/health`)).status).toBe(200);
    } finally {
      await fx.close();
    }
  });
});
