import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeReadOnly } from '../../support/core/read-only-folder';

const repoRoot = join(import.meta.dirname, '..', '..', '..');
const LAUNCH_LINE = /^host: http:\/\/127\.0\.0\.1:(\d+)\/#token=([A-Za-z0-9_-]{43})$/m;

let base: string;
const children: ChildProcess[] = [];

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'host-cli-'));
  mkdirSync(join(base, 'renderer'));
  writeFileSync(join(base, 'renderer', 'index.html'), '<!doctype html><title>cli</title>');
});
afterAll(() => {
  for (const child of children) signalGroup(child, 'SIGKILL');
  rmSync(base, { recursive: true, force: true });
});

/**
 * `npx` runs tsx through a shell that does not pass signals on, so each host runs in its own
 * process group and is signalled as a whole, as a terminal's Ctrl+C does.
 */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-child.pid!, signal);
    return true;
  } catch {
    return false; // the group is gone already
  }
}

/** Resolves once no process of the host's group is left (nothing leaked), or rejects after `ms`. */
async function groupGone(child: ChildProcess, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (signalGroup(child, 0 as unknown as NodeJS.Signals)) {
    if (Date.now() > deadline) throw new Error('processes of the host are still running');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface Host {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startHost(args: string[]): Host {
  const child = spawn('npx', ['tsx', 'electron/host/cli.ts', '--renderer-dir', join(base, 'renderer'), ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  // 'close', not 'exit': the output of the whole group has arrived once the pipes close.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Resolves with the launch line's port and token, or rejects if the host exits first or takes too long. */
function waitForLaunch(host: Host, ms = 20_000): Promise<{ port: number; token: string }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no launch line in time; stderr: ${host.stderr()}`)), ms);
    const check = (): void => {
      const match = LAUNCH_LINE.exec(host.stdout());
      if (match) {
        clearTimeout(timer);
        resolve({ port: Number(match[1]), token: match[2]! });
      }
    };
    host.child.stdout!.on('data', check);
    void host.exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}; stderr: ${host.stderr()}`));
    });
    check();
  });
}

async function call(port: number, token: string, channel: string, input: unknown): Promise<unknown> {
  const response = await fetch(`http://127.0.0.1:${port}/rpc/${channel}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  return response.json();
}

// Each test starts real processes through npx and tsx (a second or more each on a busy machine).
describe('npm run host (electron/host/cli.ts)', { timeout: 90_000 }, () => {
  it('prints the launch line, serves RPC with its token, refuses a second host on the same data, stops cleanly on SIGTERM/SIGINT', async () => {
    const dataDir = join(base, 'data');
    const first = startHost(['--data-dir', dataDir, '--port', '0']);
    const { port, token } = await waitForLaunch(first);
    expect(first.stdout().split('\n').filter((line) => line !== '')).toEqual([`host: http://127.0.0.1:${port}/#token=${token}`]);

    expect(await call(port, token, 'tenants.create', { name: 'CV Berkah' })).toMatchObject({ ok: true, value: { name: 'CV Berkah' } });
    expect(await call(port, token, 'tenants.list', {})).toMatchObject({ ok: true, value: [{ name: 'CV Berkah' }] });
    expect(await call(port, 'not-the-token', 'tenants.list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });

    const second = startHost(['--data-dir', dataDir, '--port', '0']);
    const secondExit = await second.exited;
    expect(secondExit.code).not.toBe(0);
    expect(second.stderr()).toMatch(/already in use/);
    expect(second.stdout()).not.toMatch(/host: http/);

    signalGroup(first.child, 'SIGTERM');
    await first.exited;
    await groupGone(first.child);
    expect(first.stderr()).toMatch(/^host: stopped\.$/m);

    // The store was closed cleanly: a new host opens it and sees the data.
    const third = startHost(['--data-dir', dataDir, '--port', '0']);
    const again = await waitForLaunch(third);
    expect(again.token).not.toBe(token);
    expect(await call(again.port, again.token, 'tenants.list', {})).toMatchObject({ ok: true, value: [{ name: 'CV Berkah' }] });
    signalGroup(third.child, 'SIGINT');
    await third.exited;
    await groupGone(third.child);
    expect(third.stderr()).toMatch(/^host: stopped\.$/m);
  });

  it('explains a damaged store with the recovery sentence (exit 2), and --recover starts fresh keeping the file', async () => {
    const dataDir = join(base, 'damaged');
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'store.sqlite'), 'this is not a database, just some text bytes '.repeat(200));

    const broken = startHost(['--data-dir', dataDir, '--port', '0']);
    expect((await broken.exited).code).toBe(2);
    expect(broken.stderr()).toMatch(/--recover/);
    expect(broken.stdout()).toBe('');

    const recovered = startHost(['--data-dir', dataDir, '--port', '0', '--recover']);
    const { port, token } = await waitForLaunch(recovered);
    expect(recovered.stderr()).toMatch(/moved aside \(kept\): .*damaged/);
    expect(await call(port, token, 'tenants.list', {})).toEqual({ ok: true, value: [] });
    signalGroup(recovered.child, 'SIGTERM');
    await recovered.exited;
    await groupGone(recovered.child);
    expect(recovered.stderr()).toMatch(/^host: stopped\.$/m);
  });

  it('a read-only data folder: "not writable" with exit 2 and no advice to recover; --recover refuses with the reason (exit 2)', async () => {
    const dataDir = join(base, 'read-only');
    const first = startHost(['--data-dir', dataDir, '--port', '0']);
    const { port, token } = await waitForLaunch(first);
    expect(await call(port, token, 'tenants.create', { name: 'PT Hanya Baca' })).toMatchObject({ ok: true });
    signalGroup(first.child, 'SIGTERM');
    await first.exited;
    await groupGone(first.child);

    const undo = makeReadOnly(dataDir);
    try {
      const opened = startHost(['--data-dir', dataDir, '--port', '0']);
      expect((await opened.exited).code).toBe(2);
      expect(opened.stderr()).toMatch(new RegExp(`^host: The data folder ${dataDir} is not writable: it is on a read-only disk or file system\\.$`, 'm'));
      expect(opened.stderr()).not.toMatch(/--recover|I\/O|cannot be read|at .*\.ts:\d+/);
      expect(opened.stdout()).toBe('');

      const recovering = startHost(['--data-dir', dataDir, '--port', '0', '--recover']);
      expect((await recovering.exited).code).toBe(2);
      expect(recovering.stderr()).toMatch(/^host: --recover cannot act: The data folder .* is not writable/m);
      expect(recovering.stderr()).not.toMatch(/ENOENT|EROFS/);
    } finally {
      undo();
    }
    expect(existsSync(join(dataDir, 'damaged'))).toBe(false);
  });

  it('a data folder that is missing and cannot be created: "not found" with exit 2, no raw error', async () => {
    const parent = join(base, 'read-only-parent');
    mkdirSync(parent);
    const undo = makeReadOnly(parent);
    try {
      const missing = join(parent, 'data');
      const host = startHost(['--data-dir', missing, '--port', '0']);
      expect((await host.exited).code).toBe(2);
      expect(host.stderr()).toMatch(new RegExp(`^host: The data folder ${missing} was not found: it cannot be created: ${parent} is on a read-only disk or file system\\.$`, 'm'));
      expect(host.stderr()).not.toMatch(/ENOENT|mkdir|failed to start/);

      const recovering = startHost(['--data-dir', missing, '--port', '0', '--recover']);
      expect((await recovering.exited).code).toBe(2);
      expect(recovering.stderr()).toMatch(/^host: --recover cannot act: The data folder .* was not found: there is no such folder\.$/m);
    } finally {
      undo();
    }
  });

  it('--recover on a store that is not damaged refuses and leaves it in place (exit 2)', async () => {
    const dataDir = join(base, 'sound');
    const first = startHost(['--data-dir', dataDir, '--port', '0']);
    await waitForLaunch(first);
    signalGroup(first.child, 'SIGTERM');
    await first.exited;
    await groupGone(first.child);

    const recovering = startHost(['--data-dir', dataDir, '--port', '0', '--recover']);
    expect((await recovering.exited).code).toBe(2);
    expect(recovering.stderr()).toMatch(/^host: --recover cannot act: Nothing to recover: the local store .* is not damaged\.$/m);
    expect(existsSync(join(dataDir, 'damaged'))).toBe(false);
  });

  it('prints usage for --help and refuses unknown options', async () => {
    const help = startHost(['--help']);
    expect((await help.exited).code).toBe(0);
    expect(help.stdout()).toMatch(/--data-dir DIR/);
    const bad = startHost(['--port', 'eighty']);
    expect((await bad.exited).code).toBe(64);
    expect(bad.stderr()).toMatch(/--port must be a number/);
  });
});
