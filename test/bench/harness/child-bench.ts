import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MetricResult } from './metric-registry';
import { REPO_ROOT } from './repo-root';

/** The environment variable through which a child bench learns where to write its results. */
const RESULTS_FILE = 'BENCH_RESULTS_FILE';

/**
 * Runs one area's script in a child process (Node with tsx's loader) and returns the results it
 * wrote. With `keyring`, inside scripts/with-keyring.sh: a private D-Bus session with a real,
 * unlocked GNOME Keyring thrown away afterwards, so the bench never touches the user's keychain.
 * The session is the child's own even when the bench itself runs in one (with-keyring.sh would
 * otherwise reuse it): an earlier child's entries would stay in the keyring and slow its searches.
 * A failed child (or missing keyring tools) yields no results, and says so.
 */
export function runChildBench(script: string, args: string[], options: { keyring: boolean; timeoutMs: number }): MetricResult[] {
  const dir = mkdtempSync(join(tmpdir(), 'bench-child-'));
  try {
    const out = join(dir, 'results.json');
    const node = [process.execPath, '--import', 'tsx', script, ...args];
    const [command, ...commandArgs] = options.keyring ? ['bash', 'scripts/with-keyring.sh', ...node] : node;
    const env: NodeJS.ProcessEnv = { ...process.env, [RESULTS_FILE]: out };
    if (options.keyring) delete env.CHATBOT_KEYRING_SESSION;
    const child = spawnSync(command!, commandArgs, {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
      timeout: options.timeoutMs,
    });
    if (child.status !== 0) {
      const why = options.keyring ? ' (it needs dbus and gnome-keyring: bash scripts/setup.sh)' : '';
      console.error(`${script} ${args.join(' ')} skipped or failed (exit ${child.status ?? child.signal})${why}`);
      return [];
    }
    return JSON.parse(readFileSync(out, 'utf8')) as MetricResult[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** In the child: hands the results to the parent (or prints them when run on its own). */
export function writeChildResults(results: readonly MetricResult[]): void {
  const out = process.env[RESULTS_FILE];
  if (out) writeFileSync(out, JSON.stringify(results));
  else console.log(JSON.stringify(results, null, 2));
}
