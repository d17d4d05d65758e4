// `npm run deps:report`: what is behind among the dependencies, and what is held at a pin and why.
// Reads `npm outdated --json`; for a held package, asks for the newest version inside its pin.
// Always exits 0: it reports, it does not fail a build.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { classifyOutdated, inPinRange } from './deps/classify-outdated.mjs';
import { DEPENDENCY_PINS } from './deps/dependency-pins.mjs';

const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

async function npmJson(args) {
  try {
    const { stdout } = await run(npm, args, { cwd: root, maxBuffer: 16 * 1024 * 1024 });
    return JSON.parse(stdout || '{}');
  } catch (error) {
    // `npm outdated` exits 1 whenever something is outdated; its JSON is still on stdout.
    if (typeof error?.stdout === 'string' && error.stdout.trim() !== '') return JSON.parse(error.stdout);
    throw error;
  }
}

/** The newest published version inside a pin's range ("12.x" → newest 12.*), or null if unknown. */
async function newestInPin(pin) {
  const range = pin.range.replace(/\.x$/, '').replace(/^(\d+)$/, '$1.x').replace(/^(\d+\.\d+)$/, '$1.x');
  try {
    const versions = await npmJson(['view', `${pin.name}@${range}`, 'version', '--json']);
    const list = (Array.isArray(versions) ? versions : [versions]).filter((v) => typeof v === 'string' && inPinRange(v, pin.range) && !v.includes('-'));
    return list.at(-1) ?? null;
  } catch {
    return null;
  }
}

function installedVersion(name) {
  try {
    return JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version ?? null;
  } catch {
    return null;
  }
}

function table(rows, columns) {
  const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => String(row[column] ?? '').length)));
  const line = (cells) => cells.map((cell, i) => String(cell ?? '').padEnd(widths[i])).join('  ').trimEnd();
  return [line(columns), ...rows.map((row) => line(columns.map((column) => row[column])))].join('\n');
}

async function main() {
  let outdated;
  try {
    outdated = await npmJson(['outdated', '--json', '--long']);
  } catch (error) {
    console.log(`deps:report: npm outdated could not run (${error?.message?.split('\n')[0] ?? error}); nothing to report.`);
    return;
  }
  // Every pinned package is reported (up to date or not): its line says why it is held.
  for (const pin of DEPENDENCY_PINS) {
    if (outdated[pin.name]) continue;
    const current = installedVersion(pin.name);
    if (current) outdated[pin.name] = { current, wanted: current, latest: null };
  }
  const newest = Object.fromEntries(await Promise.all(DEPENDENCY_PINS.filter((pin) => outdated[pin.name]).map(async (pin) => [pin.name, await newestInPin(pin)])));
  const report = classifyOutdated(outdated, DEPENDENCY_PINS, Object.fromEntries(Object.entries(newest).filter(([, v]) => v)));
  const behind = report.filter((row) => row.status === 'behind' || row.status === 'missing' || (row.status === 'held' && row.target));
  const held = report.filter((row) => row.status === 'held');

  if (behind.length === 0) console.log('Behind: nothing; every dependency is at its newest allowed version.');
  else {
    console.log('Behind (a newer allowed version exists):');
    console.log(table(behind.map((row) => ({ package: row.name, installed: row.current ?? '-', newest: row.target, note: row.status === 'held' ? `newest inside the pin ${row.pin}` : (row.reason ?? '') })), ['package', 'installed', 'newest', 'note']));
  }
  console.log('');
  if (held.length === 0) console.log('Held: nothing.');
  else {
    console.log('Held at a pin (versions outside the pin are not used):');
    console.log(table(held.map((row) => ({ package: row.name, installed: row.current, pin: row.pin, latest: row.latest ?? row.current, why: row.reason })), ['package', 'installed', 'pin', 'latest', 'why']));
  }
}

main()
  .catch((error) => console.log(`deps:report: ${error?.message ?? error}`))
  .finally(() => process.exit(0));
