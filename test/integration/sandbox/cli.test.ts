import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { SANDBOX_LINE, spawnSandbox } from '../../sandbox/sandbox-process';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

describe('sandbox CLI', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sandbox-cli-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints exactly one line when ready, listens on 127.0.0.1, and stops on SIGTERM', async () => {
    const sandbox = await spawnSandbox(['--port', '0', '--data-dir', dataDir, '--token-ttl', '60']);
    try {
      expect(sandbox.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/open\/v1$/);
      const health = await fetch(`${sandbox.baseUrl}/health`);
      expect(await health.json()).toEqual({ status: 'success', data: { ok: true } });
      const token = await fetch(`${sandbox.baseUrl}/oauth/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ grant_type: 'password', username: 'admin@borneo-travel.test', password: 'borneo-sandbox-1' }),
      });
      expect(((await token.json()) as { expires_in: number }).expires_in).toBe(60);
      // No admin API without a secret.
      expect((await fetch(`${sandbox.origin}/__admin/faults`)).status).toBe(404);
    } finally {
      expect(await sandbox.stop()).toBe(0);
    }
    expect(sandbox.stdout().split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('runs as `npm run sandbox -- --port N --data-dir DIR`', async () => {
    // Its own process group, so that npm, its shell and tsx all stop together.
    const child = spawn('npm', ['run', '--silent', 'sandbox', '--', '--port', '0', '--data-dir', dataDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      const line = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no line within 30 s')), 30_000);
        createInterface({ input: child.stdout! }).once('line', (first) => {
          clearTimeout(timer);
          resolve(first);
        });
      });
      expect(line).toMatch(SANDBOX_LINE);
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
    }
  });

  it('refuses bad arguments with a usage message', async () => {
    const child = spawn(`${ROOT}node_modules/.bin/tsx`, ['test/sandbox/cli.ts', '--port', 'many'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toMatch(/usage: npm run sandbox/);
  });
});
