import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { beforeAll, describe, expect, it } from 'vitest';
import { HOST_MAX_BODY_BYTES, HOST_MAX_TRANSFER_BODY_BYTES } from '../../../shared/rpc/contract';
import { APP_CONTENT_SECURITY_POLICY } from '../../../shared/security/content-security-policy';
import { OUTSIDE_SECRET, PLACEHOLDER_HTML, rawRequest, rpc, useHostFixture } from './host-fixture';

const fx = useHostFixture();
let port: number;
beforeAll(() => {
  port = fx.server.port;
});

async function tenantCount(): Promise<number> {
  const result = (await rpc(fx, 'tenants.list', {})).json as { ok: true; value: unknown[] };
  return result.value.length;
}

describe('host: who may call', () => {
  it('answers 401 (typed) without a token, with a wrong one, or with another scheme', async () => {
    const variants: Record<string, string>[] = [
      {},
      { Authorization: 'Bearer wrong-token' },
      { Authorization: `Bearer ${fx.server.token}x` },
      { Authorization: `Basic ${fx.server.token}` },
      { Authorization: fx.server.token },
    ];
    for (const headers of variants) {
      const response = await rawRequest(port, { method: 'POST', path: '/rpc/tenants.create', headers, body: JSON.stringify({ name: 'Intruder' }) });
      expect(response.status, JSON.stringify(headers)).toBe(401);
      expect(JSON.parse(response.body)).toEqual({ ok: false, error: { code: 'UNAUTHORIZED', message: expect.any(String) } });
    }
    const events = await rawRequest(port, { path: '/events' });
    expect(events.status).toBe(401);
    expect(await tenantCount()).toBe(0);
  });

  it('answers 403 to a foreign Host (DNS rebinding) or Origin, even with the right token', async () => {
    const auth = { Authorization: `Bearer ${fx.server.token}` };
    const badHosts = [`evil.example:${port}`, `127.0.0.1:${port + 1}`, '127.0.0.1', `127.0.0.2:${port}`];
    for (const host of badHosts) {
      const response = await rawRequest(port, { method: 'POST', path: '/rpc/tenants.create', host, headers: auth, body: '{"name":"Rebound"}' });
      expect(response.status, host).toBe(403);
      expect(JSON.parse(response.body).error.code).toBe('FORBIDDEN');
      expect((await rawRequest(port, { path: '/', host })).status, `static ${host}`).toBe(403);
    }
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${port + 1}`, `https://127.0.0.1:${port}`]) {
      const response = await rawRequest(port, { method: 'POST', path: '/rpc/tenants.create', headers: { ...auth, Origin: origin }, body: '{"name":"Cross"}' });
      expect(response.status, origin).toBe(403);
    }
    expect(await tenantCount()).toBe(0);
  });

  it('accepts localhost as Host and our own page as Origin', async () => {
    const response = await rawRequest(port, {
      method: 'POST',
      path: '/rpc/app.info',
      host: `localhost:${port}`,
      headers: { Authorization: `Bearer ${fx.server.token}`, Origin: `http://localhost:${port}` },
      body: '{}',
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ ok: true, value: { transport: 'host', version: '0.0.0-test' } });
    expect((await rpc(fx, 'app.info', {}, { Origin: `http://127.0.0.1:${port}` })).status).toBe(200);
  });
});

describe('host: what it accepts', () => {
  it('answers 400 BAD_REQUEST (typed) to malformed JSON', async () => {
    for (const body of ['{"name": "Acme"', 'not json', '']) {
      const response = await rawRequest(port, { method: 'POST', path: '/rpc/tenants.create', headers: { Authorization: `Bearer ${fx.server.token}` }, body });
      expect(response.status, body).toBe(400);
      expect(JSON.parse(response.body)).toEqual({ ok: false, error: { code: 'BAD_REQUEST', message: 'The request body is not valid JSON.' } });
    }
  });

  it('answers 404 UNKNOWN_CHANNEL for a channel the contract does not have', async () => {
    const response = await rpc(fx, 'tenants.destroyEverything', {});
    expect(response.status).toBe(404);
    expect(response.json).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('answers INVALID_INPUT with issues for wrong types, and changes nothing', async () => {
    const response = await rpc(fx, 'tenants.create', { name: 42 });
    expect(response.status).toBe(400);
    const body = response.json as { ok: false; error: { code: string; issues: { path: unknown[] }[] } };
    expect(body.error.code).toBe('INVALID_INPUT');
    expect(body.error.issues.map((issue) => issue.path)).toContainEqual(['name']);
    expect((await rpc(fx, 'tenants.create', { name: 'Acme', extra: true })).json).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await tenantCount()).toBe(0);
  });

  it('answers 413 to a declared body over the limit without waiting for it', async () => {
    const raw = await rawSocketExchange(
      port,
      `POST /rpc/tenants.create HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${fx.server.token}\r\nContent-Type: application/json\r\nContent-Length: ${HOST_MAX_BODY_BYTES + 1}\r\n\r\n`,
      null,
    );
    expect(raw.response).toMatch(/^HTTP\/1\.1 413 /);
    expect(raw.response).toContain('"code":"PAYLOAD_TOO_LARGE"');
  });

  it('answers 413 to a streamed (chunked) body once it passes the limit, without reading the rest', async () => {
    const raw = await rawSocketExchange(
      port,
      `POST /rpc/tenants.create HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${fx.server.token}\r\nTransfer-Encoding: chunked\r\n\r\n`,
      64 * 1024,
    );
    expect(raw.response).toMatch(/^HTTP\/1\.1 413 /);
    expect(raw.response).toContain('"code":"PAYLOAD_TOO_LARGE"');
    // The client would have sent forever: the server answered soon after the limit and hung up.
    expect(raw.bytesSent).toBeLessThan(HOST_MAX_BODY_BYTES * 4);
    expect(raw.closedByServer).toBe(true);
    expect(await tenantCount()).toBe(0);
  });

  it('lets transfer.* bodies past the general limit, so a 50 MB file gets the core’s own clear error', async () => {
    // 51 MiB of JSON text: over the general limit by far, under the transfer one.
    const text = `{"format":"chatbot-settings-export","pad":"${'x'.repeat(51 * 1024 * 1024)}"}`;
    const response = await rpc(fx, 'transfer.previewImport', { text });
    expect(response.status).toBe(400);
    const body = response.json as { ok: false; error: { code: string; issues: { message: string }[] } };
    expect(body.error.code).toBe('INVALID_INPUT');
    expect(body.error.issues[0]?.message).toMatch(/^transfer\.file\.tooLarge /);
    // The same size on another channel is still refused by the transport.
    const other = await rawSocketExchange(
      port,
      `POST /rpc/tenants.create HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${fx.server.token}\r\nContent-Type: application/json\r\nContent-Length: ${text.length}\r\n\r\n`,
      null,
    );
    expect(other.response).toMatch(/^HTTP\/1\.1 413 /);
  });

  it('answers 413 to a transfer.* body over its own limit', async () => {
    const raw = await rawSocketExchange(
      port,
      `POST /rpc/transfer.previewImport HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${fx.server.token}\r\nContent-Type: application/json\r\nContent-Length: ${HOST_MAX_TRANSFER_BODY_BYTES + 1}\r\n\r\n`,
      null,
    );
    expect(raw.response).toMatch(/^HTTP\/1\.1 413 /);
    expect(raw.response).toContain(`larger than ${HOST_MAX_TRANSFER_BODY_BYTES} bytes`);
  });

  it('takes a body just under the limit (a long name is refused by the schema, not the transport)', async () => {
    const name = 'x'.repeat(HOST_MAX_BODY_BYTES - 100);
    const response = await rpc(fx, 'tenants.create', { name });
    expect(response.status).toBe(400);
    expect((response.json as { error: { code: string } }).error.code).toBe('INVALID_INPUT');
  });
});

describe('host: static files', () => {
  it('serves the index with the CSP, nosniff, and no caching', async () => {
    const response = await rawRequest(port, { path: '/' });
    expect(response.status).toBe(200);
    expect(response.body).toBe(PLACEHOLDER_HTML);
    expect(response.headers['content-security-policy']).toBe(APP_CONTENT_SECURITY_POLICY);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-frame-options']).toBe('DENY');
    const asset = await rawRequest(port, { path: '/assets/app.js' });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
  });

  it('refuses path traversal in every spelling', async () => {
    const paths = ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e%2f%2e%2e%2fpackage.json', '/..\\secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '//etc/passwd', '/.%2e/secret.txt'];
    for (const path of paths) {
      const response = await rawRequest(port, { path });
      expect(response.status, path).toBe(404);
      expect(response.body).not.toContain(OUTSIDE_SECRET);
    }
  });

  it('does not serve writes to static paths', async () => {
    expect((await rawRequest(port, { method: 'POST', path: '/index.html', body: 'x' })).status).toBe(405);
  });
});

describe('host: where it listens', () => {
  it('binds 127.0.0.1 only: the machine’s other addresses refuse the connection', async () => {
    expect(fx.server.origin).toBe(`http://127.0.0.1:${port}/`);
    const external = Object.values(networkInterfaces())
      .flat()
      .find((info) => info !== undefined && info.family === 'IPv4' && !info.internal);
    const targets = ['::1', ...(external ? [external.address] : [])];
    for (const address of targets) {
      await expect(tryConnect(address, port), address).resolves.toMatch(/ECONNREFUSED|EADDRNOTAVAIL|ENETUNREACH|EAFNOSUPPORT/);
    }
    await expect(tryConnect('127.0.0.1', port)).resolves.toBe('connected');
  });
});

function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 3_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve('timeout');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

/**
 * Sends `head` on a raw socket, then (if chunkSize) keeps sending chunked data until the server
 * answers or closes; returns what came back and how much was sent.
 */
function rawSocketExchange(port: number, head: string, chunkSize: number | null): Promise<{ response: string; bytesSent: number; closedByServer: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let response = '';
    let bytesSent = 0;
    let done = false;
    const limit = HOST_MAX_BODY_BYTES * 8;
    const chunk = chunkSize ? Buffer.concat([Buffer.from(`${chunkSize.toString(16)}\r\n`), Buffer.alloc(chunkSize, 0x61), Buffer.from('\r\n')]) : null;
    const timer = setTimeout(() => finish(false), 10_000);
    const finish = (closedByServer: boolean): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ response, bytesSent, closedByServer });
    };
    const pump = (): void => {
      while (chunk && !done && response === '' && bytesSent < limit) {
        bytesSent += chunk.length;
        if (!socket.write(chunk)) {
          socket.once('drain', pump);
          return;
        }
      }
    };
    socket.on('connect', () => {
      socket.write(head);
      pump();
    });
    socket.on('data', (data: Buffer) => {
      response += data.toString('utf8');
    });
    socket.on('end', () => finish(true));
    socket.on('close', () => finish(true));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // The server hanging up while we still write is the expected outcome here.
      if (error.code === 'EPIPE' || error.code === 'ECONNRESET') finish(true);
      else reject(error);
    });
  });
}
