import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, readdirSync, statSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { StoreOpenError, openCore, recoverStore } from '../../../electron/core/open-core';
import { LATEST_VERSION } from '../../../electron/core/store/migrations';
import { createLogger } from '../../../electron/core/logging/logger';
import { useTempDirs } from '../../support/core/temp-dirs';
import { useCores } from '../../support/core/open-test-core';

function sha(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function openError(dir: string): StoreOpenError {
  try {
    void openCore({ dataDir: dir, appVersion: '0.0.0-test', transport: 'host' }).close();
  } catch (error) {
    expect(error).toBeInstanceOf(StoreOpenError);
    return error as StoreOpenError;
  }
  throw new Error('openCore did not fail');
}

/** A real store with one tenant, closed cleanly (WAL checkpointed into the file). */
async function makeStore(dir: string, open: ReturnType<typeof useCores>, tenantName = 'PT Sehat Selalu'): Promise<void> {
  // No log file: these tests compare the folder's listing before and after a refused open.
  const core = open(dir, { logger: createLogger({ file: null }) });
  const tenant = core.services.tenants.create({ name: tenantName });
  for (let i = 0; i < 200; i++) core.services.tenants.create({ name: `${tenantName} ${i}`, backendUrl: `https://t${i}.example/api` });
  core.services.documents.saveDraft({
    tenantId: tenant.id,
    kind: 'idle_action',
    draft: { action: 'resolve_conversation', idleHours: 1, idleMinutes: 30, assignTo: 'auto', divisionId: null, agentId: null, closingMessage: 'Terima kasih' },
  });
  await core.close();
  expect(existsSync(join(dir, 'store.sqlite-wal'))).toBe(false);
}

/** Overwrites the middle of the file (b-tree pages, not the header) with garbage. */
function damagePages(file: string): void {
  const size = statSync(file).size;
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(4096 * 3, 0x5a), 0, 4096 * 3, 4096);
  closeSync(fd);
  expect(statSync(file).size).toBe(size);
}

describe('a damaged, foreign or too new store', () => {
  const tempDir = useTempDirs();
  const open = useCores();

  it('refuses a file whose pages are damaged with STORE_CORRUPT and a recovery sentence, and leaves it as it was', async () => {
    const dir = tempDir();
    await makeStore(dir, open);
    const file = join(dir, 'store.sqlite');
    damagePages(file);
    const before = sha(file);

    const error = openError(dir);
    expect(error.code).toBe('STORE_CORRUPT');
    expect(error.path).toBe(file);
    expect(error.message).toContain('damaged');
    expect(error.recovery).toMatch(/Recover/);
    expect(sha(file)).toBe(before);
    expect(readdirSync(dir)).toEqual(['store.sqlite']);
  });

  it('refuses a file that is not a database with STORE_UNREADABLE, and leaves it as it was', () => {
    const dir = tempDir();
    const file = join(dir, 'store.sqlite');
    writeFileSync(file, 'these are my notes, not a database\n'.repeat(300));
    const before = sha(file);
    const error = openError(dir);
    expect(error.code).toBe('STORE_UNREADABLE');
    expect(error.recovery.length).toBeGreaterThan(20);
    expect(sha(file)).toBe(before);
    expect(readdirSync(dir).sort()).toEqual(['store.sqlite']);
  });

  it("refuses another program's SQLite database with STORE_UNREADABLE", () => {
    const dir = tempDir();
    const file = join(dir, 'store.sqlite');
    const foreign = new Database(file);
    foreign.exec('CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES (1)');
    foreign.close();
    const before = sha(file);
    expect(openError(dir).code).toBe('STORE_UNREADABLE');
    expect(sha(file)).toBe(before);
  });

  it('refuses a store written by a newer app with STORE_TOO_NEW and changes nothing', async () => {
    const dir = tempDir();
    await makeStore(dir, open);
    const file = join(dir, 'store.sqlite');
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
    raw.close();
    const before = sha(file);
    const error = openError(dir);
    expect(error.code).toBe('STORE_TOO_NEW');
    expect(error.recovery).toMatch(/newest version/);
    expect(sha(file)).toBe(before);
    expect(existsSync(join(dir, 'backups'))).toBe(false);
  });

  it('refuses a data dir path that is a file with STORE_UNREADABLE', () => {
    const dir = tempDir();
    const notADir = join(dir, 'file');
    writeFileSync(notADir, 'x');
    expect(openError(join(notADir, 'data')).code).toBe('STORE_UNREADABLE');
  });
});

describe('recoverStore', () => {
  const tempDir = useTempDirs();
  const open = useCores();

  it('moves the damaged file into DIR/damaged and restores the newest sound backup', async () => {
    const dir = tempDir();
    await makeStore(dir, open, 'PT Dari Backup');
    // two backups: an older one, and a newer one that is itself damaged (must be skipped)
    mkdirSync(join(dir, 'backups'));
    const older = join(dir, 'backups', 'store-v3-20260101T000000000Z.sqlite');
    writeFileSync(older, readFileSync(join(dir, 'store.sqlite')));
    const newerDamaged = join(dir, 'backups', 'store-v3-20260201T000000000Z.sqlite');
    writeFileSync(newerDamaged, 'garbage');

    const file = join(dir, 'store.sqlite');
    damagePages(file);
    const damagedHash = sha(file);
    expect(openError(dir).code).toBe('STORE_CORRUPT');

    const result = recoverStore(dir);
    expect(result.restoredFrom).toBe(older);
    expect(result.movedAside).toHaveLength(1);
    expect(result.movedAside[0]!.startsWith(join(dir, 'damaged'))).toBe(true);
    expect(sha(result.movedAside[0]!)).toBe(damagedHash); // kept, byte for byte
    expect(existsSync(older)).toBe(true); // the backup is copied, not moved
    expect(existsSync(newerDamaged)).toBe(true);

    const core = open(dir);
    expect(core.services.tenantListing.list({ query: 'dari backup' }).map((t) => t.name)).toContain('PT Dari Backup');
  });

  it('with no backup: keeps the damaged file aside and lets the next open start empty', () => {
    const dir = tempDir();
    const file = join(dir, 'store.sqlite');
    writeFileSync(file, 'not a database at all, but keep me');
    const result = recoverStore(dir);
    expect(result).toMatchObject({ restoredFrom: null });
    expect(readFileSync(result.movedAside[0]!, 'utf8')).toBe('not a database at all, but keep me');
    expect(existsSync(file)).toBe(false);
    const core = open(dir);
    expect(core.services.tenants.list()).toEqual([]);
  });

  it('never overwrites an earlier damaged file', () => {
    const dir = tempDir();
    const file = join(dir, 'store.sqlite');
    writeFileSync(file, 'first');
    const first = recoverStore(dir, Date.UTC(2026, 0, 1));
    writeFileSync(file, 'second');
    const second = recoverStore(dir, Date.UTC(2026, 0, 1));
    expect(first.movedAside[0]).not.toBe(second.movedAside[0]);
    expect(readFileSync(first.movedAside[0]!, 'utf8')).toBe('first');
    expect(readFileSync(second.movedAside[0]!, 'utf8')).toBe('second');
  });

  it('refuses while another connection holds the store', () => {
    const dir = tempDir();
    open(dir);
    expect(() => recoverStore(dir)).toThrow(StoreOpenError);
    expect(existsSync(join(dir, 'store.sqlite'))).toBe(true);
    expect(existsSync(join(dir, 'damaged'))).toBe(false);
  });
});
