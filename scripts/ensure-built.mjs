// Builds the app (electron-vite build) when out/renderer/index.html is missing or older than any
// source it is built from, so `npm run host` always serves the current renderer. Quiet when the
// build succeeds; shows the build's output when it fails.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const builtIndex = join(root, 'out', 'renderer', 'index.html');
const sources = ['renderer', 'shared'].map((dir) => join(root, dir));
const configFiles = ['electron.vite.config.ts', 'package.json'].map((file) => join(root, file));

/** The newest modification time under `path` (files only; node_modules and dotfiles skipped). */
function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(join(path, entry.name)));
  }
  return newest;
}

function isStale() {
  if (!existsSync(builtIndex)) return 'not built yet';
  const builtAt = statSync(builtIndex).mtimeMs;
  const newest = Math.max(...sources.map(newestMtime), ...configFiles.map(newestMtime));
  return newest > builtAt ? 'sources changed since the last build' : null;
}

const reason = isStale();
if (reason !== null) {
  process.stderr.write(`ensure-built: building the app (${reason})...\n`);
  const result = spawnSync('npx', ['electron-vite', 'build'], {
    cwd: root,
    encoding: 'utf8',
    shell: process.platform === 'win32',
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (result.status !== 0) {
    process.stderr.write(result.stdout ?? '');
    process.stderr.write(result.stderr ?? '');
    process.stderr.write(`ensure-built: the build failed${result.error ? `: ${result.error.message}` : ''}.\n`);
    process.exit(result.status ?? 1);
  }
  process.stderr.write('ensure-built: done.\n');
}
