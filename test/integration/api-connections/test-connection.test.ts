import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { authorizationOf, joinBaseAndPath, testConnection, type TestConnectionTarget } from '../../../electron/core/api-connections/test-connection';
import { testConnectionResultSchema, type TestConnectionResult } from '../../../shared/schemas/api-connection-test';

/** Real servers on 127.0.0.1 (port 0): the API under test, and a second origin to be redirected to. */
const APIKEY = 'apikey-SECRET-4f1c9';
const ACCESS = 'access-SECRET-88a2e';

interface Seen {
  path: string;
  headers: IncomingHttpHeaders;
}

function startServer(handler: (req: IncomingMessage, res: ServerResponse) => void, seen: Seen[]): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', headers: req.headers });
    handler(req, res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

const closeServer = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

const apiSeen: Seen[] = [];
const otherSeen: Seen[] = [];
let api: { server: Server; base: string };
let other: { server: Server; base: string };

beforeAll(async () => {
  // The second origin sends /bounce back to the first, and answers everything else.
  other = await startServer((req, res) => {
    if (req.url === '/bounce') res.writeHead(302, { location: `${api.base}/ok` }).end();
    else res.writeHead(200).end('other');
  }, otherSeen);
  api = await startServer((req, res) => {
    const path = req.url ?? '';
    if (path.endsWith('/ok')) res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    else if (path === '/missing') res.writeHead(404).end();
    else if (path === '/hang') return; // never answers
    else if (path === '/redirect-same') res.writeHead(302, { location: '/ok' }).end();
    else if (path === '/redirect-other') res.writeHead(307, { location: `${other.base}/landing` }).end();
    else if (path === '/redirect-away-and-back') res.writeHead(302, { location: `${other.base}/bounce` }).end();
    else if (path === '/loop') res.writeHead(302, { location: '/loop' }).end();
    else if (path === '/echo') res.writeHead(500, `Boom ${String(req.headers.apikey)} ${String(req.headers.authorization)}`).end();
    else if (path === '/to-file') res.writeHead(302, { location: 'file:///etc/passwd' }).end();
    else res.writeHead(400).end();
  }, apiSeen);
});

afterAll(async () => {
  await closeServer(api.server);
  await closeServer(other.server);
});

const target = (baseUrl: string): TestConnectionTarget => ({
  baseUrl,
  headers: { apikey: APIKEY, 'X-Tenant': 'tenant-1' },
  token: { token_type: 'bearer', access_token: ACCESS },
});

function expectNoSecret(result: TestConnectionResult) {
  expect(testConnectionResultSchema.parse(result)).toEqual(result);
  const text = JSON.stringify(result);
  expect(text).not.toContain(APIKEY);
  expect(text).not.toContain(ACCESS);
}

const lastSeen = (seen: Seen[], path: string) => [...seen].reverse().find((s) => s.path === path);

describe('testConnection against local servers', () => {
  it('succeeds with status and time, carrying the headers and the token', async () => {
    const result = await testConnection(target(`${api.base}/api/`), { path: '/ok' });
    expectNoSecret(result);
    expect(result).toMatchObject({ ok: true, status: 200, redirects: 0 });
    expect(result.error).toBeUndefined();
    expect(result.timeMs).toBeGreaterThanOrEqual(0);
    expect(result.timeMs).toBeLessThan(5000);
    const seen = lastSeen(apiSeen, '/api/ok');
    expect(seen?.headers).toMatchObject({ apikey: APIKEY, 'x-tenant': 'tenant-1', authorization: `Bearer ${ACCESS}` });
  });

  it('reports 404 as an HTTP error with the standard reason', async () => {
    const result = await testConnection(target(api.base), { path: '/missing' });
    expectNoSecret(result);
    expect(result).toMatchObject({ ok: false, status: 404, error: { kind: 'HTTP', message: 'The server answered 404 Not Found.' } });
  });

  it('never repeats what the server says (a status text echoing the credentials)', async () => {
    const result = await testConnection(target(api.base), { path: '/echo' });
    expectNoSecret(result);
    expect(result).toMatchObject({ ok: false, status: 500, error: { kind: 'HTTP', message: 'The server answered 500 Internal Server Error.' } });
  });

  it('reports a refused port', async () => {
    const closed = await startServer(() => undefined, []);
    await closeServer(closed.server);
    const result = await testConnection(target(closed.base));
    expectNoSecret(result);
    expect(result).toMatchObject({ ok: false, status: null, error: { kind: 'REFUSED' } });
    expect(result.error?.message).toMatch(/refused the connection/);
  });

  it('times out on a server that never answers, at the configured time', async () => {
    const started = Date.now();
    const result = await testConnection(target(api.base), { path: '/hang', timeoutMs: 300 });
    expectNoSecret(result);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(result).toMatchObject({ ok: false, status: null, error: { kind: 'TIMEOUT', message: expect.stringContaining('within 0.3 s') } });
    expect(result.timeMs).toBeGreaterThanOrEqual(250);
  });

  it('keeps the credentials on a redirect within the origin', async () => {
    const result = await testConnection(target(api.base), { path: '/redirect-same' });
    expect(result).toMatchObject({ ok: true, status: 200, redirects: 1 });
    expect(lastSeen(apiSeen, '/ok')?.headers).toMatchObject({ apikey: APIKEY, authorization: `Bearer ${ACCESS}` });
  });

  it('sends no credentials to a redirect target on another origin', async () => {
    const result = await testConnection(target(api.base), { path: '/redirect-other' });
    expectNoSecret(result);
    expect(result).toMatchObject({ ok: true, status: 200, redirects: 1 });
    const landing = lastSeen(otherSeen, '/landing');
    expect(landing).toBeDefined();
    expect(landing?.headers.apikey).toBeUndefined();
    expect(landing?.headers['x-tenant']).toBeUndefined();
    expect(landing?.headers.authorization).toBeUndefined();
    expect(JSON.stringify(landing?.headers)).not.toContain('SECRET');
  });

  it('does not send them again once the chain has left the origin, even back on it', async () => {
    const before = apiSeen.length;
    const result = await testConnection(target(api.base), { path: '/redirect-away-and-back' });
    expect(result).toMatchObject({ ok: true, status: 200, redirects: 2 });
    const back = apiSeen.slice(before).find((s) => s.path === '/ok');
    expect(back?.headers.apikey).toBeUndefined();
    expect(back?.headers.authorization).toBeUndefined();
  });

  it('stops redirect loops and redirects to other schemes', async () => {
    expect(await testConnection(target(api.base), { path: '/loop', maxRedirects: 3 })).toMatchObject({
      ok: false,
      redirects: 3,
      error: { kind: 'OTHER', message: 'The server redirected more than 3 times.' },
    });
    expect(await testConnection(target(api.base), { path: '/to-file' })).toMatchObject({ ok: false, error: { kind: 'OTHER', message: expect.stringContaining('file:') } });
  });

  it('reports a DNS failure for a .invalid host', async () => {
    const result = await testConnection(target('https://no-such-host.invalid'), { timeoutMs: 8000 });
    expectNoSecret(result);
    expect(result).toMatchObject({ ok: false, status: null, error: { kind: 'DNS' } });
    expect(result.error?.message).toBe('The host “no-such-host.invalid” could not be found (DNS). Check the base URL and your internet connection.');
  });
});

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

describe.skipIf(!hasOpenssl)(`testConnection over TLS (${hasOpenssl ? 'openssl found' : 'skipped: openssl is not installed'})`, () => {
  let dir: string;
  let tls: ReturnType<typeof createHttpsServer>;
  let base: string;
  const tlsSeen: Seen[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'test-connection-tls-'));
    const made = spawnSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1'],
      { stdio: 'pipe', timeout: 20_000 },
    );
    expect(made.status, made.stderr.toString()).toBe(0);
    tls = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (req, res) => {
      tlsSeen.push({ path: req.url ?? '', headers: req.headers });
      res.writeHead(200).end();
    });
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', () => resolve()));
    base = `https://127.0.0.1:${(tls.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    tls.closeAllConnections();
    await new Promise<void>((resolve) => tls.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports a self-signed certificate as a TLS error, and sends nothing', async () => {
    const result = await testConnection(target(base));
    expectNoSecret(result);
    expect(result).toMatchObject({ ok: false, status: null, error: { kind: 'TLS' } });
    expect(result.error?.message).toMatch(/secure connection to “127\.0\.0\.1:\d+” failed: the server’s certificate is self-signed/);
    expect(tlsSeen).toEqual([]);
  });
});

describe('request building', () => {
  it('joins base URL and path with one slash, and refuses a path that changes host', () => {
    expect(joinBaseAndPath('https://api.jurnal.id/v1/', '/status?x=1').href).toBe('https://api.jurnal.id/v1/status?x=1');
    expect(joinBaseAndPath('https://api.jurnal.id', '').href).toBe('https://api.jurnal.id/');
    expect(joinBaseAndPath('https://api.jurnal.id', '//evil.example/x').host).toBe('api.jurnal.id');
    expect(() => joinBaseAndPath('https://api.jurnal.id', '@evil.example/')).toThrow(/leave the base URL/);
  });

  it('writes Authorization as <token_type> <access_token>', () => {
    expect(authorizationOf({ token_type: 'bearer', access_token: 'abc' })).toBe('Bearer abc');
    expect(authorizationOf({ token_type: 'MAC', access_token: 'abc' })).toBe('MAC abc');
    expect(authorizationOf(null)).toBeNull();
  });

  it('a bad path is an error result, not a request', async () => {
    const before = apiSeen.length;
    const result = await testConnection(target(api.base), { path: '@127.0.0.2/' });
    expect(result).toMatchObject({ ok: false, status: null, error: { kind: 'OTHER' } });
    expect(apiSeen.length).toBe(before);
  });
});
