import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The package is ESM: no __dirname here.
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const HOST_LINE = /^host: (http:\/\/127\.0\.0\.1:(\d+)\/#token=([\w-]+))$/;

/** Where a running host answers: what an RPC call from outside the page needs. */
export interface HostAddress {
  /** `http://127.0.0.1:<port>` of the running host. */
  origin: string;
  /** The session token (what the page sends as `Authorization: Bearer …`). */
  token: string;
}

export interface RunningHost extends HostAddress {
  /** The address the host printed: open it in the browser. */
  url: string;
  /** The host's own process (Node with tsx's loader, as `npm run host`): for its memory. */
  pid: number;
  /** The data directory the host runs on. */
  dataDir: string;
  /** Everything the host wrote to stdout and stderr so far (its log: the leak test scans it). */
  output(): string;
  /** Stops the host (SIGTERM, then SIGKILL after 5 s) and resolves once it exited: its lock is free. */
  stop(): Promise<void>;
}

export interface HostStartOptions {
  /** How long the host may take to print its `host:` line (default 30 s). */
  timeoutMs?: number;
  /** The host's environment (default: this process's). */
  env?: NodeJS.ProcessEnv;
}

/**
 * Starts the real headless host (`electron/host/cli.ts`, what `npm run host` runs) on a free port
 * with its data in `dataDir`, and resolves once it printed its `host:` line. It runs as Node itself
 * with tsx's loader (no launcher in between), so its pid is the host's and SIGTERM reaches it.
 */
export function startHost(dataDir: string, options: HostStartOptions = {}): Promise<RunningHost> {
  const { timeoutMs = 30_000, env = process.env } = options;
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/host/cli.ts', '--data-dir', dataDir, '--port', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  let stderr = '';
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    output += chunk.toString();
  });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`host did not start within ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    const onEarlyExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code} before it was ready: ${stderr}`));
    };
    child.once('exit', onEarlyExit);
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const match = HOST_LINE.exec(line.trim());
      if (!match) return;
      clearTimeout(timer);
      child.off('exit', onEarlyExit);
      const url = match[1]!;
      resolvePromise({
        url,
        origin: new URL(url).origin,
        token: match[3]!,
        pid: child.pid!,
        dataDir,
        output: () => output,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) {
            child.kill('SIGTERM');
            const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
            await exited;
            clearTimeout(killer);
          }
        },
      });
    });
  });
}
