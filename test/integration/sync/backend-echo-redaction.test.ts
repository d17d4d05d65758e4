import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/open-core';
import { SessionTokens } from '../../../electron/core/sync/session/session-tokens';
import { WIRE_BASE_PATH } from '../../../shared/wire/http';
import { ACME } from '../../support/sandbox/sandbox-fixture';
import { proxyTo, startRawServer, type RawServer } from './raw-server';
import { addTenant, inside, openSyncWorld, SKIP_REASON, type SyncWorld } from './sync-fixture';

if (!inside) console.warn(`[sync backend-echo-redaction] skipped: ${SKIP_REASON}`);

/**
 * A backend that quotes what it refused: its 400 answers repeat the request's body and headers
 * (plain, JSON-escaped, percent-encoded, inside field issues, and a value straddling the point
 * where the app shortens a message). The proxy sits in front of the real sandbox and answers
 * so for the routes it is told to; everything else passes through.
 */
const MARK = {
  header: 'zz-echo-header-4f1c',
  setting: 'zz-echo-setting-9a2b',
  nested: 'zz-echo-nested-77de',
  access: 'zz-echo-access/+token=5e',
  refresh: 'zz-echo-refresh-c3a0',
  password: 'zz-echo-password-1b8e',
};

function echo400(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
  const raw = body.toString('utf8');
  const headers = JSON.stringify(req.headers);
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    // quoted as text only
  }
  const firstValue = Object.values((parsed.headers as Record<string, string> | undefined) ?? {})[0] ?? String(parsed.password ?? '');
  const message = `${'.'.repeat(290)}${firstValue} was refused; body ${raw}; headers ${headers}`;
  const issues = [
    { path: ['body'], message: `rejected ${raw}` },
    { path: ['headers'], message: `rejected ${headers}` },
    { path: ['escaped'], message: `rejected ${JSON.stringify(raw)}` },
    { path: ['encoded'], message: `rejected ${encodeURIComponent(raw)} ${encodeURIComponent(headers)}` },
    { path: ['headers', firstValue], message: 'this value is not allowed' },
  ];
  res.writeHead(400, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ status: 'error', error: { code: 'validation_failed', message, details: { issues } } }));
}

/** Every string the store holds: each table's every row, and the raw bytes of its files. */
function storeText(core: Core): string {
  const db = core.services.db;
  db.pragma('wal_checkpoint(FULL)');
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[];
  const rows = tables.map(({ name }) => JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).all()));
  const files = readdirSync(core.dataDir)
    .filter((name) => name.startsWith('store'))
    .map((name) => readFileSync(join(core.dataDir, name)).toString('latin1'));
  return [...rows, ...files].join('\n');
}

function logText(dataDir: string): string {
  const dir = join(dataDir, 'logs');
  if (!existsSync(dir)) return '';
  return readdirSync(dir)
    .map((name) => readFileSync(join(dir, name), 'utf8'))
    .join('\n');
}

/** The secret and its forms as a backend might quote it. */
function forms(secret: string): string[] {
  return [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)];
}

describe.skipIf(!inside)('sync: a backend that echoes secrets in its errors', () => {
  let world: SyncWorld;
  let proxy: RawServer;
  const echoing = new Set<string>(); // 'POST /oauth/token', 'POST /chatbot/settings/api-connections', 'PUT /chatbot/settings/api-connections/*'
  beforeAll(async () => {
    world = await openSyncWorld();
    const forward = proxyTo(world.sandbox.sandbox.origin, () => null);
    proxy = await startRawServer((req, res, body) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname.slice(WIRE_BASE_PATH.length);
      const route = `${req.method} ${path.replace(/^(\/chatbot\/settings\/api-connections)\/[^/]+$/, '$1/*')}`;
      if (echoing.has(route)) echo400(req, res, body);
      else void forward(req, res, body);
    });
  });
  afterAll(async () => {
    await proxy?.close();
    await world?.close();
  });

  it('keeps every secret the request carried out of SQLite, sync.run, history.publishLog, the status and the log', async () => {
    const core = world.open();
    const tenantId = addTenant(core, 'Acme', `${proxy.url}${WIRE_BASE_PATH}`);

    // The password of a sign-in the backend quotes back.
    echoing.add('POST /oauth/token');
    const refused = await core.dispatcher.dispatch('sync.signIn', { tenantId, username: ACME.username, password: MARK.password });
    expect(refused).toMatchObject({ ok: false, error: { code: 'BACKEND_ERROR' } });
    const shown: unknown[] = [refused];
    echoing.delete('POST /oauth/token');

    await core.services.sync.signIn(tenantId, ACME.username, ACME.password);
    await core.services.sync.pull(tenantId);
    const bearer = (JSON.parse((await core.services.vault.get(SessionTokens.ref(tenantId)))!) as { accessToken: string }).accessToken;

    // One connection reaches the backend; then its edit (PUT) and a new one (POST) are refused with echoes.
    const ledger = { name: 'Ledger', description: 'Accounting', code: 'ECHO_LEDGER', baseUrl: 'https://ledger.example.test/v1' };
    const first = await core.services.apiConnections.create({ tenantId, ...ledger, settings: null, token: null, headers: { apikey: 'plain-before-edit' } });
    const published = await core.services.sync.waitForRun(core.services.sync.publish([tenantId]).runId);
    expect(published.counts.done).toBeGreaterThanOrEqual(1);
    await core.services.apiConnections.update({
      tenantId,
      id: first.id,
      ...ledger,
      settings: { action: 'keep' },
      headers: { action: 'replace', value: { apikey: MARK.header } },
      token: { action: 'keep' },
    });
    await core.services.apiConnections.create({
      tenantId,
      name: 'Mailer',
      description: 'Mail',
      code: 'ECHO_MAILER',
      baseUrl: 'https://mailer.example.test/v1',
      settings: { owner_email: MARK.setting, nested: { deep: [MARK.nested] } },
      headers: { 'X-Api-Key': MARK.header },
      token: { token_type: 'Bearer', access_token: MARK.access, expires_in: 3600, refresh_token: MARK.refresh, created_at: 1_700_000_000 },
    });
    echoing.add('POST /chatbot/settings/api-connections');
    echoing.add('PUT /chatbot/settings/api-connections/*');
    const started = await core.dispatcher.dispatch('sync.publish', { tenantIds: [tenantId] });
    if (!started.ok) throw new Error(started.error.message);
    const runId = (started.value as { runId: string }).runId;
    await core.services.sync.waitForRun(runId);
    const run = await core.dispatcher.dispatch('sync.run', { runId });
    expect(run).toMatchObject({ ok: true, value: { counts: { failed: 2 } } });
    // The refusal is still shown, only without the values.
    expect(JSON.stringify(run)).toContain('The backend refused POST');
    expect(JSON.stringify(run)).toContain('••••');
    shown.push(run);
    shown.push(await core.dispatcher.dispatch('history.publishLog', { tenantId }));
    shown.push(await core.dispatcher.dispatch('sync.status', { tenantId }));
    shown.push(await core.dispatcher.dispatch('sync.plan', { tenantIds: [tenantId] }));
    for (const answer of shown) expect(answer).not.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });

    const secrets = [...Object.values(MARK), bearer, ACME.password];
    const places = { store: storeText(core), answers: JSON.stringify(shown), log: logText(core.dataDir) };
    expect(places.log).not.toBe('');
    for (const [place, text] of Object.entries(places)) {
      for (const secret of secrets) {
        for (const form of forms(secret)) expect(text.includes(form), `${place} holds ${form}`).toBe(false);
      }
    }
  });
});
