import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Test helpers that run the vault in a child process under a keychain environment made for real:
 * no D-Bus session, a D-Bus session without any Secret Service, GNOME Keyring locked, or
 * unlocked with the wrong password. Each sandbox has its own temporary directories.
 */
export const REPO_ROOT = resolve(import.meta.dirname, '../../..');
const CHILD = join(import.meta.dirname, 'fixtures', 'vault-child.ts');

export function missingTools(): string[] {
  return ['dbus-run-session', 'dbus-daemon', 'gnome-keyring-daemon'].filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
}

/** True inside scripts/with-keyring.sh: the real-keychain tests may use the session's keyring. */
export function insideKeyringSession(): boolean {
  return process.env.CHATBOT_KEYRING_SESSION === '1' && Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
}

export interface ChildResult {
  op: string;
  ok: boolean;
  value?: unknown;
  error?: { name: string; message: string; code?: string; reason?: string };
}

export interface ChildRun {
  results: ChildResult[];
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

export type Ops = Array<Record<string, unknown>>;

/** A temp root for one test file; remove it with `dispose()`. */
export class KeyringSandbox {
  readonly root = mkdtempSync(join(tmpdir(), 'vault-sandbox-'));
  private count = 0;

  /** A fresh directory (mode 700, as XDG_RUNTIME_DIR must be). */
  dir(name: string): string {
    const path = join(this.root, `${name}-${this.count++}`);
    mkdirSync(path, { recursive: true, mode: 0o700 });
    chmodSync(path, 0o700);
    return path;
  }

  /** The environment of a child, without the caller's bus, display or keyring session. */
  baseEnv(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: this.dir('home'), XDG_DATA_HOME: this.dir('data'), XDG_RUNTIME_DIR: this.dir('run') };
    for (const name of ['DBUS_SESSION_BUS_ADDRESS', 'DISPLAY', 'WAYLAND_DISPLAY', 'CHATBOT_KEYRING_SESSION', 'GNOME_KEYRING_CONTROL']) delete env[name];
    return env;
  }

  /** A session bus configuration that can start no service at all: no Secret Service can appear. */
  busConfigWithoutServices(): string {
    const file = join(this.dir('bus'), 'session.conf');
    writeFileSync(
      file,
      `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=${this.root}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`,
    );
    return file;
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

const childCommand = (installationId: string, ops: Ops) => [process.execPath, '--import', 'tsx', CHILD, installationId, JSON.stringify(ops)];
const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Runs `argv` and parses the child's JSON lines; bounded in time. */
export function runProcess(argv: string[], env: NodeJS.ProcessEnv, timeoutMs = 20_000): Promise<ChildRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(argv[0] as string, argv.slice(1), { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      const results = stdout
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as ChildResult);
      resolvePromise({ results, exitCode, signal, stderr });
    });
  });
}

/** The vault with no D-Bus session at all (no bus address, no X11 display to autolaunch one). */
export function runWithoutDbus(sandbox: KeyringSandbox, installationId: string, ops: Ops): Promise<ChildRun> {
  return runProcess(childCommand(installationId, ops), sandbox.baseEnv());
}

/** The vault on a private D-Bus session where no Secret Service runs or can be started. */
export function runWithoutSecretService(sandbox: KeyringSandbox, installationId: string, ops: Ops): Promise<ChildRun> {
  return runProcess(['dbus-run-session', `--config-file=${sandbox.busConfigWithoutServices()}`, '--', ...childCommand(installationId, ops)], sandbox.baseEnv());
}

/**
 * The vault on a private D-Bus session with GNOME Keyring keeping its keyrings in `dataDir`:
 * `unlockWith` a password unlocks (or first creates) the login keyring; null starts the daemon
 * without unlocking anything.
 */
export function runWithKeyring(sandbox: KeyringSandbox, dataDir: string, unlockWith: string | null, installationId: string, ops: Ops): Promise<ChildRun> {
  const env = { ...sandbox.baseEnv(), XDG_DATA_HOME: dataDir, KEYRING_TEST_PASSWORD: unlockWith ?? '' };
  const start =
    unlockWith === null
      ? 'gnome-keyring-daemon --start --components=secrets >/dev/null 2>&1'
      : 'printf %s "$KEYRING_TEST_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1';
  const script = `${start}; unset KEYRING_TEST_PASSWORD; exec ${childCommand(installationId, ops).map(shellQuote).join(' ')}`;
  return runProcess(['dbus-run-session', '--', 'bash', '-c', script], env);
}
