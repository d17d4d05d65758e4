import { fork, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RendererApi, RpcEventName } from '../../../shared/rpc/contract';
import type { RpcResult } from '../../../shared/rpc/rpc-error';
import { createRpcClient, type RpcClient } from '../../../renderer/src/api/rpc-client';
import { copyAsIpc, toIpcJson } from './ipc-copy';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../../..');
const CHILD = join(HERE, 'core-child.ts');

export { insideKeyringSession } from '../keyring/keyring-sandbox';
export const KEYRING_SKIP_REASON = 'needs a private keyring session: run `bash scripts/with-keyring.sh npx vitest run --project renderer`';

export interface CoreProcess {
  client: RpcClient;
  transport: RendererApi;
  /** Every answer and event the renderer received, as the JSON it came as. */
  received: string[];
  /** Every request the renderer sent, by channel. */
  sent: Array<{ channel: string; input: unknown }>;
  /** Holds core events back (to see what the renderer does with a list it has not refreshed yet). */
  muteEvents(muted: boolean): void;
  /** Sets (or with null, removes) environment variables in the core's process. */
  setEnv(set: Record<string, string | null>): Promise<void>;
  stop(): Promise<void>;
}

/** The environment of a process with no D-Bus session at all: the keychain cannot be reached, for real. */
export function envWithoutDbus(runtimeDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_RUNTIME_DIR: runtimeDir };
  for (const name of ['DBUS_SESSION_BUS_ADDRESS', 'DISPLAY', 'WAYLAND_DISPLAY']) delete env[name];
  return env;
}

/**
 * Starts the real core (SQLite in a temp dir, the OS keychain, Node's own HTTP client) in a child
 * process and gives the renderer a transport to it over the process's IPC channel — the shape of
 * Electron's preload. The core runs outside the test's DOM environment, as it does in the app.
 * `sheetPdfDir`: the core has a PDF maker, as in the desktop app, that keeps what it was asked to
 * print there (the page as `<file name>.html`; Electron's printing is unit-tested on its own).
 */
export function startCoreProcess(options: { env?: NodeJS.ProcessEnv; timeoutMs?: number; sheetPdfDir?: string } = {}): Promise<CoreProcess> {
  const root = mkdtempSync(join(tmpdir(), 'renderer-core-process-'));
  const dataDir = join(root, 'data');
  const child: ChildProcess = fork(CHILD, [dataDir, ...(options.sheetPdfDir ? [options.sheetPdfDir] : [])], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    env: options.env ?? process.env,
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));

  let nextId = 1;
  const pending = new Map<number, (value: unknown) => void>();
  const listeners = new Set<{ event: RpcEventName; listener: (payload: unknown) => void }>();
  const received: string[] = [];
  const sent: CoreProcess['sent'] = [];
  let muted = false;

  child.on('message', (message: { type: string; id?: number; result?: unknown; name?: RpcEventName; payload?: unknown }) => {
    if (message.type === 'result' || message.type === 'env-done') {
      const resolveCall = pending.get(message.id as number);
      pending.delete(message.id as number);
      if (message.type === 'result') received.push(JSON.stringify(message.result));
      resolveCall?.(message.result);
    } else if (message.type === 'event') {
      received.push(JSON.stringify(message.payload));
      if (muted) return;
      for (const entry of listeners) if (entry.event === message.name) entry.listener(message.payload);
    }
  });

  function request(message: Record<string, unknown>): Promise<unknown> {
    const id = nextId++;
    return new Promise((resolveCall, reject) => {
      if (!child.connected) return reject(new Error('the core process is gone'));
      pending.set(id, resolveCall);
      child.send({ ...message, id });
    });
  }

  const transport: RendererApi = {
    invoke(channel, input) {
      sent.push({ channel, input: copyAsIpc(input) });
      return request({ type: 'call', channel, input: toIpcJson(input) }) as Promise<RpcResult<unknown>>;
    },
    on(event, listener) {
      const entry = { event, listener };
      listeners.add(entry);
      return () => listeners.delete(entry);
    },
  };

  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the core process did not start: ${stderr}`));
    }, options.timeoutMs ?? 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the core process exited with ${code}: ${stderr}`));
    });
    child.once('message', (message: { type: string }) => {
      if (message.type !== 'ready') return;
      clearTimeout(timer);
      resolveStart({
        client: createRpcClient(transport),
        transport,
        received,
        sent,
        muteEvents: (value) => {
          muted = value;
        },
        setEnv: async (set) => {
          await request({ type: 'env', set });
        },
        async stop() {
          if (child.exitCode === null && child.signalCode === null) {
            if (child.connected) child.send({ type: 'close' });
            const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
            await exited;
            clearTimeout(killer);
          }
          rmSync(root, { recursive: true, force: true });
        },
      });
    });
  });
}

/** A fresh directory with mode 700 (as XDG_RUNTIME_DIR must be), removed by the caller. */
export function privateDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o700);
  return dir;
}
