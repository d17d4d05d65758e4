import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { startSandbox, type RunningSandbox } from '../../sandbox/server';
import { ADMIN_PREFIX, ADMIN_SECRET_HEADER } from '../../sandbox/admin';
import type { TenantState } from '../../sandbox/admin-client';
import { afterAll, beforeAll } from 'vitest';
import { insideKeyringSession, KEYRING_SKIP_REASON, startCoreProcess, type CoreProcess } from './core-process';
import { mountedAppSlot, type mountApp, type MountedApp } from './mount-app';

/**
 * The sandbox backend in the test's own process (real HTTP on 127.0.0.1, port 0, its own SQLite in
 * a temp dir), with Node's HTTP client for the test's side: happy-dom's fetch applies a browser's
 * same-origin rules, which a test talking to the backend directly has no use for.
 */
export interface SandboxWorld {
  sandbox: RunningSandbox;
  /** A fresh account (its own tenant on the backend, with the demo catalog). */
  newAccount(prefix: string): Promise<{ username: string; password: string }>;
  state(username: string): Promise<TenantState>;
  revokeTokens(username: string): Promise<void>;
  /** Replaces the fault rules (see test/sandbox/README.md); none when `rules` is empty. */
  setFaults(rules: Record<string, unknown>[]): Promise<void>;
  /** Removes one catalog entry on the backend (`list`: divisions, users, ...). */
  removeCatalogEntry(username: string, list: string, id: string): Promise<void>;
  /** Signs in as the account and replaces one settings document on the backend (another admin's edit). */
  putRemote(account: { username: string; password: string }, path: '/chatbot/settings/ai-response' | '/chatbot/settings/idle-action', value: unknown): Promise<void>;
  close(): Promise<void>;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: unknown;
}

function http(method: string, url: string, headers: Record<string, string> = {}, body?: unknown): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(url, { method, headers: { ...headers, ...(payload ? { 'Content-Type': 'application/json' } : {}) }, timeout: 10_000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, json: text ? (JSON.parse(text) as unknown) : null }));
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${url}: no answer within 10 s`)));
    req.on('error', reject);
    req.end(payload);
  });
}

function ok(answer: Answer, what: string): unknown {
  if (answer.status >= 300) throw new Error(`${what}: HTTP ${answer.status} ${JSON.stringify(answer.json)}`);
  return (answer.json as { data?: unknown } | null)?.data ?? answer.json;
}

export async function startSandboxWorld(): Promise<SandboxWorld> {
  const dataDir = mkdtempSync(join(tmpdir(), 'renderer-sandbox-'));
  const secret = randomUUID();
  const sandbox = await startSandbox({ dataDir, port: 0, adminSecret: secret });
  const admin = (method: string, path: string, body?: unknown) => http(method, `${sandbox.origin}${ADMIN_PREFIX}${path}`, { [ADMIN_SECRET_HEADER]: secret }, body);
  let counter = 0;

  return {
    sandbox,
    async newAccount(prefix) {
      const account = { username: `${prefix}-${++counter}-${randomUUID().slice(0, 8)}@sync-ui.test`, password: `pw-${randomUUID()}` };
      ok(await admin('POST', '/tenants', { tenants: [{ ...account, name: prefix, catalog: 'demo' }] }), 'create account');
      return account;
    },
    async state(username) {
      return ok(await admin('GET', `/tenants/${encodeURIComponent(username)}/state`), 'state') as TenantState;
    },
    async revokeTokens(username) {
      ok(await admin('POST', `/tenants/${encodeURIComponent(username)}/revoke-tokens`), 'revoke tokens');
    },
    async setFaults(rules) {
      ok(rules.length > 0 ? await admin('POST', '/faults', { rules }) : await admin('DELETE', '/faults'), 'set faults');
    },
    async removeCatalogEntry(username, list, id) {
      ok(await admin('DELETE', `/tenants/${encodeURIComponent(username)}/catalog/${list}/${encodeURIComponent(id)}`), 'remove catalog entry');
    },
    async putRemote(account, path, value) {
      const token = (await http('POST', `${sandbox.baseUrl}/oauth/token`, {}, { grant_type: 'password', ...account })).json as { access_token: string };
      const auth = { Authorization: `Bearer ${token.access_token}` };
      const current = await http('GET', `${sandbox.baseUrl}${path}`, auth);
      ok(current, `GET ${path}`);
      const etag = String(current.headers.etag);
      ok(await http('PUT', `${sandbox.baseUrl}${path}`, { ...auth, 'If-Match': etag }, value), `PUT ${path}`);
    },
    async close() {
      await sandbox.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The set-up of a renderer test file that runs the app on the real core (its own process, the
 * keychain of scripts/with-keyring.sh) against the sandbox backend: both started once before the
 * file's tests, the app mounted when a test asks, all stopped after them. Outside a keyring session
 * nothing starts and the file's suites skip on `inside`.
 */
export interface SandboxWorldWithCore {
  /** Whether this runs inside a private keyring session (the suites that need the core skip otherwise). */
  readonly inside: boolean;
  readonly world: SandboxWorld;
  readonly core: CoreProcess;
  /** Mounts the whole app on the core (unmounted after the file's tests, or at the next mount). */
  mount(options?: Parameters<typeof mountApp>[1]): Promise<MountedApp>;
  /** Unmounts the app now (a test that must not leave it running, e.g. before deleting its tenant). */
  unmount(): void;
}

/** `label` names the file in the warning printed when it skips. */
export function sandboxWorldWithCore(label: string): SandboxWorldWithCore {
  const inside = insideKeyringSession();
  if (!inside) console.warn(`[${label}] skipped: ${KEYRING_SKIP_REASON}`);
  let world: SandboxWorld | null = null;
  let core: CoreProcess | null = null;
  const app = mountedAppSlot();
  beforeAll(async () => {
    if (!inside) return;
    world = await startSandboxWorld();
    core = await startCoreProcess();
  }, 60_000);
  afterAll(async () => {
    app.unmount();
    await core?.stop();
    await world?.close();
  });
  return {
    inside,
    get world() {
      if (!world) throw new Error('the sandbox runs only while the tests of its file run');
      return world;
    },
    get core() {
      if (!core) throw new Error('the core runs only while the tests of its file run');
      return core;
    },
    mount(options) {
      return app.mount(this.core.client, options);
    },
    unmount() {
      app.unmount();
    },
  };
}
