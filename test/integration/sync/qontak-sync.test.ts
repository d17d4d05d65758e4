import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PacerRegistry } from '../../../electron/core/backends/qontak/request-pacer';
import { createCoreDispatcher } from '../../../electron/core/net/core-dispatcher';
import type { Core, CoreOptions } from '../../../electron/core/open-core';
import type { ChangeSheet } from '../../../shared/change-sheet/change-sheet';
import { rpcContract, type RpcChannel } from '../../../shared/rpc/contract';
import type { AiResponse } from '../../../shared/schemas/ai-response';
import type { SyncStatus } from '../../../shared/schemas/sync';
import { ACME_HMAC, BORNEO_HMAC } from '../../support/sandbox/qontak-fixture';
import type { Clipboard } from '../../../electron/core/change-sheet/clipboard';
import { newDealSetting } from '../../../shared/schemas/crm';
import { startRawServer, type RawServer } from './raw-server';
import { FAST_SYNC, inside, openSyncWorld, SKIP_REASON, waitUntil, type SyncWorld } from './sync-fixture';

if (!inside) console.warn(`[sync qontak] skipped: ${SKIP_REASON}`);

async function rpc(core: Core, channel: RpcChannel, input: unknown) {
  const result = await core.dispatcher.dispatch(channel, input);
  if (result.ok) rpcContract[channel].output.parse(result.value);
  return result;
}

async function ok<T>(core: Core, channel: RpcChannel, input: unknown): Promise<T> {
  const result = await rpc(core, channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

describe.skipIf(!inside)('sync with a Qontak (Mekari API) backend: HMAC sign-in, real catalogs, both publishing paths', () => {
  let world: SyncWorld;
  const servers: RawServer[] = [];
  const network = createCoreDispatcher({ env: {} });
  const qontakSync: CoreOptions['sync'] = {
    ...FAST_SYNC,
    qontak: { pacers: new PacerRegistry({ requestsPerMinute: 60_000, burst: 50 }), rate: { requestsPerMinute: 60_000, burst: 50 }, network, retry: { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 100 } },
  };
  beforeAll(async () => {
    world = await openSyncWorld();
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
    await world?.close();
    await network.close();
  });

  function qontakTenant(core: Core, name: string, backendUrl = world.sandbox.sandbox.origin): string {
    return core.services.tenants.create({ name, backendUrl, backendKind: 'qontak' }).id;
  }

  it('refuses a wrong secret and a client id of another tenant: nothing stored, still signed out', async () => {
    const core = world.open({ sync: qontakSync });
    const tenantId = qontakTenant(core, 'Wrong secret');
    const wrong = await rpc(core, 'sync.signInHmac', { tenantId, clientId: ACME_HMAC.clientId, clientSecret: 'not-the-secret' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'SIGN_IN_FAILED', message: expect.stringContaining('Client ID and Client secret') } });
    const crossed = await rpc(core, 'sync.signInHmac', { tenantId, clientId: ACME_HMAC.clientId, clientSecret: BORNEO_HMAC.clientSecret });
    expect(crossed).toMatchObject({ ok: false, error: { code: 'SIGN_IN_FAILED' } });
    expect(JSON.stringify(crossed)).not.toContain(BORNEO_HMAC.clientSecret);
    expect(core.services.sync.status(tenantId)).toMatchObject({ signedIn: false, capabilities: null });
    expect(await core.services.vault.listByTenant(tenantId)).toEqual([]);
  });

  it('a base URL that answers a web page is named as not the Mekari API', async () => {
    const html = await startRawServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<!doctype html><html><body>Welcome</body></html>');
    });
    servers.push(html);
    const core = world.open({ sync: qontakSync });
    const tenantId = qontakTenant(core, 'Web page', html.url);
    const result = await rpc(core, 'sync.signInHmac', { tenantId, clientId: ACME_HMAC.clientId, clientSecret: ACME_HMAC.clientSecret });
    expect(result).toMatchObject({ ok: false, error: { code: 'BACKEND_ERROR', message: expect.stringContaining('this is not the Mekari API') } });
    expect(await core.services.vault.listByTenant(tenantId)).toEqual([]);
  });

  it('settings routes on: signs in with the HMAC pair, pulls the real catalogs, publishes to the backend', async () => {
    const core = world.open({ sync: qontakSync });
    const tenantId = qontakTenant(core, 'Acme via Mekari');
    const status = await ok<SyncStatus>(core, 'sync.signInHmac', { tenantId, clientId: ACME_HMAC.clientId, clientSecret: ACME_HMAC.clientSecret });
    expect(status).toMatchObject({ signedIn: true, username: ACME_HMAC.clientId, capabilities: { chatCatalogs: true, crmCatalogs: true, settingsRead: true, settingsWrite: true, publishing: 'backend' } });
    expect(core.services.tenantListing.list().find((t) => t.id === tenantId)).toMatchObject({ publishing: 'backend', backendKind: 'qontak' });

    await core.services.sync.pull(tenantId);
    const catalog = core.services.catalog.get(tenantId);
    expect(catalog.divisions.map((d) => d.name).sort()).toEqual(['Billing', 'Customer Support', 'Sales']);
    expect(catalog.divisions[0]!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(core.services.crmCatalog.get(tenantId).pipelines.map((p) => p.name)).toContain('Sales pipeline');

    // (The sandbox's settings routes check references against its contract account's catalog, not Mekari's: no division here.)
    const doc = core.services.documents.get(tenantId, 'ai_response');
    core.services.documents.saveDraft({ tenantId, kind: 'ai_response', draft: { ...(doc.draft as AiResponse), onThreshold: 'any_available_agent', divisionId: null, agentId: null, handoverMessage: 'Via Mekari' } });
    const progress = core.services.sync.publish([tenantId]);
    const run = await core.services.sync.waitForRun(progress.runId);
    expect(run.results).toEqual([expect.objectContaining({ kind: 'ai_response', state: 'done' })]);
    // The backend has it: a second installation pulls it.
    const other = world.open({ sync: qontakSync });
    const otherId = qontakTenant(other, 'Acme again');
    await other.services.sync.signInHmac(otherId, ACME_HMAC.clientId, ACME_HMAC.clientSecret);
    await other.services.sync.pull(otherId);
    expect(other.services.documents.get(otherId, 'ai_response').draft).toMatchObject({ onThreshold: 'any_available_agent', handoverMessage: 'Via Mekari' });
    // The pair is in the keychain (no OAuth tokens for this kind), and nowhere in SQLite.
    const session = (await core.services.vault.listByTenant(tenantId)).filter((ref) => ref.owner === 'session').map((ref) => ref.field);
    expect(session).toEqual(['hmac']);
    core.services.db.pragma('wal_checkpoint(FULL)');
    const rows = JSON.stringify(core.services.db.prepare('SELECT * FROM sync_state').all()) + JSON.stringify(core.services.db.prepare('SELECT * FROM tenants').all());
    expect(rows).not.toContain(ACME_HMAC.clientSecret);
  });

  it('settings routes off: publishing by change sheet, mark applied, edit again and see only the new change', async () => {
    const core = world.open({ sync: qontakSync });
    const tenantId = qontakTenant(core, 'Borneo via Mekari');
    const status = await ok<SyncStatus>(core, 'sync.signInHmac', { tenantId, clientId: BORNEO_HMAC.clientId, clientSecret: BORNEO_HMAC.clientSecret });
    expect(status.capabilities).toMatchObject({ settingsRead: false, settingsWrite: false, publishing: 'change_sheet' });
    await ok(core, 'sync.pull', { tenantId });
    expect(core.services.sync.status(tenantId)).toMatchObject({ lastError: null, capabilities: { publishing: 'change_sheet' } });

    const support = core.services.catalog.get(tenantId).divisions.find((d) => d.name === 'Customer Support')!;
    const doc = core.services.documents.get(tenantId, 'ai_response');
    core.services.documents.saveDraft({ tenantId, kind: 'ai_response', draft: { ...(doc.draft as AiResponse), onThreshold: 'specific_division', divisionId: support.id, agentId: null, handoverMessage: 'Please wait' } });

    const [sheet] = await ok<ChangeSheet[]>(core, 'changeSheet.get', { tenantIds: [tenantId] });
    const step = sheet!.steps.find((s) => s.area === 'ai_response')!;
    expect(step.lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'division', value: { type: 'reference', catalog: 'division', name: 'Customer Support' } }),
        expect.objectContaining({ field: 'handoverMessage', value: { type: 'text', text: 'Please wait' } }),
      ]),
    );
    expect(JSON.stringify(sheet)).not.toContain(support.id);

    // A draft that changes after the sheet was made: Mark as applied is refused, nothing changes.
    const stale = sheet!.stamps;
    core.services.documents.saveDraft({ tenantId, kind: 'ai_response', draft: { ...(core.services.documents.get(tenantId, 'ai_response').draft as AiResponse), handoverMessage: 'Please wait a moment' } });
    expect(await rpc(core, 'changeSheet.markApplied', { tenantId, stamps: stale })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(core.services.documents.get(tenantId, 'ai_response')).toMatchObject({ dirty: true });

    const [fresh] = await ok<ChangeSheet[]>(core, 'changeSheet.get', { tenantIds: [tenantId] });
    expect(await ok(core, 'changeSheet.markApplied', { tenantId, stamps: fresh!.stamps })).toEqual({ applied: fresh!.stamps.length });
    expect(core.services.documents.get(tenantId, 'ai_response')).toMatchObject({ dirty: false });
    const revisions = core.services.history.list({ tenantId, kind: 'ai_response' });
    expect(revisions[0]).toMatchObject({ source: 'applied_by_hand', note: expect.stringMatching(/^Applied by hand in the web app by .+/) });
    expect((await ok<ChangeSheet[]>(core, 'changeSheet.get', { tenantIds: [tenantId] }))[0]!.steps).toEqual([]);

    // Edit again: only the new change is on the next sheet.
    core.services.documents.saveDraft({ tenantId, kind: 'ai_response', draft: { ...(core.services.documents.get(tenantId, 'ai_response').draft as AiResponse), threshold: 6 } });
    const [next] = await ok<ChangeSheet[]>(core, 'changeSheet.get', { tenantIds: [tenantId] });
    expect(next!.steps).toHaveLength(1);
    expect(next!.steps[0]!.lines.map((line) => line.field)).toEqual(['threshold']);
  });

  it('settings routes that disappear between two pulls: the next pull says "change sheet", no error, drafts kept', async () => {
    const core = world.open({ sync: qontakSync });
    const tenantId = qontakTenant(core, 'Acme losing its routes');
    await core.services.sync.signInHmac(tenantId, ACME_HMAC.clientId, ACME_HMAC.clientSecret);
    await core.services.sync.pull(tenantId);
    const doc = core.services.documents.get(tenantId, 'ai_response');
    core.services.documents.saveDraft({ tenantId, kind: 'ai_response', draft: { ...(doc.draft as AiResponse), handoverMessage: 'Kept locally' } });
    const sandboxTenant = world.sandbox.sandbox.qontak.tenant(ACME_HMAC.clientId);
    sandboxTenant.settingsRoutes = false;
    try {
      const result = await ok<{ status: SyncStatus }>(core, 'sync.pull', { tenantId });
      expect(result.status).toMatchObject({ lastError: null, capabilities: { settingsRead: false, publishing: 'change_sheet' } });
      expect(core.services.documents.get(tenantId, 'ai_response')).toMatchObject({ dirty: true, draft: { handoverMessage: 'Kept locally' } });
      await waitUntil(() => core.services.sync.status(tenantId).online === true, 2_000, 'online');
    } finally {
      sandboxTenant.settingsRoutes = true;
    }
  });

  it('a secret line: Copy puts the section on the clipboard from the keychain (never in the answer); without a clipboard it says where Copy works', async () => {
    const copied: Array<{ text: string; clearAfterMs: number }> = [];
    const clipboard: Clipboard = { writeSecret: (text, clearAfterMs) => Promise.resolve(void copied.push({ text, clearAfterMs })) };
    const core = world.open({ sync: qontakSync, clipboard });
    const tenantId = qontakTenant(core, 'Borneo with a connection');
    await core.services.sync.signInHmac(tenantId, BORNEO_HMAC.clientId, BORNEO_HMAC.clientSecret);
    const secret = 'sk-secret-for-the-web-app-1234';
    const connection = await core.services.apiConnections.create({ tenantId, name: 'Jurnal', description: 'Jurnal API', code: 'JURNAL_API', baseUrl: 'https://api.jurnal.example/v1', settings: null, headers: { apikey: secret }, token: null });
    const [sheet] = await ok<ChangeSheet[]>(core, 'changeSheet.get', { tenantIds: [tenantId] });
    expect(JSON.stringify(sheet)).not.toContain(secret);
    const step = sheet!.steps.find((s) => s.area === 'api_integration')!;
    expect(step.lines.find((line) => line.field === 'headers')).toMatchObject({ value: { type: 'secret', section: 'headers' } });
    const answer = await rpc(core, 'changeSheet.copySecret', { tenantId, documentId: connection.id, section: 'headers' });
    expect(answer).toEqual({ ok: true, value: { copied: true, clearsAfterSeconds: 30 } });
    expect(JSON.stringify(answer)).not.toContain(secret);
    expect(copied).toEqual([{ text: JSON.stringify({ apikey: secret }, null, 2), clearAfterMs: 30_000 }]);

    const headless = world.open({ sync: qontakSync });
    const otherId = qontakTenant(headless, 'No clipboard here');
    const other = await headless.services.apiConnections.create({ tenantId: otherId, name: 'Jurnal', description: 'Jurnal API', code: 'JURNAL_API', baseUrl: 'https://api.jurnal.example/v1', settings: null, headers: { apikey: secret }, token: null });
    expect(await rpc(headless, 'changeSheet.copySecret', { tenantId: otherId, documentId: other.id, section: 'headers' })).toMatchObject({
      ok: false,
      error: { code: 'CLIPBOARD_UNAVAILABLE', message: expect.stringContaining('Copy works in the desktop app') },
    });
  });

  it('no bot responses listed: the user names one as in the web app, prepares its deal setting, and the sheet carries it by name', async () => {
    const core = world.open({ sync: qontakSync });
    const tenantId = qontakTenant(core, 'Borneo deals');
    await core.services.sync.signInHmac(tenantId, BORNEO_HMAC.clientId, BORNEO_HMAC.clientSecret);
    await core.services.sync.pull(tenantId);
    expect(core.services.sync.status(tenantId).capabilities).toMatchObject({ botResponses: false, crmConnected: true });
    const catalog = await ok<{ botResponses: Array<{ id: string; name: string }> }>(core, 'crm.addLocalBotResponse', { tenantId, name: 'Tanya harga paket' });
    const local = catalog.botResponses.find((entry) => entry.name === 'Tanya harga paket')!;
    expect(local.id).toMatch(/^local:/);
    core.services.dealSettings.create({ tenantId, draft: { ...newDealSetting(local.id), dealName: 'Paket wisata' } });
    // A later pull keeps the named entry (the backend lists none).
    await core.services.sync.pull(tenantId);
    expect(core.services.crmCatalog.get(tenantId).botResponses.filter((entry) => !entry.removed).map((entry) => entry.name)).toEqual(['Tanya harga paket']);
    const [sheet] = await ok<ChangeSheet[]>(core, 'changeSheet.get', { tenantIds: [tenantId] });
    const deal = sheet!.steps.find((s) => s.area === 'crm_integration');
    expect(deal).toMatchObject({ target: { change: 'add', name: 'Tanya harga paket' } });
  });

  it('paces per credential at the tenant’s own rate and says how long the remaining requests take', async () => {
    const core = world.open({ sync: { ...qontakSync, qontak: { ...qontakSync!.qontak, pacers: new PacerRegistry() } } });
    const tenantId = core.services.tenants.create({ name: 'Slow Acme', backendUrl: world.sandbox.sandbox.origin, backendKind: 'qontak', requestsPerMinute: 60 }).id;
    expect(await ok(core, 'sync.paceEstimate', { entries: [{ tenantId, requests: 10 }] })).toEqual({ msLeft: 0 }); // not signed in: nothing paced yet
    await core.services.sync.signInHmac(tenantId, ACME_HMAC.clientId, ACME_HMAC.clientSecret);
    // 60 a minute: a burst of 5, then 55 a minute. The sign-in's probe took the burst.
    const { msLeft } = await ok<{ msLeft: number }>(core, 'sync.paceEstimate', { entries: [{ tenantId, requests: 55 }] });
    expect(msLeft).toBeGreaterThan(55_000);
    expect(msLeft).toBeLessThan(70_000);
    // A faster pace for the tenant: the same credential's pacer follows.
    await ok(core, 'tenants.update', { id: tenantId, requestsPerMinute: 6000 });
    await core.services.sync.pull(tenantId);
    const faster = await ok<{ msLeft: number }>(core, 'sync.paceEstimate', { entries: [{ tenantId, requests: 55 }] });
    expect(faster.msLeft).toBeLessThan(5_000);
  });

  it('a clock that is off: the 401 says the computer’s clock is wrong, and the sync status keeps that message', async () => {
    const core = world.open({ sync: { ...qontakSync, qontak: { ...qontakSync!.qontak, now: () => Date.now() + 10 * 60_000 } } });
    const tenantId = qontakTenant(core, 'Clock ahead');
    const result = await rpc(core, 'sync.signInHmac', { tenantId, clientId: ACME_HMAC.clientId, clientSecret: ACME_HMAC.clientSecret });
    expect(result).toMatchObject({ ok: false, error: { code: 'SIGN_IN_FAILED', message: expect.stringContaining('your computer\'s clock is wrong') } });
    expect(core.services.sync.status(tenantId)).toMatchObject({ signedIn: false, lastError: { code: 'SIGN_IN_FAILED', message: expect.stringContaining('10 minutes ahead') } });
  });
});
