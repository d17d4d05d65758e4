import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PacerRegistry } from '../../../electron/core/backends/qontak/request-pacer';
import { createCoreDispatcher } from '../../../electron/core/net/core-dispatcher';
import { rpcContract, rpcEvents } from '../../../shared/rpc/contract';
import type { PullProgress } from '../../../shared/schemas/bulk-pull';
import { ACME_HMAC, BORNEO_HMAC } from '../../support/sandbox/qontak-fixture';
import { FAST_SYNC, inside, openSyncWorld, SKIP_REASON, waitUntil, type SyncWorld } from './sync-fixture';

if (!inside) console.warn(`[sync bulk pull] skipped: ${SKIP_REASON}`);

describe.skipIf(!inside)('sync: pulling many tenants at once', () => {
  let world: SyncWorld;
  const network = createCoreDispatcher({ env: {} });
  beforeAll(async () => {
    world = await openSyncWorld();
  });
  afterAll(async () => {
    await world?.close();
    await network.close();
  });

  it('pulls every tenant, reports a failing one and goes on, and its progress says the time left at the tenants’ pace', async () => {
    const core = world.open({ sync: { ...FAST_SYNC, qontak: { pacers: new PacerRegistry(), network, retry: { maxAttempts: 2, baseDelayMs: 20, maxDelayMs: 50 } } } });
    const events: PullProgress[] = [];
    core.onEvent((name, payload) => {
      if (name === 'sync.pullProgress') events.push(rpcEvents['sync.pullProgress'].parse(payload));
    });
    const { origin } = world.sandbox.sandbox;
    // 600 a minute each: fast enough for a test, slow enough that the remaining pulls take time.
    const acme = core.services.tenants.create({ name: 'Acme', backendUrl: origin, backendKind: 'qontak', requestsPerMinute: 600 }).id;
    const borneo = core.services.tenants.create({ name: 'Borneo', backendUrl: origin, backendKind: 'qontak', requestsPerMinute: 600 }).id;
    const signedOut = core.services.tenants.create({ name: 'Not signed in', backendUrl: origin, backendKind: 'qontak' }).id;
    await core.services.sync.signInHmac(acme, ACME_HMAC.clientId, ACME_HMAC.clientSecret);
    await core.services.sync.signInHmac(borneo, BORNEO_HMAC.clientId, BORNEO_HMAC.clientSecret);

    const started = await core.dispatcher.dispatch('sync.pullMany', { tenantIds: [acme, borneo, signedOut] });
    expect(started.ok).toBe(true);
    const progress = rpcContract['sync.pullMany'].output.parse((started as { value: unknown }).value);
    expect(progress).toMatchObject({ state: 'running', total: 3, done: 0 });
    await waitUntil(() => events.at(-1)?.state === 'finished', 20_000, 'the bulk pull to end');

    // Before anything was pulled: two paced tenants of 12 requests, each credential at its own pace.
    expect(events[0]!.msLeft).toBeGreaterThan(0);
    expect(events.at(-1)).toMatchObject({ state: 'finished', total: 3, done: 2, failed: 1, msLeft: null, failures: [{ tenantId: signedOut, message: expect.stringContaining('Sign in') }] });
    expect(core.services.sync.status(acme).lastSyncAt).not.toBeNull();
    expect(core.services.sync.status(borneo).lastSyncAt).not.toBeNull();
    expect(core.services.catalog.get(acme).divisions.length).toBeGreaterThan(0);
  });

  it('refuses a tenant that does not exist, before pulling any', async () => {
    const core = world.open();
    expect(await core.dispatcher.dispatch('sync.pullMany', { tenantIds: ['00000000-0000-4000-8000-000000000000'] })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
