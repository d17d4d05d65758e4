import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/open-core';
import { rpcContract, type RpcChannel } from '../../../shared/rpc/contract';
import { ACME } from '../../support/sandbox/sandbox-fixture';
import { addTenant, inside, openSyncWorld, SKIP_REASON, type SyncWorld } from '../sync/sync-fixture';

if (!inside) console.warn(`[stored backend URL] skipped: ${SKIP_REASON}`);

async function rpc(core: Core, channel: RpcChannel, input: unknown) {
  const result = await core.dispatcher.dispatch(channel, input);
  if (result.ok) rpcContract[channel].output.parse(result.value);
  return result;
}

/**
 * The Backend URL carries the password and the tokens: https, http only for loopback. A tenant
 * stored before that rule with http:// to another host keeps its data, and every request to the
 * backend is refused with what to change; a loopback sandbox over http keeps working.
 */
describe.skipIf(!inside)('the tenant’s Backend URL: https, or http on loopback', () => {
  let world: SyncWorld;
  beforeAll(async () => {
    world = await openSyncWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  it('refuses creating or changing a tenant to plain http on another host', async () => {
    const core = world.open();
    const created = await rpc(core, 'tenants.create', { name: 'Plain', backendUrl: 'http://backend.example/api/open/v1' });
    expect(created).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', issues: [{ path: ['backendUrl'], message: 'tenant.backendUrl.insecure' }] } });
    const tenantId = addTenant(core, 'Secure', 'https://backend.example/api/open/v1');
    const updated = await rpc(core, 'tenants.update', { id: tenantId, backendUrl: 'http://backend.example/api/open/v1' });
    expect(updated).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(core.services.tenants.get(tenantId).backendUrl).toBe('https://backend.example/api/open/v1');
  });

  it('an http tenant stored before the rule is told to use https, sends nothing, and can still be renamed and signed out', async () => {
    const core = world.open();
    const tenantId = addTenant(core, 'Old', 'https://backend.example/api/open/v1');
    core.services.db.prepare('UPDATE tenants SET backend_url = ? WHERE id = ?').run('http://backend.example/api/open/v1', tenantId);

    for (const [channel, input] of [
      ['sync.signIn', { tenantId, username: ACME.username, password: ACME.password }],
      ['sync.pull', { tenantId }],
    ] as const) {
      const result = await rpc(core, channel, input);
      expect(result, channel).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', issues: [{ path: ['backendUrl'], message: 'tenant.backendUrl.insecure' }] } });
      expect(result.ok || result.error.message, channel).toMatch(/^Use https:\/\/ for the Backend URL/);
    }
    expect(await core.services.vault.listByTenant(tenantId)).toEqual([]);
    expect(await rpc(core, 'tenants.update', { id: tenantId, name: 'Old (renamed)' })).toMatchObject({ ok: true });
    expect(await rpc(core, 'sync.signOut', { tenantId })).toMatchObject({ ok: true, value: { signedIn: false } });
  });

  it('a sandbox over http on 127.0.0.1 keeps working', async () => {
    const core = world.open();
    const tenantId = addTenant(core, 'Loopback', world.sandbox.sandbox.baseUrl);
    expect(world.sandbox.sandbox.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:/);
    expect(await rpc(core, 'sync.signIn', { tenantId, username: ACME.username, password: ACME.password })).toMatchObject({ ok: true, value: { signedIn: true } });
    expect(await rpc(core, 'sync.pull', { tenantId })).toMatchObject({ ok: true });
  });
});
