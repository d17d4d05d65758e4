import { describe, expect, it } from 'vitest';
import { openCore } from '../../../electron/core/open-core';
import { CRASH_TENANT_NAME, editNumberOf, editedDraft } from '../../support/core/autosave-edits';
import { killHard, spawnTsScript } from '../../support/core/child-process';
import { useTempDirs } from '../../support/core/temp-dirs';

const ROUNDS = 25;
const TOTAL_BUDGET_MS = 55_000;

/**
 * Runs the autosave child and kills it with SIGKILL at a random moment: `afterReady` counts from
 * its "ready" line (so the kill lands while it saves, however slow start-up is), otherwise from
 * spawn (so some kills land while the store is opening). Returns the last N it reported as saved.
 */
async function runAndKill(dir: string, delayMs: number, afterReady: boolean): Promise<{ lastReported: number; ready: boolean }> {
  const child = spawnTsScript('test/support/core/autosave-loop.ts', [dir]);
  let lastReported = 0;
  let ready = false;
  let buffer = '';
  let stderr = '';
  let onReady: () => void = () => undefined;
  const readySeen = new Promise<void>((resolve) => (onReady = resolve));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      const saved = /^saved (\d+)$/.exec(line);
      if (saved) lastReported = Math.max(lastReported, Number(saved[1]));
      else if (line.startsWith('ready')) {
        ready = true;
        onReady();
      }
    }
  });
  const exited = new Promise<string>((resolve) => child.on('exit', (code) => resolve(`the child exited by itself (${code}): ${stderr}`)));
  const sleep = (ms: number) => new Promise<'timer'>((resolve) => setTimeout(() => resolve('timer'), ms));
  try {
    if (afterReady) {
      const started = await Promise.race([readySeen.then(() => 'ready' as const), exited, sleep(20_000)]);
      if (started !== 'ready') throw new Error(started === 'timer' ? `no "ready" within 20 s: ${stderr}` : started);
    }
    const outcome = await Promise.race([sleep(delayMs), exited]);
    if (outcome !== 'timer') throw new Error(outcome);
  } finally {
    await killHard(child);
  }
  return { lastReported, ready };
}

describe('crash safety of autosave', () => {
  const tempDir = useTempDirs('core-crash-');

  it(`keeps every edit reported as saved across ${ROUNDS} SIGKILLs at random moments, with integrity ok`, async () => {
    const dir = tempDir();
    const started = Date.now();
    let stored = 0;
    let roundsWithSaves = 0;
    for (let round = 0; round < ROUNDS && Date.now() - started < TOTAL_BUDGET_MS; round++) {
      // one round in five is killed early (often while opening/migrating), the rest while saving
      const early = round % 5 === 0;
      const { lastReported, ready } = await runAndKill(dir, Math.floor(Math.random() * (early ? 800 : 300)), !early);
      if (lastReported > 0) roundsWithSaves++;

      const core = openCore({ dataDir: dir, appVersion: '0.0.0-test', transport: 'host' });
      try {
        expect(core.services.db.pragma('integrity_check', { simple: true })).toBe('ok');
        const tenant = core.services.tenants.list().find((t) => t.name === CRASH_TENANT_NAME);
        if (ready) expect(tenant).toBeDefined();
        const draft = tenant ? core.services.documents.get(tenant.id, 'ai_response').draft : null;
        const now = draft && 'handoverMessage' in draft ? editNumberOf(draft.handoverMessage) : 0;
        expect(now).toBeGreaterThanOrEqual(lastReported); // nothing reported as saved was lost
        expect(now).toBeGreaterThanOrEqual(stored); // and nothing from earlier rounds
        if (tenant && now > 0) expect(core.services.documents.get(tenant.id, 'ai_response').draft).toEqual(editedDraft(now));
        stored = now;
      } finally {
        await core.close();
      }
    }
    expect(roundsWithSaves).toBeGreaterThanOrEqual(10); // the kills really hit a saving process
    expect(stored).toBeGreaterThan(0);
    console.log(`crash-safety: ${roundsWithSaves} rounds killed while saving; edit ${stored} stored`);
  }, 90_000);
});
