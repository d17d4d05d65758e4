// @vitest-environment node
// How the page's HTTP transport carries an import file to the real host and core: as the raw
// body (the chosen file's bytes, as the import dialog sends them, or a text), never escaped into a JSON string (Node's own fetch: the browser environment's fetch
// would apply a page origin the host rightly refuses).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../../electron/core/open-core';
import { startHostServer, type HostServer } from '../../../../electron/host/server';
import { createHttpTransport } from '../../../../renderer/src/api/http-transport';
import { primeTransport } from '../../../../renderer/src/api/primed-transport';
import { createRpcClient } from '../../../../renderer/src/api/rpc-client';
import { HOST_TEXT_BODY_TYPE } from '../../../../shared/rpc/host-transport';
import { exportFileOf } from '../../../support/transfer/export-file';

let dir: string;
let core: Core;
let host: HostServer;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'import-transport-'));
  core = openCore({ dataDir: join(dir, 'data'), appVersion: 'test', transport: 'host', onUnexpectedError: () => undefined });
  host = await startHostServer({ core, rendererDir: dir, port: 0 });
});
afterEach(async () => {
  await host.close();
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Sent {
  channel: string;
  contentType: string;
  body: string;
  /** The body went as bytes (not as a string). */
  bytes: boolean;
}

/** The page's transport over Node's fetch, recording what each call sent. */
function recordingClient() {
  const sent: Sent[] = [];
  const transport = createHttpTransport({
    baseUrl: host.origin.replace(/\/$/, ''),
    token: host.token,
    fetch: (url, init) => {
      const headers = new Headers(init?.headers);
      const body = init?.body;
      const bytes = body instanceof Uint8Array;
      sent.push({ channel: decodeURIComponent(String(url).split('/rpc/')[1] ?? ''), contentType: headers.get('content-type') ?? '', body: bytes ? new TextDecoder().decode(body) : String(body), bytes });
      return fetch(url, init);
    },
  });
  return { client: createRpcClient(transport), sent, close: () => transport.close() };
}

describe('the import file over the host transport', () => {
  it('goes as the raw text body, and the preview is the core’s', async () => {
    const { client, sent, close } = recordingClient();
    try {
      await client.call('tenants.create', { name: 'Toko 1' });
      const text = exportFileOf(2);
      const preview = await client.call('transfer.previewImport', { text });
      expect(preview.total).toBe(2);
      expect(preview.counts).toEqual({ create: 1, update: 1, unchanged: 0 });
      const call = sent.find((entry) => entry.channel === 'transfer.previewImport')!;
      expect(call.contentType).toBe(HOST_TEXT_BODY_TYPE);
      expect(call.body).toBe(text);
      // Every other call keeps its JSON body.
      expect(sent.find((entry) => entry.channel === 'tenants.create')).toMatchObject({ contentType: 'application/json', body: '{"name":"Toko 1"}' });
      await client.call('transfer.discardPreview', { previewId: preview.previewId });
      expect(sent.at(-1)).toMatchObject({ channel: 'transfer.discardPreview', contentType: 'application/json' });
    } finally {
      close();
    }
  });

  it('goes as the file’s bytes when given them (as the import dialog sends a chosen file), decoded as UTF-8 by the core', async () => {
    const { client, sent, close } = recordingClient();
    try {
      // A name beyond ASCII, split across the body's bytes as UTF-8 does: the core decodes it once, whole.
      const text = exportFileOf(2).replace('"Toko 1"', '"Toko Ñandú 1"');
      const file = new TextEncoder().encode(text);
      const preview = await client.call('transfer.previewImport', { text: file });
      expect(preview.total).toBe(2);
      expect(preview.tenants.map((tenant) => tenant.name)).toContain('Toko Ñandú 1');
      const call = sent.find((entry) => entry.channel === 'transfer.previewImport')!;
      expect(call).toMatchObject({ contentType: HOST_TEXT_BODY_TYPE, bytes: true, body: text });
    } finally {
      close();
    }
  });

  it('sends an input that is not just the text as JSON, so the core judges it as before', async () => {
    const { client, sent, close } = recordingClient();
    try {
      const refused = await client.call('transfer.previewImport', { text: exportFileOf(1), extra: true } as never).catch((error: unknown) => error);
      expect(refused).toMatchObject({ code: 'INVALID_INPUT' });
      expect(sent[0]?.contentType).toBe('application/json');
    } finally {
      close();
    }
  });
});

describe('the import file through the primed transport (the first screen’s answers)', () => {
  it('goes straight through on a channel no primed answer waits for: no key is made of its input', async () => {
    const passed: unknown[] = [];
    const transport = primeTransport(
      { invoke: (_channel, input) => (passed.push(input), Promise.resolve({ ok: true, value: 'from the transport' })), on: () => () => undefined },
      { channel: 'tenants.listPage', input: { offset: 0 }, result: Promise.resolve({ ok: true, value: 'primed' }) },
    );
    // An input that cannot be turned into a key: making one would throw.
    const input = { text: exportFileOf(1), toJSON: () => { throw new Error('the input was copied into a key'); } };
    await expect(transport.invoke('transfer.previewImport', input)).resolves.toEqual({ ok: true, value: 'from the transport' });
    expect(passed).toEqual([input]);
    // The primed answer still goes to its own call.
    await expect(transport.invoke('tenants.listPage', { offset: 0 })).resolves.toEqual({ ok: true, value: 'primed' });
  });
});
