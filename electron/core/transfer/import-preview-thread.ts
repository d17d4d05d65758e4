import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { RpcError } from '../../../shared/rpc/rpc-error';
import type { ExportedTenant, ImportPreview, ImportPreviewRows } from '../../../shared/schemas/export-document';
import type { StoredSliceQuery, StoredTenant } from './import-slice-query';
import { callPreviews, fromWireError, toWireError, type FromPreviewThread, type PreviewMethod, type ToPreviewThread } from './import-preview-messages';
import { ImportPreviews, PREVIEW_TTL_MS, type ImportPreviewSource } from './import-previews';
import { encodeStoredSlice } from './stored-slice-wire';
import type { ImportFile } from './import-file-text';

/** The worker's file beside this one: built, the bundle's own entry (electron.vite.config.ts); from the sources, TypeScript. */
const WORKER_BUILT = './import-preview-worker.js';
const WORKER_SOURCE = './import-preview-worker.ts';

/** How to start the worker from `entry`: a built file as it is; a TypeScript one (tests, the headless host) through tsx. */
function workerStart(entry: URL): { script: string | URL; options: WorkerOptions } {
  const here = import.meta.url;
  if (!entry.pathname.endsWith('.ts')) return { script: entry, options: {} };
  const tsx = tsxApiUrl(here);
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`;
  return { script: boot, options: { eval: true } };
}

/** tsx's ESM API (its `register`), as its package's export map names it for `import`. */
function tsxApiUrl(from: string): string {
  const require = createRequire(from);
  const manifest = require.resolve('tsx/package.json');
  const exports = (require('tsx/package.json') as { exports: Record<string, { import: { default: string } }> }).exports;
  return pathToFileURL(join(dirname(manifest), exports['./esm/api']!.import.default)).href;
}

/** The worker's file beside this module: the built one in the app's bundle, the TypeScript one in the sources. */
function defaultEntry(): URL {
  return new URL(import.meta.url.endsWith('.ts') ? WORKER_SOURCE : WORKER_BUILT, import.meta.url);
}

export interface ImportPreviewThreadOptions {
  /** The worker's file (default: beside this module, built or TypeScript as this module is). */
  entry?: URL;
  /** The thread's heap limits (default: V8's): a thread over them stops, as after a crash. */
  resourceLimits?: WorkerOptions['resourceLimits'];
  /** How long the thread stays without a call before it ends (default: as long as a preview is kept). */
  idleMs?: number;
  /** Told when the thread's code cannot load: previews are then made in the core's thread. */
  onLoadFailure?: (error: Error) => void;
}

interface PendingCall {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/** A running thread: its worker, and whether its code has loaded. */
interface RunningThread {
  worker: Worker;
  ready: Promise<void>;
  /** Ended here (idle, or closing), not by a failure of its own. */
  ended: boolean;
}

const CLOSING = 'The import was stopped: the app is closing.';

/** A file's buffer when its bytes are the whole of it: it moves to the thread (no copy; gone from here). Text is copied. */
function movableBuffer(file: ImportFile): ArrayBuffer[] {
  return file instanceof Uint8Array && file.byteOffset === 0 && file.byteLength === file.buffer.byteLength && file.buffer instanceof ArrayBuffer ? [file.buffer] : [];
}

/** What a thread that keeps no preview answers (none is ever made here). */
const NO_PREVIEWS = new ImportPreviews(() => Promise.reject(new Error('no preview is made here')));

/**
 * The import's previews in a thread of their own (import-preview-worker.ts): a file of tens of
 * megabytes is parsed, checked and planned there while this thread stays free for other requests;
 * this thread only reads the store for it, a slice at a time (`readSlice`, one slice per turn of
 * the event loop). The thread starts when asked to get ready (the import dialog opened) or with the
 * first call, and ends after `idleMs` without calls (its previews have expired by then) or at
 * `close`. Calls wait for its code to load; if it cannot load (a broken install), they and every
 * later one are made in the core's thread instead (ImportPreviews, as the thread would), and
 * `onLoadFailure` is told once. If it stops after it loaded (a crash, out of memory), the calls in
 * flight fail with an INTERNAL error and the next call starts a new one, without the previews the
 * old one kept (they answer as expired).
 */
export class ImportPreviewThread implements ImportPreviewSource {
  private thread: RunningThread | null = null;
  /** Previews in the core's thread, once the thread's code could not load. */
  private inCore: ImportPreviews | null = null;
  private readonly calls = new Map<number, PendingCall>();
  private nextCall = 0;
  private closed = false;
  private idleTimer: NodeJS.Timeout | null = null;
  /** The store's reads the thread asked for, served one per turn of the event loop. */
  private readonly reads: { worker: Worker; id: number; query: StoredSliceQuery }[] = [];
  private serving = false;

  constructor(
    private readonly readSlice: (query: StoredSliceQuery) => (StoredTenant | null)[],
    private readonly options: ImportPreviewThreadOptions = {},
  ) {}

  /** A file's bytes that are the whole of their buffer move to the thread (movableBuffer); text is copied. */
  preview(file: ImportFile): Promise<ImportPreview> {
    return this.call('preview', [file], movableBuffer(file)) as Promise<ImportPreview>;
  }

  /** A file to apply without a preview: read and checked in the thread, which holds it (its text is copied there). */
  holdFile(file: ImportFile): Promise<{ holdId: string; total: number }> {
    return this.call('holdFile', [file], movableBuffer(file)) as Promise<{ holdId: string; total: number }>;
  }

  rows(previewId: string, offset: number, limit: number): Promise<ImportPreviewRows> {
    return this.call('rows', [previewId, offset, limit]) as Promise<ImportPreviewRows>;
  }

  hold(previewId: string): Promise<{ holdId: string; total: number }> {
    return this.call('hold', [previewId]) as Promise<{ holdId: string; total: number }>;
  }

  tenants(holdId: string, start: number, count: number): Promise<ExportedTenant[]> {
    return this.call('tenants', [holdId, start, count]) as Promise<ExportedTenant[]>;
  }

  async release(holdId: string): Promise<void> {
    await this.call('release', [holdId]);
  }

  discard(previewId: string): Promise<{ discarded: boolean }> {
    return this.call('discard', [previewId]) as Promise<{ discarded: boolean }>;
  }

  /** Starts the thread if it is not running; resolves once its code has loaded (or the core's thread stands in). */
  async prepare(): Promise<void> {
    if (this.closed) throw new RpcError('INTERNAL', CLOSING);
    if (this.inCore) return;
    const thread = this.ensureThread();
    await this.loaded(thread);
    if (this.calls.size === 0 && this.thread === thread) this.armIdleTimer();
  }

  get running(): boolean {
    return this.thread !== null || this.inCore !== null;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.inCore?.close();
    await this.end(new RpcError('INTERNAL', CLOSING));
  }

  private async call(method: PreviewMethod, args: unknown[], transfer: ArrayBuffer[] = []): Promise<unknown> {
    if (this.closed) throw new RpcError('INTERNAL', CLOSING);
    if (this.inCore) return callPreviews(this.inCore, method, args);
    // Without a thread there is no preview to page, hold or let go: answered as a fresh thread would, without starting one.
    if (!this.thread && method !== 'preview' && method !== 'holdFile') return callPreviews(NO_PREVIEWS, method, args);
    const thread = this.ensureThread();
    this.disarmIdleTimer();
    // Sent once the thread's code has loaded: until then the call (its file's bytes) stays here.
    if (!(await this.loaded(thread))) return callPreviews(this.inCore!, method, args);
    if (this.closed) throw new RpcError('INTERNAL', CLOSING);
    if (this.thread !== thread) throw new RpcError('INTERNAL', "The import's reader stopped; choose the file again.");
    const id = ++this.nextCall;
    return new Promise((resolve, reject) => {
      this.calls.set(id, { resolve, reject });
      const message: ToPreviewThread = { kind: 'call', id, method, args };
      thread.worker.postMessage(message, transfer);
    });
  }

  /** True once the thread's code has loaded; false when it could not, and the core's thread stands in from then on. */
  private async loaded(thread: RunningThread): Promise<boolean> {
    try {
      await thread.ready;
      return true;
    } catch (error) {
      if (this.closed) throw new RpcError('INTERNAL', CLOSING);
      if (thread.ended) throw new RpcError('INTERNAL', "The import's reader stopped; choose the file again.");
      if (!this.inCore) {
        this.inCore = new ImportPreviews(async (query) => this.readSlice(query));
        this.options.onLoadFailure?.(error instanceof Error ? error : new Error(String(error)));
      }
      return false;
    }
  }

  private ensureThread(): RunningThread {
    if (this.thread) return this.thread;
    const { script, options } = workerStart(this.options.entry ?? defaultEntry());
    const worker = new Worker(script, { ...options, resourceLimits: this.options.resourceLimits });
    // An idle thread does not keep the process alive; requests in flight do (their sockets or IPC).
    worker.unref();
    let loaded = (): void => undefined;
    let failed = (_error: Error): void => undefined;
    const ready = new Promise<void>((resolve, reject) => {
      loaded = resolve;
      failed = reject;
    });
    // Seen by whoever awaits it; never an unhandled rejection otherwise.
    ready.catch(() => undefined);
    worker.on('message', (message: FromPreviewThread) => {
      if (message.kind === 'ready') loaded();
      else this.onMessage(worker, message);
    });
    worker.on('error', (error) => this.stopped(worker, error.message, failed));
    worker.on('exit', (code) => this.stopped(worker, `it exited with code ${code}`, failed));
    this.thread = { worker, ready, ended: false };
    return this.thread;
  }

  private onMessage(worker: Worker, message: Exclude<FromPreviewThread, { kind: 'ready' }>): void {
    if (message.kind === 'read') {
      this.reads.push({ worker, id: message.id, query: message.query });
      this.serveReads();
      return;
    }
    if (message.kind === 'cancelRead') {
      const at = this.reads.findIndex((read) => read.worker === worker && read.id === message.id);
      if (at >= 0) this.reads.splice(at, 1);
      return;
    }
    const call = this.calls.get(message.id);
    if (!call) return;
    this.calls.delete(message.id);
    if (this.calls.size === 0) this.armIdleTimer();
    if (message.ok) call.resolve(message.value);
    else call.reject(fromWireError(message.error));
  }

  /** One read per turn: other requests get in between the slices of a large file. */
  private serveReads(): void {
    if (this.serving) return;
    this.serving = true;
    setImmediate(() => {
      this.serving = false;
      const read = this.reads.shift();
      if (!read) return;
      if (this.reads.length > 0) this.serveReads();
      // A thread that stopped meanwhile asked for nothing any more.
      if (read.worker !== this.thread?.worker) return;
      let answer: ToPreviewThread;
      try {
        answer = { kind: 'stored', id: read.id, ok: true, value: encodeStoredSlice(this.readSlice(read.query)) };
      } catch (error) {
        answer = { kind: 'stored', id: read.id, ok: false, error: toWireError(error) };
      }
      read.worker.postMessage(answer);
    });
  }

  /** Without calls for idleMs the thread ends (a later call starts another). */
  private armIdleTimer(): void {
    this.disarmIdleTimer();
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.calls.size === 0) void this.end(new RpcError('INTERNAL', 'The import reader had ended.'));
    }, this.options.idleMs ?? PREVIEW_TTL_MS);
    this.idleTimer.unref();
  }

  private disarmIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private async end(error: Error): Promise<void> {
    this.disarmIdleTimer();
    const thread = this.thread;
    this.thread = null;
    this.reads.length = 0;
    this.failCalls(error);
    if (!thread) return;
    thread.ended = true;
    await thread.worker.terminate();
  }

  /** The thread stopped by itself (`why`): before it loaded, `failed` says so; after, the calls in flight fail. */
  private stopped(worker: Worker, why: string, failed: (error: Error) => void): void {
    failed(new Error(why));
    if (this.thread?.worker !== worker) return;
    this.thread = null;
    this.disarmIdleTimer();
    this.failCalls(new RpcError('INTERNAL', `The import's reader stopped (${why}); choose the file again.`));
  }

  private failCalls(error: Error): void {
    for (const call of this.calls.values()) call.reject(error);
    this.calls.clear();
  }
}
