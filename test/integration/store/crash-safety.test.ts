import { describe, expect, it } from 'vitest';
import { openCore } from '../../../electron/core/open-core';
import { CRASH_TENANT_NAME, editNumberOf, editedDraft } from '../../fixtures/core/autosave-edits';
import { killHard, spawnTsScript } from '../../fixtures/core/child-process';
import { useTempDirs } from '../../fixtures/core/temp-dirs';

const ROUNDS = 25;
const TOTAL_BUDGET_MS = 55_000;

/** Runs the autosave child until a random moment, kills it with SIGKILL, returns the last N it reported. */
async function runAndKill(dir: string, killAfterMs: number): Promise<{ lastReported: number; ready: boolean }> {
  const child = spawnTsScript('test/fixtures/core/autosave-loop.ts', [dir]);
  let lastReported = 0;
  let ready = false;
  let buffer = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      const saved = /^saved (\d+)$/.exec(line);
      if (saved) lastReported = Math.max(lastReported, Number(saved[1]));
      else if (line.startsWith('ready')) ready = true;
    }
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // The delay counts from spawn: some kills land while the store is opening, most while saving.
  const killed = await Promise.race([new Promise<'timer'>((resolve) => setTimeout(() => resolve('timer'), killAfterMs)), exited]);
  if (killed !== 'timer') throw new Error(`the child exited by itself (${killed}): ${stderr}`);
  await killHard(child);
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
      // child start-up (tsx) takes a few hundred ms: kill between ~0.2 s and ~1.5 s after spawn
      const { lastReported, ready } = await runAndKill(dir, 200 + Math.floor(Math.random() * 1300));
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
        core.close();
      }
    }
    expect(roundsWithSaves).toBeGreaterThanOrEqual(10); // the kills really hit a saving process
    expect(stored).toBeGreaterThan(0);
    console.log(`crash-safety: ${roundsWithSaves} rounds killed while saving; edit ${stored} stored`);
  }, 90_000);
});
