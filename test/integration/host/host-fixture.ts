import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { openCore, type Core } from '../../../electron/core/open-core';
import { startHostServer, type HostServer } from '../../../electron/host/server';

export const PLACEHOLDER_HTML = '<!doctype html><html><head><title>placeholder renderer</title><script type="module" src="./assets/app.js"></script></head><body></body></html>';
export const OUTSIDE_SECRET = 'this file is outside the renderer directory';

export interface HostFixture {
  base: string;
  core: Core;
  server: HostServer;
  close(): Promise<void>;
}

/** The real core in a temp data dir, behind the real host server on port 0, serving a placeholder renderer. */
export async function startHostFixture(): Promise<HostFixture> {
  const base = mkdtempSync(join(tmpdir(), 'host-test-'));
  const rendererDir = join(base, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), PLACEHOLDER_HTML);
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'export const app = 1;\n');
  writeFileSync(join(base, 'secret.txt'), OUTSIDE_SECRET);

  const core = openCore({ dataDir: join(base, 'data'), appVersion: '0.0.0-test', transport: 'host', onUnexpectedError: () => undefined });
  let server: HostServer;
  try {
    server = await startHostServer({ core, rendererDir, port: 0 });
  } catch (error) {
    await core.close();
    rmSync(base, { recursive: true, force: true });
    throw error;
  }
  return {
    base,
    core,
    server,
    async close() {
      await server.close();
      await core.close();
      rmSync(base, { recursive: true, force: true });
    },
  };
}

/**
 * One fixture for a test file: started before its tests, closed after them. The returned object
 * reads through to it, so a test uses it as the fixture itself.
 */
export function useHostFixture(): HostFixture {
  let fixture: HostFixture | undefined;
  beforeAll(async () => {
    fixture = await startHostFixture();
  });
  afterAll(async () => {
    await fixture?.close();
  });
  const current = (): HostFixture => {
    if (!fixture) throw new Error('the host fixture is read before its beforeAll ran');
    return fixture;
  };
  return {
    get base() {
      return current().base;
    },
    get core() {
      return current().core;
    },
    get server() {
      return current().server;
    },
    close: () => current().close(),
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Defaults to 127.0.0.1:PORT; a test may name another Host. */
  host?: string;
}

/** node:http, not fetch: fetch does not let a test choose the Host header or send raw paths. */
export function rawRequest(port: number, options: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { Host: options.host ?? `127.0.0.1:${port}`, ...options.headers },
        timeout: 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(options.body);
  });
}

/** POST /rpc/<channel> with the launch token. */
export async function rpc(fixture: HostFixture, channel: string, input: unknown, headers: Record<string, string> = {}): Promise<RawResponse & { json: unknown }> {
  const response = await rawRequest(fixture.server.port, {
    method: 'POST',
    path: `/rpc/${channel}`,
    headers: { Authorization: `Bearer ${fixture.server.token}`, 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(input),
  });
  return { ...response, json: JSON.parse(response.body) as unknown };
}
