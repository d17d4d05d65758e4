import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/open-core';
import { SessionTokens } from '../../../electron/core/sync/session/session-tokens';
import { TenantStore } from '../../../electron/core/tenants/tenant-store';
import { rpcContract, type RpcChannel } from '../../../shared/rpc/contract';
import { WIRE_BASE_PATH } from '../../../shared/wire/http';
import { ACME } from '../../support/sandbox/sandbox-fixture';
import { startRawServer, type RawServer } from './raw-server';
import { addTenant, inside, openSyncWorld, SKIP_REASON, type SyncWorld } from './sync-fixture';

if (!inside) console.warn(`[sync backend-binding] skipped: ${SKIP_REASON}`);

async function rpc(core: Core, channel: RpcChannel, input: unknown) {
  const result = await core.dispatcher.dispatch(channel, input);
  if (result.ok) rpcContract[channel].output.parse(result.value);
  return result;
}

interface Recorded {
  method: string;
  url: string;
  authorization: string | null;
  body: string;
}

/** A second backend that records every request it gets and refuses them all (401, in the contract's error shape). */
async function recordingBackend(): Promise<RawServer & { requests: Recorded[] }> {
  const requests: Recorded[] = [];
  const server = await startRawServer((req, res, body) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization ?? null, body: body.toString('utf8') });
    res.writeHead(401, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ status: 'error', error: { code: 'unauthorized', message: 'Who are you?' } }));
  });
  return Object.assign(server, { requests });
}

describe.skipIf(!inside)('sync: credentials are bound to the backend they were issued for', () => {
  let world: SyncWorld;
  let other: RawServer & { requests: Recorded[] };
  beforeAll(async () => {
    world = await openSyncWorld();
    other = await recordingBackend();
  });
  afterAll(async () => {
    await other?.close();
    await world?.close();
  });

  async function signedInTenant(core: Core, name: string): Promise<{ tenantId: string; access: string; refresh: string }> {
    const tenantId = addTenant(core, name, world.sandbox.sandbox.baseUrl);
    expect(await rpc(core, 'sync.signIn', { tenantId, username: ACME.username, password: ACME.password })).toMatchObject({ ok: true });
    const stored = JSON.parse((await core.services.vault.get(SessionTokens.ref(tenantId)))!) as { accessToken: string; refreshToken: string; boundTo: string };
    expect(stored.boundTo).toBe(`settings_api ${world.sandbox.sandbox.baseUrl}`);
    return { tenantId, access: stored.accessToken, refresh: stored.refreshToken };
  }

  function sentAnywhere(secret: string): boolean {
    return other.requests.some((request) => (request.authorization ?? '').includes(secret) || request.body.includes(secret) || request.url.includes(secret));
  }

  it('refuses a new URL for a signed-in tenant unless told to sign out; then the old tokens leave the keychain and never reach the new backend', async () => {
    const core = world.open();
    const { tenantId, access, refresh } = await signedInTenant(core, 'Moving');
    const newUrl = `${other.url}${WIRE_BASE_PATH}`;

    const refused = await rpc(core, 'tenants.update', { id: tenantId, backendUrl: newUrl });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', issues: [{ path: ['signOut'], message: 'tenant.backend.signedIn' }] } });
    expect(core.services.tenants.get(tenantId).backendUrl).toBe(world.sandbox.sandbox.baseUrl);
    expect(core.services.sync.status(tenantId).signedIn).toBe(true);

    expect(await rpc(core, 'tenants.update', { id: tenantId, backendUrl: newUrl, signOut: true })).toMatchObject({ ok: true, value: { backendUrl: newUrl } });
    expect(core.services.sync.status(tenantId)).toMatchObject({ signedIn: false, capabilities: null });
    expect(await core.services.vault.listByTenant(tenantId)).toEqual([]);

    const pulled = await rpc(core, 'sync.pull', { tenantId });
    expect(pulled).toMatchObject({ ok: false, error: { code: 'SIGNED_OUT' } });
    expect(sentAnywhere(access)).toBe(false);
    expect(sentAnywhere(refresh)).toBe(false);
    expect(other.requests.filter((request) => request.authorization !== null)).toEqual([]);
  });

  it('a kind change signs out the same way', async () => {
    const core = world.open();
    const { tenantId } = await signedInTenant(core, 'Changing kind');
    expect(await rpc(core, 'tenants.update', { id: tenantId, backendKind: 'qontak_legacy' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await rpc(core, 'tenants.update', { id: tenantId, backendKind: 'qontak_legacy', signOut: true })).toMatchObject({ ok: true, value: { backendKind: 'qontak_legacy' } });
    expect(core.services.sync.status(tenantId).signedIn).toBe(false);
    expect(await core.services.vault.listByTenant(tenantId)).toEqual([]);
  });

  it('renaming a signed-in tenant keeps it signed in', async () => {
    const core = world.open();
    const { tenantId } = await signedInTenant(core, 'Renamed');
    expect(await rpc(core, 'tenants.update', { id: tenantId, name: 'Renamed again', backendUrl: world.sandbox.sandbox.baseUrl })).toMatchObject({ ok: true });
    expect(core.services.sync.status(tenantId).signedIn).toBe(true);
  });

  it('defensively: tokens stored for another backend are never sent, and the status says signed out', async () => {
    const core = world.open();
    const { tenantId, access, refresh } = await signedInTenant(core, 'Moved behind its back');
    // The URL changes without going through tenants.update (as a store written by an older version could).
    new TenantStore(core.services.db).setBackend(tenantId, `${other.url}${WIRE_BASE_PATH}`, 'settings_api', Date.now());
    const pulled = await rpc(core, 'sync.pull', { tenantId });
    expect(pulled).toMatchObject({ ok: false, error: { code: 'SIGNED_OUT' } });
    expect(sentAnywhere(access)).toBe(false);
    expect(sentAnywhere(refresh)).toBe(false);
    expect(core.services.sync.status(tenantId).signedIn).toBe(false);
    expect(await core.services.vault.listByTenant(tenantId)).toEqual([]);
  });

  it('an import that moves a tenant to another URL says so in its preview and signs it out', async () => {
    const core = world.open();
    const { tenantId } = await signedInTenant(core, 'Imported over');
    const exported = await rpc(core, 'transfer.export', { tenantIds: [tenantId] });
    if (!exported.ok) throw new Error('export failed');
    const newUrl = `${other.url}${WIRE_BASE_PATH}`;
    const text = (exported.value as { text: string }).text.replace(JSON.stringify(world.sandbox.sandbox.baseUrl), JSON.stringify(newUrl));
    const preview = await rpc(core, 'transfer.previewImport', { text });
    expect(preview).toMatchObject({ ok: true });
    const warnings = (preview as { value: { tenants: Array<{ warnings: string[] }> } }).value.tenants[0]!.warnings;
    expect(warnings).toContain(`Backend URL changes: ${world.sandbox.sandbox.baseUrl} → ${newUrl}; this tenant will be signed out.`);
    const applied = await rpc(core, 'transfer.applyImport', { text });
    expect(applied).toMatchObject({ ok: true, value: { updated: [tenantId], signedOut: [tenantId] } });
    expect(core.services.sync.status(tenantId).signedIn).toBe(false);
    expect(await core.services.vault.listByTenant(tenantId)).toEqual([]);
  });

  it('a legacy chat-service tenant signs in with its OAuth client too: both go to the keychain, bound to the backend', async () => {
    const core = world.open();
    const tenantId = core.services.tenants.create({ name: 'Legacy', backendUrl: world.sandbox.sandbox.baseUrl, backendKind: 'qontak_legacy' }).id;
    expect(await rpc(core, 'sync.signIn', { tenantId, username: ACME.username, password: ACME.password })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', issues: [{ path: ['clientId'], message: 'sync.clientId.required' }] },
    });
    const client = { clientId: 'legacy-client', clientSecret: 'legacy-client-secret-1' };
    expect(await rpc(core, 'sync.signIn', { tenantId, username: ACME.username, password: ACME.password, ...client })).toMatchObject({ ok: true, value: { signedIn: true } });
    expect((await core.services.vault.listByTenant(tenantId)).map((ref) => ref.field).sort()).toEqual(['client', 'tokens']);
    const stored = JSON.parse((await core.services.vault.get({ tenantId, owner: 'session', field: 'client' }))!) as { boundTo: string };
    expect(stored.boundTo).toBe(`qontak_legacy ${world.sandbox.sandbox.baseUrl}`);
    await core.services.sync.pull(tenantId);
    expect(core.services.sync.status(tenantId)).toMatchObject({ lastError: null, capabilities: { publishing: 'backend' } });
    // A Qontak HMAC sign-in is not for this kind.
    expect(await rpc(core, 'sync.signInHmac', { tenantId, ...client })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
