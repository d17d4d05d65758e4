import { request } from 'node:http';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { HOST_MAX_BODY_BYTES } from '../../../shared/rpc/contract';
import { rpc, useHostFixture } from './host-fixture';

const fx = useHostFixture();

interface Sent {
  status: number;
  json: { ok: boolean; value?: unknown; error?: { code: string } };
}

/**
 * A POST whose body goes out in the given pieces, one write each, a few milliseconds apart (so the
 * host reads them as separate chunks); with `declared` the Content-Length, else chunked encoding.
 */
function postInPieces(channel: string, pieces: Buffer[], declared: boolean): Promise<Sent> {
  const length = pieces.reduce((sum, piece) => sum + piece.length, 0);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: fx.server.port,
        method: 'POST',
        path: `/rpc/${channel}`,
        headers: {
          Host: `127.0.0.1:${fx.server.port}`,
          Authorization: `Bearer ${fx.server.token}`,
          'Content-Type': 'application/json',
          ...(declared ? { 'Content-Length': String(length) } : { 'Transfer-Encoding': 'chunked' }),
        },
        agent: false,
        timeout: 20_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Sent['json'] }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    // Writes after an early answer (413) may fail: the answer is what counts.
    req.on('error', () => undefined);
    const writeNext = (index: number): void => {
      if (index === pieces.length) {
        req.end();
        return;
      }
      if (req.destroyed) return;
      req.write(pieces[index]!, () => setTimeout(() => writeNext(index + 1), 2));
    };
    writeNext(0);
  });
}

/** `bytes` cut every `size` bytes, wherever that falls (inside a character's UTF-8 bytes too). */
function cut(bytes: Buffer, size: number): Buffer[] {
  const pieces: Buffer[] = [];
  for (let start = 0; start < bytes.length; start += size) pieces.push(bytes.subarray(start, start + size));
  return pieces;
}

describe('host: reading request bodies', { timeout: 60_000 }, () => {
  // Each character below is 2–4 bytes of UTF-8: cutting every 3 bytes splits most of them.
  const name = 'Kopi Čerstvá 東京 ☕ 🍵';

  it('reads a body of declared length that arrives in pieces, characters split between them, exactly', async () => {
    const body = Buffer.from(JSON.stringify({ name }), 'utf8');
    const sent = await postInPieces('tenants.create', cut(body, 3), true);
    expect(sent.status).toBe(200);
    expect(sent.json).toMatchObject({ ok: true, value: { name } });
  });

  it('reads a chunked body (no declared length) the same way', async () => {
    const other = `${name} 2`;
    const body = Buffer.from(JSON.stringify({ name: other }), 'utf8');
    const sent = await postInPieces('tenants.create', cut(body, 5), false);
    expect(sent.status).toBe(200);
    expect(sent.json).toMatchObject({ ok: true, value: { name: other } });
  });

  it('refuses a chunked body as soon as it grows past the limit (413), and nothing is created', async () => {
    const before = (await rpc(fx, 'tenants.list', {})).json as { value: unknown[] };
    const piece = Buffer.alloc(256 * 1024, 0x61);
    const pieces = Array.from({ length: Math.ceil((2 * HOST_MAX_BODY_BYTES) / piece.length) }, () => piece);
    const sent = await postInPieces('tenants.create', pieces, false);
    expect(sent.status).toBe(413);
    expect(sent.json).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(((await rpc(fx, 'tenants.list', {})).json as { value: unknown[] }).value).toHaveLength(before.value.length);
  });

  it('a client that goes away before the declared length arrived changes nothing, and the host goes on', async () => {
    const before = (await rpc(fx, 'tenants.list', {})).json as { value: unknown[] };
    await new Promise<void>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port: fx.server.port }, () => {
        const part = '{"name":"Setengah';
        socket.write(
          `POST /rpc/tenants.create HTTP/1.1\r\nHost: 127.0.0.1:${fx.server.port}\r\nAuthorization: Bearer ${fx.server.token}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n${part}`,
          () => setTimeout(() => socket.destroy(), 50),
        );
      });
      socket.on('close', () => resolve());
      socket.on('error', () => undefined);
    });
    const after = await rpc(fx, 'tenants.list', {});
    expect(after.status).toBe(200);
    expect((after.json as { value: unknown[] }).value).toHaveLength(before.value.length);
  });
});
