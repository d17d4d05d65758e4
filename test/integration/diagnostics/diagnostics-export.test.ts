import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { diagnosticsReportSchema } from '../../../shared/schemas/diagnostics';
import { useTempDirs } from '../../support/core/temp-dirs';
import { useCores } from '../../support/core/open-test-core';
import { INSIDE_KEYRING, KEYRING_SKIP_REASON, RpcRecorder, clearStore, keychainSnapshot, marker, seedConnection, type StoreOfEntries } from '../api-connections/support';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('Export diagnostics (diagnostics.export)', () => {
  const tempDir = useTempDirs('diagnostics-');
  const open = useCores();
  const stores: StoreOfEntries[] = [];
  afterEach(async () => {
    for (const store of stores.splice(0)) await clearStore(store);
  });

  it('one JSON file with versions, store stats and integrity, keychain status, outbox state and recent log lines', async () => {
    const dir = tempDir();
    const core = open(dir, { appVersion: '9.8.7', onUnexpectedError: () => undefined });
    const rpc = new RpcRecorder(core);
    await rpc.ok('tenants.create', { name: 'PT Diagnosa' });
    core.logger.warn('sync.pull', 'the backend did not answer in time');

    const exported = await rpc.ok<{ fileName: string; content: string }>('diagnostics.export', {});
    expect(exported.fileName).toMatch(/^chatbot-settings-diagnostics-\d{8}T\d{9}Z\.json$/);
    const report = diagnosticsReportSchema.parse(JSON.parse(exported.content));
    expect(report.app).toEqual({ version: '9.8.7', transport: 'host', dataDir: dir });
    expect(report.platform.node).toBe(process.versions.node);
    expect(report.platform.sqlite).toMatch(/^3\.\d+/);
    expect(report.store.integrityCheck).toEqual(['ok']);
    expect(report.store.rows.tenants).toBe(1);
    expect(report.store.file).toBe(join(dir, 'store.sqlite'));
    expect(report.keychain.state).toMatch(/^(available|unavailable)$/);
    expect(report.outbox).toEqual({ entries: { pending: 0, sending: 0, done: 0, conflict: 0, failed: 0, cancelled: 0 }, runs: { running: 0, finished: 0, cancelled: 0 }, oldestOpenEntryAt: null });
    expect(report.log.file).toBe(join(dir, 'logs', 'app.log'));
    expect(report.log.recentLines.some((line) => line.endsWith('WARN  sync.pull: the backend did not answer in time'))).toBe(true);
    // No user content: tenant names are counted, never listed.
    expect(exported.content).not.toContain('PT Diagnosa');
  });

  it.skipIf(!INSIDE_KEYRING)(`holds no secret marker, wherever the secrets were (${INSIDE_KEYRING ? 'real keychain' : KEYRING_SKIP_REASON})`, async () => {
    const dir = tempDir();
    const core = open(dir, { onUnexpectedError: () => undefined });
    stores.push(core.services.vault);
    const rpc = new RpcRecorder(core);
    const m = marker();
    const tenant = await rpc.ok<{ id: string }>('tenants.create', { name: 'PT Rahasia' });
    await rpc.ok('apiConnections.create', { tenantId: tenant.id, ...seedConnection(m) });
    // What a backend or a library might echo into a failure that gets logged.
    core.logger.failure('sync.publish', new Error(`400 {"access_token":"${m}-access-token","headers":{"apikey":"${m}-xxxxxxxx"}} Authorization: Bearer ${m}-access-token`));
    core.logger.failure('sync.health', Object.assign(new Error(`connect ECONNRESET https://u:${m}-pw@backend.example/ refresh_token=${m}-refresh-token`), { code: 'ECONNRESET' }));
    core.logger.warn('vault', `password: ${m}-pin`);
    // the marker is a real secret: the keychain holds it
    expect((await keychainSnapshot(core.services.vault)).map(([, value]) => value).join('\n')).toContain(m);

    const exported = await rpc.ok<{ fileName: string; content: string }>('diagnostics.export', {});
    const report = diagnosticsReportSchema.parse(JSON.parse(exported.content));
    expect(report.keychain.state).toBe('available');
    expect(report.log.recentLines.filter((line) => line.includes('[redacted]')).length).toBeGreaterThanOrEqual(3);
    expect(exported.content).not.toContain(m);
    expect(rpc.text()).not.toContain(m);
    for (const file of filesUnder(join(dir, 'logs'))) expect(readFileSync(file, 'utf8'), file).not.toContain(m);
  });
});
