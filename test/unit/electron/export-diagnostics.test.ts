import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/core/open-core';
import { exportDiagnostics } from '../../../electron/main/export-diagnostics';
import { diagnosticsReportSchema } from '../../../shared/schemas/diagnostics';

describe('the menu\'s Export diagnostics', () => {
  let dir: string;
  let core: Core | null = null;
  afterEach(async () => {
    await core?.close();
    core = null;
    rmSync(dir, { recursive: true, force: true });
  });

  it('saves the core\'s report where the user chose and says so; a cancel writes nothing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'export-diagnostics-'));
    core = openCore({ dataDir: join(dir, 'data'), appVersion: '1.0.0', transport: 'electron', onUnexpectedError: () => undefined });
    const told: Array<[string, string]> = [];
    const suggested: string[] = [];
    const target = join(dir, 'report.json');
    const file = await exportDiagnostics(core.dispatcher, {
      chooseFile: (name) => {
        suggested.push(name);
        return Promise.resolve(target);
      },
      tell: (kind, message) => told.push([kind, message]),
    });
    expect(file).toBe(target);
    expect(suggested[0]).toMatch(/^chatbot-settings-diagnostics-.*\.json$/);
    expect(diagnosticsReportSchema.parse(JSON.parse(readFileSync(target, 'utf8'))).app).toMatchObject({ version: '1.0.0', transport: 'electron' });
    expect(told).toEqual([['info', expect.stringContaining(`Diagnostics saved to ${target}.`)]]);

    const cancelled = await exportDiagnostics(core.dispatcher, { chooseFile: () => Promise.resolve(null), tell: (kind, message) => told.push([kind, message]) });
    expect(cancelled).toBeNull();
    expect(told).toHaveLength(1);
  });
});
