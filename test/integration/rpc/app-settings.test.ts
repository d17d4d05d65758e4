import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configureCoreNetwork, coreDispatcher } from '../../../electron/core/net/core-dispatcher';
import { openCore } from '../../../electron/core/open-core';

/** The app's Settings: a CA file is checked before it is kept, kept across restarts, and given to the core's network. */
const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'app-settings-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  configureCoreNetwork({});
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('app settings (app.settings.get / app.settings.set)', () => {
  it('refuses a CA file that is missing or holds no certificate, keeps a good one, and the network trusts it', async () => {
    const dataDir = tempDir();
    const files = tempDir();
    const core = openCore({ dataDir, appVersion: '0.0.0-test', transport: 'host', onUnexpectedError: () => undefined });
    try {
      const missing = await core.dispatcher.dispatch('app.settings.set', { caFile: join(files, 'nope.pem') });
      expect(missing).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('cannot be read'), issues: [{ path: ['caFile'] }] } });
      const empty = join(files, 'empty.pem');
      writeFileSync(empty, 'not a certificate');
      expect(await core.dispatcher.dispatch('app.settings.set', { caFile: empty })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('no PEM certificate') } });
      expect(await core.dispatcher.dispatch('app.settings.set', { caFile: 'relative/ca.pem' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(await core.dispatcher.dispatch('app.settings.get', {})).toEqual({ ok: true, value: { caFile: null } });

      const good = join(files, 'corporate-ca.pem');
      writeFileSync(good, rootCertificates[0]!);
      expect(await core.dispatcher.dispatch('app.settings.set', { caFile: good })).toEqual({ ok: true, value: { caFile: good } });
      expect(coreDispatcher().caFiles).toContain(good);
    } finally {
      await core.close();
    }
    configureCoreNetwork({});
    const again = openCore({ dataDir, appVersion: '0.0.0-test', transport: 'host', onUnexpectedError: () => undefined });
    try {
      expect(await again.dispatcher.dispatch('app.settings.get', {})).toEqual({ ok: true, value: { caFile: join(files, 'corporate-ca.pem') } });
      expect(coreDispatcher().caFiles).toContain(join(files, 'corporate-ca.pem'));
    } finally {
      await again.close();
    }
  });
});
