import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const HOST_LINE = /^host: (http:\/\/127\.0\.0\.1:(\d+)\/#token=([\w-]+))$/;

export interface RunningHost {
  /** The address the host printed: open it in the browser. */
  url: string;
  origin: string;
  token: string;
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
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`host did not start within ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code} before it was ready: ${stderr}`));
    });
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = HOST_LINE.exec(line.trim());
      if (!match) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      const url = match[1]!;
      resolvePromise({
        url,
        origin: new URL(url).origin,
        token: match[3]!,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
          }),
      });
    });
  });
}
