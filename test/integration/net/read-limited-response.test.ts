import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readLimitedResponse, ResponseTooLargeError } from '../../../electron/core/net/read-limited-response';
import { BackendClient } from '../../../electron/core/sync/backend-client';
import { ACME_HMAC, qontakFailure, testQontakClient } from '../../support/sandbox/qontak-fixture';

/**
 * Answers read up to a size, against a server on 127.0.0.1 written here: bodies of declared length
 * and chunked ones, over and under the limit, and a character split between two chunks.
 */
const LIMIT = 64;
let server: Server;
let origin: string;
let agent: Agent;
/** Per path: how many requests came, and whether the server could write its whole body. */
const seen = new Map<string, { requests: number; finished: boolean }>();

function note(path: string, res: ServerResponse): void {
  const entry = seen.get(path) ?? { requests: 0, finished: false };
  entry.requests++;
  seen.set(path, entry);
  res.on('finish', () => (entry.finished = true));
}

/** Writes `pieces` one after another, a few milliseconds apart (each its own chunk on the wire). */
function trickle(res: ServerResponse, pieces: Buffer[]): void {
  let next = 0;
  const write = (): void => {
    if (res.destroyed) return;
    if (next === pieces.length) {
      res.end();
      return;
    }
    res.write(pieces[next++]);
    setTimeout(write, 5);
  };
  write();
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    note(path, res);
    const json = { 'Content-Type': 'application/json' };
    switch (path) {
      case '/split': {
        // "é" is two bytes in UTF-8: the first chunk ends after its first byte.
        const text = Buffer.from('{"name":"café au lait"}', 'utf8');
        const cut = text.indexOf(0xc3) + 1;
        res.writeHead(200, json);
        trickle(res, [text.subarray(0, cut), text.subarray(cut)]);
        return;
      }
      case '/exact': {
        const text = `"${'a'.repeat(LIMIT - 2)}"`;
        res.writeHead(200, { ...json, 'Content-Length': String(LIMIT) });
        res.end(text);
        return;
      }
      case '/declared-large':
      case '/health': {
        const text = `{"ok":true,"padding":"${'a'.repeat(4 * LIMIT)}"}`;
        res.writeHead(200, { ...json, 'Content-Length': String(Buffer.byteLength(text)) });
        res.end(text);
        return;
      }
      case '/chunked-large':
      case '/qontak/large': {
        // No declared length: the body only shows its size as it comes, 32 bytes at a time.
        res.writeHead(200, json);
        trickle(res, Array.from({ length: 40 }, () => Buffer.from('x'.repeat(32))));
        return;
      }
      default:
        res.writeHead(404, json);
        res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  agent = new Agent();
});

afterAll(async () => {
  await agent.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function read(path: string): Promise<string> {
  const response = await request(`${origin}${path}`, { dispatcher: agent });
  return readLimitedResponse(response.body, response.headers['content-length'], LIMIT);
}

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (error: unknown) => error,
  );
}

describe('readLimitedResponse', () => {
  it('joins a body that came in several chunks, a character split between two of them', async () => {
    expect(JSON.parse(await read('/split'))).toEqual({ name: 'café au lait' });
  });

  it('reads a body exactly as long as the limit', async () => {
    expect(await read('/exact')).toBe(`"${'a'.repeat(LIMIT - 2)}"`);
  });

  it('refuses a declared length over the limit', async () => {
    const error = await refusal(read('/declared-large'));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect((error as ResponseTooLargeError).maxBytes).toBe(LIMIT);
  });

  it('stops reading a chunked body once it passes the limit, and drops the connection', async () => {
    expect(await refusal(read('/chunked-large'))).toBeInstanceOf(ResponseTooLargeError);
    // The server's 40 chunks take ≥ 200 ms; the body was destroyed after the third, so it never finishes.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen.get('/chunked-large')).toEqual({ requests: 1, finished: false });
  });
});

describe('the backend clients over it', () => {
  it('BackendClient: a too large answer is a bad response, not tried again, and the backend counts as reachable', async () => {
    const reachability: boolean[] = [];
    const client = new BackendClient({
      baseUrl: origin,
      dispatcher: agent,
      maxResponseBytes: LIMIT,
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
      onReachability: (reachable) => reachability.push(reachable),
    });
    const error = await refusal(client.call('health'));
    expect(error).toMatchObject({ kind: 'bad_response', message: "The backend's answer to GET /health is larger than the app accepts." });
    expect(seen.get('/health')?.requests).toBe(1);
    expect(reachability).toEqual([true]);
  });

  it('QontakClient: a too large answer is a bad answer, asked once', async () => {
    const client = testQontakClient(`${origin}/qontak`, ACME_HMAC, { dispatcher: agent, proxyFor: () => null }, { maxResponseBytes: LIMIT });
    const error = await qontakFailure(client.getJson('/large', z.unknown()));
    expect(error.reason).toBe('bad_answer');
    expect(error.message).toBe('The answer to GET /qontak/large is larger than the app accepts.');
    expect(seen.get('/qontak/large')?.requests).toBe(1);
  });
});
