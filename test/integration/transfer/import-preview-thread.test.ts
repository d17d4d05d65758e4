import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ImportPreviewThread } from '../../../electron/core/transfer/import-preview-thread';
import { RpcError } from '../../../shared/rpc/rpc-error';
import type { ImportPreview, ImportResult } from '../../../shared/schemas/export-document';
import { snapshot, useRpcCore } from '../../support/core/rpc-core';

const CONN = { name: 'Jurnal', description: 'Accounting', code: 'JURNAL_API', baseUrl: 'https://api.jurnal.id', settingsKeys: null, headers: null, token: null };

function tenant(name: string) {
  return { name, backendUrl: null, tags: ['imported'], aiResponse: null, idleAction: null, referenceNames: { divisions: {}, agents: {} }, apiConnections: [CONN] };
}

function fileOf(names: string[]): string {
  return JSON.stringify({ format: 'chatbot-settings-export', version: 1, exportedAt: '2026-01-15T09:00:00.000Z', tenants: names.map(tenant) });
}

/** A file of `count` tenants, Toko 00001…, padded so that the file is large. */
function largeFile(count: number): string {
  return fileOf(Array.from({ length: count }, (_, i) => `Toko ${String(i + 1).padStart(5, '0')} ${'x'.repeat(40)}`));
}

async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Every tenant of a file is new: what the store holds of none of them. */
const NOTHING_STORED = (query: { names: string[] }) => query.names.map(() => null);

describe('import previews run in a thread of their own (import-preview-thread.ts)', () => {
  const open = useRpcCore('import-thread-');
  const threads: ImportPreviewThread[] = [];
  const thread = (...args: ConstructorParameters<typeof ImportPreviewThread>) => {
    const made = new ImportPreviewThread(...args);
    threads.push(made);
    return made;
  };
  afterEach(async () => {
    await Promise.all(threads.splice(0).map((made) => made.close()));
  });

  it("answers other requests while a large file is previewed: the core's thread only reads the store for it", async () => {
    const { rpc } = open();
    await rpc.tenant('PT Ada');
    const text = largeFile(3000);
    const started = performance.now();
    let previewMs = 0;
    let listMs = 0;
    const preview = rpc.ok<ImportPreview>('transfer.previewImport', { text }).then((value) => {
      previewMs = performance.now() - started;
      return value;
    });
    const list = rpc.ok('tenants.list', {}).then(() => (listMs = performance.now() - started));
    await Promise.all([preview, list]);
    // The list is answered within a small part of the preview's time (here it would wait for the
    // file to be parsed, checked and planned).
    expect(listMs).toBeLessThan(previewMs / 3);
    expect((await preview).counts).toEqual({ create: 3000, update: 0, unchanged: 0 });
  });

  it('matches a tenant by its checked name when the file spells it otherwise (the reads made before the checks are not used)', async () => {
    const { core, rpc } = open();
    const ada = await rpc.tenant('PT Ada');
    const before = snapshot(core.services.db);
    const preview = await rpc.ok<ImportPreview>('transfer.previewImport', { text: fileOf(['  PT Ada  ', 'PT Baru']) });
    expect(preview.tenants.map((row) => [row.name, row.action, row.tenantId])).toEqual([
      ['PT Ada', 'update', ada.id],
      ['PT Baru', 'create', null],
    ]);
    expect(snapshot(core.services.db)).toEqual(before);
  });

  it('reads a file applied without a preview in the thread too (a refused one refused there), and applies it', async () => {
    const { core, rpc } = open();
    expect(core.services.importer.readerRunning).toBe(false);
    expect(await rpc.error('transfer.applyImport', { text: '{"format": chatbot}' })).toMatchObject({
      code: 'INVALID_INPUT',
      issues: [{ path: ['text'], message: expect.stringMatching(/^transfer\.file\.notJson/) }],
    });
    // The file was read where previews are: the thread started for it.
    expect(core.services.importer.readerRunning).toBe(true);
    const result = await rpc.ok<ImportResult>('transfer.applyImport', { text: fileOf(['Toko Satu', 'Toko Dua']) });
    expect(result.created).toHaveLength(2);
    expect((await rpc.ok<Array<{ name: string }>>('tenants.list', {})).map((tenant) => tenant.name).sort()).toEqual(['Toko Dua', 'Toko Satu']);
  });

  it("takes a file's bytes without copying them (they move to the thread) and decodes them as UTF-8", async () => {
    const reader = thread(NOTHING_STORED);
    const bytes = new Uint8Array(Buffer.from(fileOf(['Toko Ümit ✓'])));
    const preview = await reader.preview(bytes);
    expect(bytes.byteLength).toBe(0);
    expect(preview.tenants.map((row) => row.name)).toEqual(['Toko Ümit ✓']);

    // Bytes that are part of a larger buffer are copied: the rest of the buffer stays the caller's.
    const whole = Buffer.from(`${fileOf(['Toko Dua'])}and more`);
    const part = new Uint8Array(whole.buffer, whole.byteOffset, whole.length - 'and more'.length);
    expect((await reader.preview(part)).tenants.map((row) => row.name)).toEqual(['Toko Dua']);
    expect(whole.toString('utf8').endsWith('and more')).toBe(true);
  });

  it('refuses a bad file with its own error and stays up for the next one', async () => {
    const reader = thread(NOTHING_STORED);
    const refused = await reader.preview('{"format": chatbot}').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RpcError);
    expect(refused).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['text'], message: expect.stringMatching(/^transfer\.file\.notJson/) }] });
    expect(reader.running).toBe(true);
    expect((await reader.preview(fileOf(['Toko Satu']))).total).toBe(1);
  });

  it("drops the store's reads a refused file no longer needs: none is made once the refusal is known", async () => {
    let served = 0;
    // A slow store (each read holds the core's thread 100 ms): most reads are still waiting when the file is refused.
    const reader = thread((query) => {
      served++;
      const until = performance.now() + 100;
      while (performance.now() < until);
      return query.names.map(() => null);
    });
    // Refused by the checks (made by a newer app), after the file was parsed and its four slices' reads asked for.
    const newer = fileOf(Array.from({ length: 2000 }, (_, i) => `Toko ${i + 1}`)).replace('"version":1', '"version":2');
    const refused = await reader.preview(newer).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['version'] }] });
    const atRefusal = served;
    expect(atRefusal).toBeLessThan(4);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(served).toBe(atRefusal);
    // The next file's reads are made as usual.
    expect((await reader.preview(fileOf(['Toko Satu']))).total).toBe(1);
    expect(served).toBe(atRefusal + 1);
  });

  it("a failed read of the store fails the preview with the store's error", async () => {
    const reader = thread(() => {
      throw new RpcError('STORE_UNAVAILABLE', 'The local store is closed.');
    });
    await expect(reader.preview(fileOf(['Toko Satu']))).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE', message: 'The local store is closed.' });
  });

  it('a thread that stops (out of memory here) fails its calls with INTERNAL; the next call starts another, without the old previews', async () => {
    const reader = thread(NOTHING_STORED, { resourceLimits: { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 } });
    const kept = await reader.preview(fileOf(['Toko Satu']));
    const crashed = await reader.preview(largeFile(60_000)).catch((error: unknown) => error);
    expect(crashed).toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(/^The import's reader stopped \(.+\); choose the file again\.$/) });

    expect((await reader.preview(fileOf(['Toko Dua']))).tenants.map((row) => row.name)).toEqual(['Toko Dua']);
    await expect(reader.rows(kept.previewId, 0, 10)).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/expired/) });
  });

  it('starts only when asked: prepareImport answers once its code has loaded; a core without imports never starts it', async () => {
    const { core, rpc } = open();
    await rpc.tenant('PT Ada');
    expect(core.services.importer.readerRunning).toBe(false);
    expect(await rpc.ok('transfer.prepareImport', {})).toEqual({ ready: true });
    expect(core.services.importer.readerRunning).toBe(true);
    // Ready twice is the same thread, ready at once.
    expect(await rpc.ok('transfer.prepareImport', {})).toEqual({ ready: true });
    expect((await rpc.ok<ImportPreview>('transfer.previewImport', { text: fileOf(['PT Ada']) })).counts.update).toBe(1);
  });

  it('ends after a while without calls, and a later call starts another', async () => {
    const reader = thread(NOTHING_STORED, { idleMs: 200 });
    await reader.prepare();
    expect(reader.running).toBe(true);
    const kept = await reader.preview(fileOf(['Toko Satu']));
    // A call in between puts the end off.
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect((await reader.rows(kept.previewId, 0, 10)).total).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(reader.running).toBe(true);
    await waitUntil(() => !reader.running);
    // Its previews went with it; asking after them does not start another thread.
    await expect(reader.rows(kept.previewId, 0, 10)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await reader.discard(kept.previewId)).toEqual({ discarded: false });
    expect(reader.running).toBe(false);
    expect((await reader.preview(fileOf(['Toko Dua']))).total).toBe(1);
    expect(reader.running).toBe(true);
  });

  it('close ends the thread: a call in flight and any later one fail, and it does not start again', async () => {
    const reader = thread(NOTHING_STORED);
    await reader.preview(fileOf(['Toko Satu']));
    const inFlight = reader.preview(largeFile(3000)).catch((error: unknown) => error);
    await reader.close();
    expect(await inFlight).toMatchObject({ code: 'INTERNAL', message: 'The import was stopped: the app is closing.' });
    await expect(reader.preview(fileOf(['Toko Dua']))).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(reader.running).toBe(false);
  });

  it("a thread whose code cannot load (a broken install): previews are made in the core's thread, and it is said once", async () => {
    const failures: string[] = [];
    const missing = new URL('../../../out/main/no-such-worker.js', import.meta.url);
    const reader = thread(NOTHING_STORED, { entry: missing, onLoadFailure: (error) => failures.push(error.message) });
    await reader.prepare();
    const bytes = new Uint8Array(Buffer.from(fileOf(['Toko Satu', 'Toko Dua'])));
    const preview = await reader.preview(bytes);
    expect(preview.tenants.map((row) => row.name)).toEqual(['Toko Satu', 'Toko Dua']);
    expect((await reader.rows(preview.previewId, 1, 5)).tenants.map((row) => row.name)).toEqual(['Toko Dua']);
    await expect(reader.preview('{"format": chatbot}')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(/^Cannot find module .*no-such-worker\.js/);
    expect(reader.running).toBe(true);
  });

  it('runs from the built bundle as the app starts it (out/main/import-preview-worker.js)', async (context) => {
    const built = new URL('../../../out/main/import-preview-worker.js', import.meta.url);
    // `npm test` builds first; a bare vitest run before any build has nothing to run.
    if (!existsSync(built)) context.skip();
    const reader = thread(NOTHING_STORED, { entry: built });
    const preview = await reader.preview(fileOf(['Toko Satu', 'Toko Dua']));
    expect(preview).toMatchObject({ total: 2, counts: { create: 2, update: 0, unchanged: 0 } });
    const held = await reader.hold(preview.previewId);
    expect(held.total).toBe(2);
    expect((await reader.tenants(held.holdId, 1, 5)).map((row) => row.name)).toEqual(['Toko Dua']);
  });
});
