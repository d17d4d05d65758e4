// Runs every suite in turn and prints one closing line `N passed, N failed` that counts all of
// them: lint and type checks count as one test each, vitest and Playwright count their tests.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const work = mkdtempSync(join(tmpdir(), 'csd-tests-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function run(title, command, args) {
  console.log(`\n=== ${title}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  console.log(`=== ${title}: exit ${result.status} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result.status === 0;
}

function check(title, command, args) {
  if (run(title, command, args)) totals.passed += 1;
  else {
    totals.failed += 1;
    failures.push(title);
  }
}

function readJson(file) {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

check('lint', 'npx', ['eslint', '.']);
check('typecheck', 'npm', ['run', '--silent', 'typecheck']);

// Unit and integration tests (vitest).
const vitestJson = join(work, 'vitest.json');
const vitestOk = run('unit + integration', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
const vitest = readJson(vitestJson);
if (vitest) {
  totals.passed += vitest.numPassedTests ?? 0;
  totals.failed += vitest.numFailedTests ?? 0;
  totals.skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
  if (!vitestOk && (vitest.numFailedTests ?? 0) === 0) {
    totals.failed += 1; // a suite that failed to load counts too
    failures.push('vitest (suite error)');
  } else if ((vitest.numFailedTests ?? 0) > 0) failures.push('vitest');
} else {
  totals.failed += 1;
  failures.push('vitest (no report)');
}

// End-to-end tests (Playwright with Debian's Chromium against the headless host).
// The config writes its JSON report to test-results/playwright.json.
const pwJson = 'test-results/playwright.json';
rmSync(pwJson, { force: true });
const pwOk = run('end to end', 'npx', ['playwright', 'test', '-c', 'test/e2e/playwright.config.ts']);
const pw = readJson(pwJson);
if (pw?.stats) {
  totals.passed += (pw.stats.expected ?? 0) + (pw.stats.flaky ?? 0);
  totals.failed += pw.stats.unexpected ?? 0;
  totals.skipped += pw.stats.skipped ?? 0;
  if (!pwOk && (pw.stats.unexpected ?? 0) === 0) {
    totals.failed += 1;
    failures.push('playwright (run error)');
  } else if ((pw.stats.unexpected ?? 0) > 0) failures.push('playwright');
} else {
  totals.failed += 1;
  failures.push('playwright (no report)');
}

// In CI every test must run: a test skipped for a missing keychain, Chromium or tool is a failure
// there (on a developer's machine a skip is reported, not failed).
if (process.env.CI === 'true' && totals.skipped > 0) {
  totals.failed += totals.skipped;
  failures.push(`${totals.skipped} skipped (a skip in CI is a failure: the keychain, Chromium or a tool the test needs is missing)`);
}

console.log('');
if (failures.length) console.log(`failed: ${failures.join(', ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed === 0 ? 0 : 1);
