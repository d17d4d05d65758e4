import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/**
 * Runs the real sandbox CLI (what `npm run sandbox` runs) as a child process and resolves once
 * it printed its one `sandbox:` line. For tests that restart it, and for end-to-end runs.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SANDBOX_LINE = /^sandbox: (http:\/\/127\.0\.0\.1:(\d+)\/api\/open\/v1)$/;

export interface SandboxProcess {
  baseUrl: string;
  origin: string;
  port: number;
  child: ChildProcess;
  /** Everything the process printed on stdout (the test checks it is exactly one line). */
  stdout(): string;
  stop(): Promise<number | null>;
}

export function spawnSandbox(args: string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<SandboxProcess> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const child = spawn(`${ROOT}node_modules/.bin/tsx`, ['test/sandbox/cli.ts', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const stop = () =>
    new Promise<number | null>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
      const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.once('exit', (code) => {
        clearTimeout(force);
        resolve(code);
      });
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`sandbox did not start within ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sandbox exited with ${code} before it was ready: ${stderr}`));
    });
    createInterface({ input: child.stdout! }).once('line', (line) => {
      const match = SANDBOX_LINE.exec(line.trim());
      clearTimeout(timer);
      child.removeAllListeners('exit');
      if (!match) {
        child.kill('SIGKILL');
        reject(new Error(`unexpected first line from the sandbox: ${line}`));
        return;
      }
      const baseUrl = match[1]!;
      resolve({ baseUrl, origin: new URL(baseUrl).origin, port: Number(match[2]), child, stdout: () => stdout, stop });
    });
  });
}
