import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WIRE_BASE_PATH } from '../../../shared/wire/http';
import { ACME } from '../../support/sandbox/sandbox-fixture';
import { proxyTo, startRawServer, type RawServer } from './raw-server';
import { addTenant, FAST_SYNC, inside, openSyncWorld, SKIP_REASON, waitUntil, type SyncWorld } from './sync-fixture';

if (!inside) console.warn(`[sync health-check] skipped: ${SKIP_REASON}`);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!inside)('sync: the periodic health check', () => {
  let world: SyncWorld;
  let server: RawServer;
  let up = true;
  const checks: number[] = [];
  beforeAll(async () => {
    world = await openSyncWorld();
    const forward = proxyTo(world.sandbox.sandbox.origin, () => null);
    // In front of the sandbox: counts the health checks; while "down", drops every connection (as a network without the backend).
    server = await startRawServer((req, res, body) => {
      if (req.url === `${WIRE_BASE_PATH}/health`) checks.push(Date.now());
      if (!up) return void res.socket?.destroy();
      return forward(req, res, body);
    });
  });
  afterAll(async () => {
    await server?.close();
    await world?.close();
  });

  it('feeds the online state, backs off while the backend is unreachable, comes back with it, checks only signed-in tenants and stops at close', async () => {
    const core = world.open({ sync: { ...FAST_SYNC, health: { intervalMs: 100, offlineBaseMs: 200, offlineMaxMs: 800, timeoutMs: 500 } } });
    const tenantId = addTenant(core, 'Acme', `${server.url}${WIRE_BASE_PATH}`);
    const changes: number[] = [];
    core.onEvent((name, payload) => {
      if (name === 'tenant.changed' && (payload as { tenantId: string | null }).tenantId === tenantId) changes.push(Date.now());
    });
    await sleep(300);
    expect(checks).toEqual([]); // nobody signed in: nothing to check
    await core.services.sync.signIn(tenantId, ACME.username, ACME.password);
    await waitUntil(() => checks.length >= 3, 5_000, 'checks while online');
    expect(core.services.sync.status(tenantId).online).toBe(true);

    up = false;
    const downAt = Date.now();
    await waitUntil(() => core.services.sync.status(tenantId).online === false, 3_000, 'offline');
    const changedToOffline = changes.some((at) => at >= downAt);
    await sleep(3_000);
    const whileDown = checks.filter((at) => at >= downAt).length;
    // Online it checks every 100 ms (about 30 in 3 s); offline the waits double to 800 ms: a handful, but never none.
    expect(whileDown).toBeGreaterThanOrEqual(3);
    expect(whileDown).toBeLessThanOrEqual(12);
    expect(changedToOffline).toBe(true);

    up = true;
    const upAt = Date.now();
    await waitUntil(() => core.services.sync.status(tenantId).online === true, 3_000, 'online again');
    expect(Date.now() - upAt).toBeLessThan(2_000);

    await core.services.sync.signOut(tenantId);
    await sleep(150); // a check in flight may still arrive
    const afterSignOut = checks.length;
    await sleep(600);
    expect(checks.length).toBe(afterSignOut);

    await core.services.sync.signIn(tenantId, ACME.username, ACME.password);
    await waitUntil(() => checks.length > afterSignOut, 3_000, 'checks after signing in again');
    await core.services.sync.stop();
    const atStop = checks.length;
    await sleep(600);
    expect(checks.length).toBe(atStop);
  }, 30_000);
});
