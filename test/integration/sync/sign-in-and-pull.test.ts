import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionTokens } from '../../../electron/core/sync/session/session-tokens';
import type { Core } from '../../../electron/core/open-core';
import { WIRE_BASE_PATH } from '../../../shared/wire/http';
import { rpcContract, type RpcChannel } from '../../../shared/rpc/contract';
import { ACME, BORNEO, CENDANA } from '../../support/sandbox/sandbox-fixture';
import { addTenant, inside, openSyncWorld, SKIP_REASON, type SyncWorld } from './sync-fixture';
import { proxyTo, startRawServer, type RawServer } from './raw-server';

if (!inside) console.warn(`[sync sign-in-and-pull] skipped: ${SKIP_REASON}`);

/** Through the router, as the transports call it; a success must match the channel's output schema. */
async function rpc(core: Core, channel: RpcChannel, input: unknown) {
  const result = await core.dispatcher.dispatch(channel, input);
  if (result.ok) rpcContract[channel].output.parse(result.value);
  return result;
}

/** Every byte of the store's files (database, WAL): a token must never be among them. */
function storeBytes(dataDir: string): string {
  return readdirSync(dataDir)
    .filter((name) => name.startsWith('store'))
    .map((name) => readFileSync(join(dataDir, name)).toString('latin1'))
    .join('\n');
}

describe.skipIf(!inside)('sync: sign-in, bad answers, pull and merge', () => {
  let world: SyncWorld;
  const servers: RawServer[] = [];
  beforeAll(async () => {
    world = await openSyncWorld();
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
    await world?.close();
  });

  it('refuses a wrong password with a clear error and stores nothing', async () => {
    const core = world.open();
    const tenantId = addTenant(core, 'Acme', world.sandbox.sandbox.baseUrl);
    const result = await rpc(core, 'sync.signIn', { tenantId, username: ACME.username, password: 'wrong-password' });
    expect(result).toMatchObject({ ok: false, error: { code: 'SIGN_IN_FAILED', message: 'The backend refused this username or password.' } });
    expect(core.services.sync.status(tenantId)).toMatchObject({ signedIn: false, online: true });
    expect(await core.services.vault.listByTenant(tenantId)).toEqual([]);
  });

  it('signs in: tokens in the keychain only, never the password, nothing secret in SQLite', async () => {
    const dataDir = world.dataDir();
    const core = world.open({ dataDir });
    const tenantId = addTenant(core, 'Acme', world.sandbox.sandbox.baseUrl);
    const result = await rpc(core, 'sync.signIn', { tenantId, username: ACME.username, password: ACME.password });
    expect(result).toMatchObject({ ok: true, value: { signedIn: true, username: ACME.username, online: true } });
    expect(await core.services.vault.listByTenant(tenantId)).toEqual([SessionTokens.ref(tenantId)]);
    const raw = (await core.services.vault.get(SessionTokens.ref(tenantId)))!;
    const stored = JSON.parse(raw) as { accessToken: string; refreshToken: string };
    expect(raw).not.toContain(ACME.password);
    core.services.db.pragma('wal_checkpoint(FULL)');
    const bytes = storeBytes(dataDir);
    for (const secret of [stored.accessToken, stored.refreshToken, ACME.password]) expect(bytes).not.toContain(secret);

    expect(await rpc(core, 'sync.signOut', { tenantId })).toMatchObject({ ok: true, value: { signedIn: false } });
    expect(await core.services.vault.listByTenant(tenantId)).toEqual([]);
    expect(await rpc(core, 'sync.pull', { tenantId })).toMatchObject({ ok: false, error: { code: 'SIGNED_OUT' } });
  });

  it('a backend URL that answers with a web page is named as such', async () => {
    const html = await startRawServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><html><body>Welcome to our website</body></html>');
    });
    servers.push(html);
    const core = world.open();
    const tenantId = addTenant(core, 'Web page', `${html.url}${WIRE_BASE_PATH}`);
    const result = await rpc(core, 'sync.signIn', { tenantId, username: ACME.username, password: ACME.password });
    expect(result).toMatchObject({ ok: false, error: { code: 'BACKEND_ERROR' } });
    expect(result.ok || result.error.message).toMatch(/web page \(HTML\).*backend URL/);
    expect(core.services.sync.status(tenantId)).toMatchObject({ signedIn: false, lastError: { code: 'BACKEND_ERROR' } });
  });

  it('a body that is not JSON is a clear error', async () => {
    const broken = await startRawServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"access_token": "abc", ');
    });
    servers.push(broken);
    const core = world.open();
    const tenantId = addTenant(core, 'Broken', `${broken.url}${WIRE_BASE_PATH}`);
    const result = await rpc(core, 'sync.signIn', { tenantId, username: ACME.username, password: ACME.password });
    expect(result).toMatchObject({ ok: false, error: { code: 'BACKEND_ERROR', message: expect.stringContaining('not valid JSON') } });
  });

  it('an answer off the contract fails the whole pull: no base, no catalog written', async () => {
    const sandboxOrigin = world.sandbox.sandbox.origin;
    const proxy = await startRawServer(
      proxyTo(sandboxOrigin, (method, path, status, body) =>
        method === 'GET' && path.endsWith('/chatbot/settings/idle-action') && status === 200
          ? body.replace('"action":', '"actionKind":') // a renamed field: valid JSON, wrong shape
          : null,
      ),
    );
    servers.push(proxy);
    const core = world.open();
    const tenantId = addTenant(core, 'Behind a proxy', `${proxy.url}${WIRE_BASE_PATH}`);
    expect(await rpc(core, 'sync.signIn', { tenantId, username: BORNEO.username, password: BORNEO.password })).toMatchObject({ ok: true });
    const result = await rpc(core, 'sync.pull', { tenantId });
    expect(result).toMatchObject({ ok: false, error: { code: 'BACKEND_ERROR', message: expect.stringContaining('does not match the contract') } });
    expect(core.services.catalog.get(tenantId).fetchedAt).toBeNull();
    expect(core.services.documents.get(tenantId, 'ai_response')).toMatchObject({ base: null, isDefault: true });
    expect(core.services.sync.status(tenantId)).toMatchObject({ lastSyncAt: null, lastError: { code: 'BACKEND_ERROR' } });
  });

  it('pull: catalogs cached, remote settings become the base, remote-only and local-only changes merge, true conflicts wait for the user', async () => {
    const core = world.open();
    const tenantId = addTenant(core, 'Cendana', world.sandbox.sandbox.baseUrl);
    await core.services.sync.signIn(tenantId, CENDANA.username, CENDANA.password);
    const first = await core.services.sync.pull(tenantId);
    expect(first.conflicts).toEqual([]);
    expect(core.services.catalog.get(tenantId).agents.map((a) => a.id)).toEqual(['agent-ayu', 'agent-budi', 'agent-citra', 'agent-dewi']);
    const pulled = core.services.documents.get(tenantId, 'ai_response');
    if (pulled.kind !== 'ai_response') throw new Error('wrong kind');
    expect(pulled).toMatchObject({ dirty: false, isDefault: false, baseVersion: expect.any(String) });

    // Local: threshold and message. Remote (someone in the web settings): mode and message.
    core.services.documents.saveDraft({ tenantId, kind: 'ai_response', draft: { ...pulled.draft, threshold: 4, handoverMessage: 'Mine' } });
    const web = await world.sandbox.signedIn(CENDANA);
    const put = await web.call('PUT', '/chatbot/settings/ai-response', {
      headers: { 'If-Match': `"${pulled.baseVersion}"` },
      body: { ...pulled.draft, onThreshold: 'any_available_agent', handoverMessage: 'Theirs' },
    });
    expect(put.status).toBe(200);

    const second = await core.services.sync.pull(tenantId);
    const merged = core.services.documents.get(tenantId, 'ai_response');
    expect(merged.draft).toMatchObject({ threshold: 4, onThreshold: 'any_available_agent', handoverMessage: 'Mine' });
    expect(merged.base).toMatchObject({ threshold: 10, onThreshold: 'any_available_agent', handoverMessage: 'Theirs' });
    expect(second.conflicts).toEqual([
      { tenantId, kind: 'ai_response', documentId: expect.any(String), conflicts: [{ pointer: '/handoverMessage', path: ['handoverMessage'], base: '', local: 'Mine', remote: 'Theirs' }] },
    ]);
    const plan = core.services.sync.plan([tenantId]);
    expect(plan[0]!.entries).toEqual([expect.objectContaining({ kind: 'ai_response', status: 'conflict', fields: ['/threshold', '/handoverMessage'] })]);

    // A second pull keeps the undecided conflict.
    expect((await core.services.sync.pull(tenantId)).conflicts).toHaveLength(1);

    const resolved = await rpc(core, 'sync.resolveConflict', { tenantId, kind: 'ai_response', choices: { '/handoverMessage': 'theirs' } });
    expect(resolved).toEqual({ ok: true, value: [] });
    expect(await rpc(core, 'sync.conflicts', { tenantId })).toEqual({ ok: true, value: [] });
    expect(await rpc(core, 'sync.plan', { tenantIds: [tenantId] })).toMatchObject({
      ok: true,
      value: [{ tenantId, name: 'Cendana', signedIn: true, entries: [{ kind: 'ai_response', op: 'update', status: 'ready', fields: ['/threshold'], issues: [] }] }],
    });
    const progress: unknown[] = [];
    core.onEvent((name, payload) => name === 'sync.progress' && progress.push(payload));
    const started = await rpc(core, 'sync.publish', { tenantIds: [tenantId] });
    if (!started.ok) throw new Error(started.error.message);
    const { runId } = started.value as { runId: string };
    await core.services.sync.waitForRun(runId);
    expect(await rpc(core, 'sync.run', { runId })).toMatchObject({
      ok: true,
      value: { runId, state: 'finished', total: 1, counts: { done: 1 }, results: [{ tenantId, kind: 'ai_response', op: 'update', state: 'done', error: null }] },
    });
    expect(progress.at(-1)).toMatchObject({ runId, state: 'finished', counts: { done: 1 } });
    expect(await rpc(core, 'sync.cancel', {})).toEqual({ ok: true, value: [] });
    expect(await rpc(core, 'sync.status', { tenantId })).toMatchObject({ ok: true, value: { unpublishedCount: 0, conflictCount: 0, lastError: null } });
    const state = await world.sandbox.admin.state(CENDANA.username);
    expect(state.aiResponse.value).toMatchObject({ threshold: 4, onThreshold: 'any_available_agent', handoverMessage: 'Theirs' });
    expect(core.services.documents.get(tenantId, 'ai_response')).toMatchObject({ dirty: false, baseVersion: state.aiResponse.version });
  });

  it('a 401 on a token the app still thinks fresh refreshes it once and goes on', async () => {
    const shortLived = await openSyncWorld({ tokenTtlSeconds: 1 });
    try {
      const frozen = Date.now();
      const core = shortLived.open({ clock: () => frozen });
      const tenantId = addTenant(core, 'Acme', shortLived.sandbox.sandbox.baseUrl);
      await core.services.sync.signIn(tenantId, ACME.username, ACME.password);
      await new Promise((resolve) => setTimeout(resolve, 1_200)); // the backend's token expired; the app's clock did not move
      await core.services.sync.pull(tenantId);
      expect(core.services.sync.status(tenantId)).toMatchObject({ signedIn: true, lastError: null, lastSyncAt: expect.any(String) });
      // One sign-in and exactly one refresh, though the pull made several requests side by side.
      expect((await shortLived.sandbox.admin.stats()).oauthToken?.requests).toBe(2);
    } finally {
      await shortLived.close();
    }
  });
});
