import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupDatabase } from '../../../electron/core/store/backup';
import { storePaths } from '../../../electron/core/store/store-paths';
import { LATEST_VERSION } from '../../../electron/core/store/migrations';
import type { ApiConnectionDocument } from '../../../shared/schemas/api-connection-document';
import type { Tenant } from '../../../shared/schemas/tenant';
import { useTempDirs } from '../../support/core/temp-dirs';
import { useCores } from '../../support/core/open-test-core';
import { INSIDE_KEYRING, KEYRING_SKIP_REASON, RpcRecorder, clearStore, type StoreOfEntries, keychainSnapshot, marker, seedConnection, startRecordingServer } from './support';

/**
 * The core-level leak check of API connections' secrets: connections saved with a unique marker in every secret
 * position, edited, deleted and restored, tested against a local server, refused with bad input;
 * then every file of the data directory (database, WAL, shared memory, backups) is searched for
 * the markers — as is every RPC answer and every line the core logged. Zero occurrences; the
 * keychain holds them.
 */
if (!INSIDE_KEYRING) console.warn(`[leak-check] skipped: ${KEYRING_SKIP_REASON}`);

const keep = { action: 'keep' } as const;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Where each marker occurs in the files, as UTF-8 or UTF-16 (SQLite can store either). */
function occurrences(files: string[], markers: string[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    const bytes = readFileSync(file);
    for (const m of markers) {
      if (bytes.includes(Buffer.from(m, 'utf8')) || bytes.includes(Buffer.from(m, 'utf16le'))) found.push(`${m} in ${file}`);
    }
  }
  return found;
}

describe.skipIf(!INSIDE_KEYRING)(`no secret reaches the data directory, an answer or a log (${INSIDE_KEYRING ? 'real keychain' : KEYRING_SKIP_REASON})`, () => {
  const tempDir = useTempDirs('api-connections-leak-');
  const open = useCores();
  const stores: StoreOfEntries[] = [];
  afterEach(async () => {
    for (const store of stores.splice(0)) await clearStore(store);
  });

  it('finds zero markers in every file, answer and log line; the keychain holds them', async () => {
    const dir = tempDir();
    const logged: string[] = [];
    const core = open(dir, { onUnexpectedError: (channel, error) => logged.push(`${channel} ${String(error)} ${error instanceof Error ? error.stack : ''}`) });
    stores.push(core.services.vault);
    const rpc = new RpcRecorder(core);
    const server = await startRecordingServer();
    const markers: string[] = [];
    const next = () => {
      const m = marker();
      markers.push(m);
      return m;
    };
    try {
      const tenant = await rpc.ok<Tenant>('tenants.create', { name: 'PT Rahasia' });
      const ids: string[] = [];
      for (const code of ['JURNAL API', 'QONTAK_CRM', 'THIRD']) {
        const created = await rpc.ok<ApiConnectionDocument>('apiConnections.create', { tenantId: tenant.id, ...seedConnection(next(), { code, baseUrl: server.base }) });
        ids.push(created.id);
      }
      const [first, second, third] = ids as [string, string, string];
      const base = { tenantId: tenant.id, name: 'Jurnal', description: 'Accounting in Jurnal', baseUrl: server.base };
      const m1 = next();
      await rpc.ok('apiConnections.update', {
        ...base,
        id: first,
        code: 'JURNAL API',
        settings: { action: 'patch', set: { client_secret: `${m1}-client-secret`, nested: { deep: [`${m1}-deep`] } }, remove: ['owner_email'] },
        headers: { action: 'replace', value: { Authorization: `Basic ${m1}-basic`, apikey: `${m1}-apikey` } },
        token: keep,
      });
      const m2 = next();
      await rpc.ok('apiConnections.update', {
        ...base,
        id: second,
        code: 'QONTAK_CRM',
        settings: keep,
        headers: { action: 'patch', set: { 'X-Extra': `${m2}-extra` }, remove: [] },
        token: { action: 'replace', value: { token_type: 'bearer', access_token: `${m2}-access`, expires_in: 60, refresh_token: `${m2}-refresh`, created_at: 1732406400 } },
      });
      await rpc.ok('apiConnections.delete', { tenantId: tenant.id, id: third });
      await rpc.ok('apiConnections.undoDelete', { tenantId: tenant.id, id: third });
      await rpc.ok('apiConnections.delete', { tenantId: tenant.id, id: third });
      for (const id of ids) {
        await rpc.ok('apiConnections.get', { tenantId: tenant.id, id });
        await rpc.ok('apiConnections.testConnection', { tenantId: tenant.id, id, path: '/missing' });
      }
      await rpc.ok('apiConnections.list', { tenantId: tenant.id });
      // refused input that carries secrets: the error names fields, never values
      const m3 = next();
      await rpc.error('apiConnections.create', { tenantId: tenant.id, ...seedConnection(m3, { code: 'BAD', headers: { apikey: `${m3}\r\nX: y` } }) });
      await rpc.error('apiConnections.update', { ...base, id: first, code: 'qontak_crm', settings: keep, headers: { action: 'replace', value: { 'bad name': `${m3}-v` } }, token: keep });
      backupDatabase(core.services.db, storePaths(dir), LATEST_VERSION, Date.now());
      await core.whenIdle();

      // the secrets did go to the keychain, and over HTTP to the API: the markers are real secrets
      const stored = (await keychainSnapshot(core.services.vault)).map(([, value]) => value).join('\n');
      for (const m of markers.filter((m) => m !== m3)) expect(stored).toContain(m);
      expect(JSON.stringify(server.seen)).toContain(m1);

      const whileOpen = filesUnder(dir);
      expect(whileOpen.some((file) => file.endsWith('-wal'))).toBe(true);
      expect(whileOpen.some((file) => file.includes('backups'))).toBe(true);
      expect(occurrences(whileOpen, markers)).toEqual([]);
      await core.close();
      expect(occurrences(filesUnder(dir), markers)).toEqual([]);
      // the scan itself finds a marker where there is one
      const control = join(tempDir(), 'control.txt');
      writeFileSync(control, `prefix ${m1} suffix`);
      expect(occurrences([control], markers)).toEqual([`${m1} in ${control}`]);
      for (const m of markers) {
        expect(rpc.text()).not.toContain(m);
        expect(logged.join('\n')).not.toContain(m);
      }
    } finally {
      await server.close();
    }
  });
});
