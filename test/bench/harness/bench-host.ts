import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { HOST_PATHS } from '../../../shared/rpc/host-transport';
import type { RpcResult } from '../../../shared/rpc/rpc-error';
import { REPO_ROOT } from './repo-root';

const HOST_LINE = /^host: (http:\/\/127\.0\.0\.1:\d+)\/#token=([\w-]+)$/;

export interface BenchHost {
  /** The address the host printed: open it in the browser. */
  url: string;
  origin: string;
  /** The host's own process (Node with tsx's loader, as `npm run host`), for its memory. */
  pid: number;
  /** One RPC as the page sends it; throws on a failed result. Returns the value and the answer's size. */
  rpc(channel: string, input: unknown): Promise<{ value: unknown; bytes: number }>;
  stop(): Promise<void>;
}

/**
 * The real headless host (electron/host/cli.ts) on a free port over `dataDir`, started as Node
 * itself with tsx's loader so that its pid is the host's (the e2e helper starts it through tsx's
 * launcher, a parent process).
 */
export function startBenchHost(dataDir: string, timeoutMs = 60_000): Promise<BenchHost> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/host/cli.ts', '--data-dir', dataDir, '--port', '0'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`host did not start within ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    const onEarlyExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code} before it was ready: ${stderr}`));
    };
    child.once('exit', onEarlyExit);
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = HOST_LINE.exec(line.trim());
      if (!match) return;
      clearTimeout(timer);
      child.off('exit', onEarlyExit);
      const [, origin, token] = match as unknown as [string, string, string];
      resolve({
        url: match[0].slice('host: '.length),
        origin,
        pid: child.pid!,
        rpc: async (channel, input) => {
          const response = await fetch(`${origin}${HOST_PATHS.rpc}${encodeURIComponent(channel)}`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
            body: JSON.stringify(input),
          });
          const body = await response.text();
          const result = JSON.parse(body) as RpcResult<unknown>;
          if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
          return { value: result.value, bytes: Buffer.byteLength(body) };
        },
        stop: async () => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          child.kill('SIGTERM');
          const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
          await exited;
          clearTimeout(killer);
        },
      });
    });
  });
}
