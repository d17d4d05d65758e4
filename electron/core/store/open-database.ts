import Database from 'better-sqlite3';
import { APPLICATION_ID, LATEST_VERSION, applyMigrations } from './migrations';
import { backupDatabase } from './backup';
import { storePaths, type StorePaths } from './store-paths';
import { StoreOpenError } from './store-open-error';
import { ensureDataFolder } from './data-folder';
import { corruptError, lockedError, tooNewError, unreadableError } from './recovery-messages';
import { isBusy, isCorrupt, sqliteCode } from './sqlite-error';

/** Short: a second instance should be told at once, not after seconds. */
const BUSY_TIMEOUT_MS = 200;

/**
 * Pages of write-ahead log between checkpoints (SQLite's default: 1,000). A publish or an import
 * commits thousands of small transactions that rewrite the same index and row pages again and
 * again; a checkpoint copies each page once, whatever number of times the log holds it, so a
 * longer log copies far fewer pages in all. About 80 MB of log at most before a checkpoint; closing
 * the store checkpoints and removes it.
 */
const WAL_AUTOCHECKPOINT_PAGES = 20_000;

export interface OpenedStore {
  db: Database.Database;
  paths: StorePaths;
  /** The backup taken before migrating, if any. */
  backupPath: string | null;
}

/**
 * Opens DIR/store.sqlite for this process only. Nothing is written to the file before it has
 * been checked (lock, readable, version, quick_check), so a damaged file stays as it was.
 */
export function openStoreDatabase(dataDir: string, nowMs: () => number): OpenedStore {
  const paths = storePaths(dataDir);
  ensureDataFolder(paths, { create: true });

  let db: Database.Database;
  try {
    db = new Database(paths.db);
  } catch (error) {
    throw unreadableError(paths, (error as Error).message, error);
  }

  try {
    const backupPath = prepare(db, paths, nowMs);
    return { db, paths, backupPath };
  } catch (error) {
    db.close();
    if (error instanceof StoreOpenError) throw error;
    const code = sqliteCode(error);
    if (isBusy(code)) throw lockedError(paths, error);
    if (isCorrupt(code)) throw corruptError(paths, (error as Error).message, error);
    throw unreadableError(paths, (error as Error).message, error);
  }
}

function prepare(db: Database.Database, paths: StorePaths, nowMs: () => number): string | null {
  // EXCLUSIVE locking: the first read takes the file lock and this connection keeps it until it
  // closes; the OS drops it when the process dies, so a crash never leaves the store locked.
  db.pragma('locking_mode = EXCLUSIVE');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);

  const version = db.pragma('user_version', { simple: true }) as number; // first read: BUSY, NOTADB ...
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  if (version > LATEST_VERSION) throw tooNewError(paths, version, LATEST_VERSION);
  if (version > 0 && applicationId !== APPLICATION_ID) throw unreadableError(paths, "it is not this app's store");
  if (version === 0 && hasTables(db)) throw unreadableError(paths, "it is an SQLite database but not this app's store");

  const check = db.pragma('quick_check') as Array<{ quick_check: string }>;
  if (check.length !== 1 || check[0]?.quick_check !== 'ok') {
    throw corruptError(paths, check.slice(0, 3).map((row) => row.quick_check).join('; '));
  }

  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  db.pragma('foreign_keys = ON');
  db.exec('BEGIN EXCLUSIVE; COMMIT'); // hold the write lock from now on

  if (version === LATEST_VERSION) return null;
  const backupPath = version > 0 ? backupDatabase(db, paths, version, nowMs()) : null;
  try {
    applyMigrations(db);
  } catch (error) {
    throw new StoreOpenError(
      'STORE_UNREADABLE',
      paths.db,
      `The local store ${paths.db} could not be upgraded from version ${version}: ${(error as Error).message}.`,
      backupPath
        ? `Nothing was changed; a copy was kept at ${backupPath}. Install the newest version of the app, or choose "Recover" to start from a backup.`
        : 'Nothing was changed. Install the newest version of the app.',
      { cause: error },
    );
  }
  return backupPath;
}

function hasTables(db: Database.Database): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' LIMIT 1").get() !== undefined;
}
