import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, request as httpRequest, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect as netConnect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchQontakCatalogs } from '../../../electron/core/backends/qontak/qontak-catalogs';
import { createCoreDispatcher, CoreNetworkConfigError, type CoreNetworkOptions } from '../../../electron/core/net/core-dispatcher';
import { openSandbox, type SandboxFixture } from '../../support/sandbox/sandbox-fixture';
import { ACME_HMAC, qontakFailure as failure, testQontakClient } from '../../support/sandbox/qontak-fixture';

/**
 * The core's dispatcher on a corporate network: a CONNECT proxy on 127.0.0.1 written here, and a
 * TLS server (in front of the sandbox) whose certificate is signed by a CA this test makes with openssl.
 */
let sandbox: SandboxFixture;
let dir: string;
let caFile: string;
let tlsOrigin: string;
let proxyUrl: string;
let refusingProxyUrl: string;
let closedPort: number;
const tunnels: string[] = [];
const servers: Server[] = [];
const sockets = new Set<Socket>();

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe', timeout: 20_000 });
}

async function listen(server: Server): Promise<number> {
  servers.push(server);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function connectProxy(refuse: boolean): Server {
  const server = createHttpServer((_req, res) => {
    res.writeHead(405);
    res.end();
  });
  server.on('connect', (req, client: Socket, head: Buffer) => {
    sockets.add(client);
    if (refuse) {
      client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    tunnels.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = netConnect(Number(port), host!, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  return server;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qontak-tls-'));
  openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Qontak Test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  writeFileSync(join(dir, 'ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n');
  openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'ext.cnf');
  caFile = join(dir, 'ca.pem');

  sandbox = await openSandbox();
  const { readFileSync } = await import('node:fs');
  const tls = createHttpsServer({ key: readFileSync(join(dir, 'server.key')), cert: readFileSync(join(dir, 'server.pem')) }, (req, res) => {
    const upstream = httpRequest({ host: '127.0.0.1', port: sandbox.sandbox.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  tlsOrigin = `https://127.0.0.1:${await listen(tls)}`;
  proxyUrl = `http://127.0.0.1:${await listen(connectProxy(false))}`;
  refusingProxyUrl = `http://127.0.0.1:${await listen(connectProxy(true))}`;
  // A port that nothing listens on: take one, then free it.
  const spare = createHttpServer();
  closedPort = await new Promise<number>((resolve) => spare.listen(0, '127.0.0.1', () => resolve((spare.address() as AddressInfo).port)));
  await new Promise((resolve) => spare.close(resolve));
}, 60_000);

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function catalogsVia(origin: string, network: CoreNetworkOptions) {
  const core = createCoreDispatcher(network);
  try {
    const client = testQontakClient(origin, ACME_HMAC, core, { retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 20 } });
    return await fetchQontakCatalogs(client);
  } finally {
    await core.close();
  }
}

describe('the core dispatcher: proxies', () => {
  it('goes through HTTP_PROXY with a CONNECT tunnel, and straight past it for NO_PROXY hosts', async () => {
    const target = `127.0.0.1:${sandbox.sandbox.port}`;
    const before = tunnels.length;
    const viaProxy = await catalogsVia(sandbox.sandbox.origin, { env: { HTTP_PROXY: proxyUrl } });
    expect(viaProxy.catalog.agents).toHaveLength(12);
    expect(tunnels.slice(before)).toContain(target);

    const direct = tunnels.length;
    await catalogsVia(sandbox.sandbox.origin, { env: { HTTP_PROXY: proxyUrl, NO_PROXY: 'localhost,127.0.0.1' } });
    expect(tunnels.length).toBe(direct);
  });

  it('says the proxy refused when it answers the CONNECT with 403', async () => {
    const error = await failure(catalogsVia(sandbox.sandbox.origin, { env: { http_proxy: refusingProxyUrl } }));
    expect(error.reason).toBe('proxy');
    expect(error.code).toBe('BACKEND_UNREACHABLE');
    expect(error.message).toContain(`The proxy ${new URL(refusingProxyUrl).host} refused to connect to 127.0.0.1:${sandbox.sandbox.port} (HTTP 403)`);
  });

  it('says the proxy cannot be reached when nothing listens there', async () => {
    const error = await failure(catalogsVia(sandbox.sandbox.origin, { env: { HTTP_PROXY: `http://127.0.0.1:${closedPort}` } }));
    expect(error.reason).toBe('proxy');
    expect(error.message).toContain(`The proxy 127.0.0.1:${closedPort} cannot be reached (ECONNREFUSED)`);
  });
});

describe('the core dispatcher: extra CA certificates', () => {
  it('refuses a certificate from an unknown CA with a clear message', async () => {
    const error = await failure(catalogsVia(tlsOrigin, { env: {} }));
    expect(error.reason).toBe('tls');
    expect(error.message).toMatch(/The secure connection to 127\.0\.0\.1:\d+ was refused: its certificate is issued by an authority this computer does not trust/);
    expect(error.message).toMatch(/add its CA certificate in the settings/);
  });

  it('trusts the CA file chosen in the settings, and the one NODE_EXTRA_CA_CERTS names', async () => {
    expect((await catalogsVia(tlsOrigin, { env: {}, caFile })).catalog.divisions).toHaveLength(3);
    expect((await catalogsVia(tlsOrigin, { env: { NODE_EXTRA_CA_CERTS: caFile } })).catalog.divisions).toHaveLength(3);
  });

  it('goes through an HTTPS_PROXY tunnel to a TLS server it trusts by the extra CA', async () => {
    const before = tunnels.length;
    const result = await catalogsVia(tlsOrigin, { env: { HTTPS_PROXY: proxyUrl }, caFile });
    expect(result.catalog.agents).toHaveLength(12);
    expect(tunnels.slice(before)).toContain(new URL(tlsOrigin).host);
  });

  it('says which CA file it cannot use before any request', () => {
    expect(() => createCoreDispatcher({ env: {}, caFile: join(dir, 'missing.pem') })).toThrow(CoreNetworkConfigError);
    expect(() => createCoreDispatcher({ env: {}, caFile: join(dir, 'ext.cnf') })).toThrow(/holds no PEM certificate/);
    expect(() => createCoreDispatcher({ env: { HTTPS_PROXY: 'not a url' } })).toThrow(/HTTPS_PROXY is not a URL/);
  });
});
