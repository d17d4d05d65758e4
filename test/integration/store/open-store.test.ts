import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID, LATEST_VERSION, MIGRATIONS } from '../../../electron/core/store/migrations';
import { useTempDirs } from '../../support/core/temp-dirs';
import { useCores } from '../../support/core/open-test-core';
import { openCore } from '../../../electron/core/open-core';

describe('opening the store', () => {
  const tempDir = useTempDirs();
  const open = useCores();

  it('creates DIR/store.sqlite with WAL, synchronous NORMAL, foreign keys and an exclusive lock', () => {
    const dir = join(tempDir(), 'nested', 'data');
    const { services } = open(dir);
    const { db } = services;
    expect(existsSync(join(dir, 'store.sqlite'))).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('locking_mode', { simple: true })).toBe('exclusive');
    expect(db.pragma('busy_timeout', { simple: true })).toBeLessThanOrEqual(1000);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
  });

  it('lets the write-ahead log grow past SQLite\'s default 1,000 pages before a checkpoint, and removes it on close', async () => {
    const dir = tempDir();
    const core = openCore({ dataDir: dir, appVersion: '0.0.0-test', transport: 'host' });
    const { db } = core.services;
    db.exec('CREATE TABLE wal_probe (page BLOB)');
    const insert = db.prepare('INSERT INTO wal_probe (page) VALUES (zeroblob(3000))');
    for (let i = 0; i < 3000; i++) insert.run(); // a commit each: about 3,000 pages of log
    const walPages = statSync(join(dir, 'store.sqlite-wal')).size / (db.pragma('page_size', { simple: true }) as number);
    expect(walPages).toBeGreaterThan(2000);
    await core.close();
    expect(existsSync(join(dir, 'store.sqlite-wal'))).toBe(false);
  });

  it('numbers its migration steps 1..N without gaps', () => {
    expect(MIGRATIONS.map((step) => step.version)).toEqual(Array.from({ length: LATEST_VERSION }, (_, i) => i + 1));
  });

  it('creates the installation id once and keeps the mutation counter rising across restarts', async () => {
    const dir = tempDir();
    const first = open(dir);
    const installationId = first.services.meta.installationId;
    expect(installationId).toMatch(/^[0-9a-f-]{36}$/);
    const a = first.services.meta.nextMutationId();
    const b = first.services.meta.nextMutationId();
    expect(b).toBeGreaterThan(a);
    await first.close();

    const second = open(dir);
    expect(second.services.meta.installationId).toBe(installationId);
    expect(second.services.meta.nextMutationId()).toBeGreaterThan(b);
  });

  it('keeps data across close and reopen, and takes no backup when nothing needs migrating', async () => {
    const dir = tempDir();
    const first = open(dir);
    const tenant = first.services.tenants.create({ name: 'PT Sumber Rejeki' });
    await first.close();
    const second = open(dir);
    expect(second.services.tenants.get(tenant.id).name).toBe('PT Sumber Rejeki');
    expect(existsSync(join(dir, 'backups'))).toBe(false);
  });

  it('releases the lock on close: the same process can open the store again', async () => {
    const dir = tempDir();
    await open(dir).close();
    expect(() => open(dir).close()).not.toThrow();
  });

  it('answers STORE_UNAVAILABLE after close instead of throwing', async () => {
    const core = open(tempDir());
    await core.close();
    const result = await core.dispatcher.dispatch('tenants.list', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'STORE_UNAVAILABLE' } });
  });
});
