import { copyFileSync, constants, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { STORE_COMPANIONS, fileTimestamp, storePaths, type StorePaths } from './store-paths';
import { ensureDataFolder } from './data-folder';
import { APPLICATION_ID, LATEST_VERSION } from './migrations';
import { lockedError, notDamagedError } from './recovery-messages';
import { isBusy, sqliteCode } from './sqlite-error';

export interface RecoverResult {
  /** Where the damaged files now are (inside DIR/damaged/). */
  movedAside: string[];
  /** The backup copied into place, or null when there was none (the next open starts empty). */
  restoredFrom: string | null;
}

/**
 * After openCore failed with STORE_CORRUPT or STORE_UNREADABLE: moves the store's files into
 * DIR/damaged/ (renamed, never deleted) and copies the newest sound backup into place. Refuses,
 * with a StoreOpenError that says why and having changed nothing, when it cannot or should not
 * act: the folder is missing (STORE_NOT_FOUND) or not writable (STORE_NOT_WRITABLE), another
 * instance holds the store (STORE_LOCKED), or the store is sound (STORE_NOT_DAMAGED).
 */
export function recoverStore(dataDir: string, nowMs: number = Date.now()): RecoverResult {
  const paths = storePaths(dataDir);
  ensureDataFolder(paths, { create: false });
  if (isHeldByAnotherConnection(paths.db)) throw lockedError(paths, null);
  if (isSoundStore(paths.db)) throw notDamagedError(paths);

  const movedAside: string[] = [];
  const stamp = fileTimestamp(nowMs);
  for (const suffix of ['', ...STORE_COMPANIONS]) {
    const source = paths.db + suffix;
    if (!existsSync(source)) continue;
    mkdirSync(paths.damaged, { recursive: true });
    const target = freeName(paths.damaged, `store-${stamp}.sqlite${suffix}`);
    renameSync(source, target);
    movedAside.push(target);
  }

  const backup = newestSoundBackup(paths);
  if (backup) copyFileSync(backup, paths.db, constants.COPYFILE_EXCL);
  return { movedAside, restoredFrom: backup };
}

function isHeldByAnotherConnection(file: string): boolean {
  if (!existsSync(file)) return false;
  let db: Database.Database | null = null;
  try {
    // Read-only and EXCLUSIVE: this probe never writes to (or checkpoints into) a damaged file
    // and creates no -wal/-shm files; only "busy" means another connection holds the store.
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('busy_timeout = 100');
    db.pragma('user_version');
    return false;
  } catch (error) {
    return isBusy(sqliteCode(error));
  } finally {
    db?.close();
  }
}

/**
 * This app's store, current (or newer) and passing quick_check: nothing a recovery should move
 * aside. A read-only check of a WAL store creates SQLite's companion files: those it created go
 * again, so that the probe leaves the folder as it found it.
 */
function isSoundStore(file: string): boolean {
  if (!existsSync(file)) return false;
  const createdByProbe = STORE_COMPANIONS.map((suffix) => file + suffix).filter((companion) => !existsSync(companion));
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const version = db.pragma('user_version', { simple: true }) as number;
    const applicationId = db.pragma('application_id', { simple: true }) as number;
    if (applicationId !== APPLICATION_ID || version < LATEST_VERSION) return false;
    const rows = db.pragma('quick_check') as Array<{ quick_check: string }>;
    return rows.length === 1 && rows[0]?.quick_check === 'ok';
  } catch {
    return false;
  } finally {
    db?.close();
    for (const companion of createdByProbe) rmSync(companion, { force: true });
  }
}

function freeName(dir: string, name: string): string {
  let target = join(dir, name);
  for (let n = 2; existsSync(target); n++) target = join(dir, `${n}-${name}`);
  return target;
}

/** Backups sort by name (store-v{version}-{timestamp}); the newest one whose quick_check passes. */
function newestSoundBackup(paths: StorePaths): string | null {
  if (!existsSync(paths.backups)) return null;
  const candidates = readdirSync(paths.backups)
    .filter((name) => /^store-v\d+-.+\.sqlite$/.test(name))
    .sort(byTimestampDescending);
  for (const name of candidates) {
    const file = join(paths.backups, name);
    if (passesQuickCheck(file)) return file;
  }
  return null;
}

function byTimestampDescending(a: string, b: string): number {
  const stamp = (name: string) => basename(name).replace(/^store-v\d+-/, '');
  return stamp(b).localeCompare(stamp(a));
}

function passesQuickCheck(file: string): boolean {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = db.pragma('quick_check') as Array<{ quick_check: string }>;
    return rows.length === 1 && rows[0]?.quick_check === 'ok';
  } catch {
    return false;
  } finally {
    db?.close();
  }
}
