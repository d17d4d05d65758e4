import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The package is ESM: no __dirname here.
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const HOST_LINE = /^host: (http:\/\/127\.0\.0\.1:(\d+)\/#token=([\w-]+))$/;

export interface RunningHost {
  /** The address the host printed: open it in the browser. */
  url: string;
  origin: string;
  token: string;
  /** Everything the host wrote to stdout and stderr so far (its log: the leak test scans it). */
  output(): string;
  /** Stops the host (SIGTERM, then SIGKILL after 5 s) and resolves once it exited: its lock is free. */
  stop(): Promise<void>;
}

/**
 * Starts the real headless host (`electron/host/cli.ts`, what `npm run host` runs) on a free port
 * with its data in `dataDir`, and resolves once it printed its `host:` line.
 */
export function startHost(dataDir: string, timeoutMs = 30_000): Promise<RunningHost> {
  const child: ChildProcess = spawn(resolve(ROOT, 'node_modules/.bin/tsx'), ['electron/host/cli.ts', '--data-dir', dataDir, '--port', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: process.env,
  });
  let stderr = '';
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    output += chunk.toString();
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
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
    const lines = createInterface({ input: child.stdout! });
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
