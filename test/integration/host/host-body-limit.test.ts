import { request } from 'node:http';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { HOST_MAX_BODY_BYTES } from '../../../shared/rpc/contract';
import { rpc, useHostFixture } from './host-fixture';

const fx = useHostFixture();

type Outcome = { status: number; body: string } | { error: string };

/** One POST whose whole body the client sends, as an ordinary HTTP client does, and whatever it reads back. */
function postOversized(port: number, token: string, bytes: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const body = Buffer.alloc(bytes, 0x61);
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/rpc/tenants.create',
        headers: { Host: `127.0.0.1:${port}`, Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Content-Length': String(bytes) },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (error) => resolve({ error: (error as NodeJS.ErrnoException).code ?? error.message }));
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error('timed out')));
    // A write error after the answer arrived changes nothing for the caller: it already has its 413.
    req.on('error', (error) => resolve({ error: (error as NodeJS.ErrnoException).code ?? error.message }));
    req.end(body);
  });
}

/**
 * A client that writes its whole request before it reads the answer (as many simple HTTP clients
 * do): the host's answer waits in the socket meanwhile, and a reset from the host would discard it.
 */
function postOversizedThenRead(port: number, token: string, bytes: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.pause();
    let received = '';
    let settled = false;
    const settle = (outcome: Outcome): void => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => settle({ error: 'timed out' }), 30_000);
    socket.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      settle(received.startsWith('HTTP/1.1 ') ? parse(received) : { error: error.code ?? error.message });
    });
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
    socket.on('end', () => {
      clearTimeout(timer);
      settle(parse(received));
    });
    socket.on('connect', () => {
      socket.write(`POST /rpc/tenants.create HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: ${bytes}\r\n\r\n`);
      socket.write(Buffer.alloc(bytes, 0x61), () => setTimeout(() => socket.resume(), 50));
    });
  });
}

function parse(raw: string): Outcome {
  const status = /^HTTP\/1\.1 (\d{3}) /.exec(raw);
  if (!status) return { error: raw === '' ? 'nothing read' : 'not HTTP' };
  return { status: Number(status[1]), body: raw.slice(raw.indexOf('\r\n\r\n') + 4) };
}

describe('host: oversized requests', { timeout: 60_000 }, () => {
  it('answers every one of 60 concurrent oversized requests with a 413 the client reads (no reset before the answer)', async () => {
    const sizes = Array.from({ length: 60 }, (_, i) => 2 * HOST_MAX_BODY_BYTES + i * 16 * 1024);
    const outcomes = await Promise.all(sizes.map((bytes) => postOversized(fx.server.port, fx.server.token, bytes)));
    const failures = outcomes.filter((outcome) => !('status' in outcome) || outcome.status !== 413);
    expect(failures).toEqual([]);
    for (const outcome of outcomes) expect('body' in outcome && JSON.parse(outcome.body).error.code).toBe('PAYLOAD_TOO_LARGE');
    // The host is still fine afterwards, and nothing was created.
    expect((await rpc(fx, 'tenants.list', {})).json).toEqual({ ok: true, value: [] });
  });

  it('lets 60 concurrent clients that write their whole body before reading still read their 413', async () => {
    const sizes = Array.from({ length: 60 }, (_, i) => 2 * HOST_MAX_BODY_BYTES + i * 16 * 1024);
    const outcomes = await Promise.all(sizes.map((bytes) => postOversizedThenRead(fx.server.port, fx.server.token, bytes)));
    expect(outcomes.filter((outcome) => !('status' in outcome) || outcome.status !== 413)).toEqual([]);
    for (const outcome of outcomes) expect('body' in outcome && JSON.parse(outcome.body).error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
