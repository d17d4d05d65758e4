import { existsSync, readdirSync, statSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type { StorePaths } from './store-paths';

export interface StoreStats {
  file: string;
  bytes: number;
  walBytes: number;
  schemaVersion: number;
  pageSize: number;
  pageCount: number;
  freePages: number;
  journalMode: string;
  /** SQLite's full integrity_check: ["ok"] when sound, else its first findings. */
  integrityCheck: string[];
  /** Rows per table (this app's tables only). */
  rows: Record<string, number>;
  backups: number;
  damagedFilesKept: number;
  sqlite: string;
}

/** The store's size, shape and health, for diagnostics: no row content, only counts. */
export function storeStats(db: Database.Database, paths: StorePaths): StoreStats {
  const tables = db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
    .all()
    .map((row) => row.name);
  const rows: Record<string, number> = {};
  for (const table of tables) rows[table] = (db.prepare(`SELECT COUNT(*) AS n FROM "${table.replace(/"/g, '""')}"`).get() as { n: number }).n;
  const integrity = (db.pragma('integrity_check(20)') as Array<{ integrity_check: string }>).map((row) => row.integrity_check);
  return {
    file: paths.db,
    bytes: fileSize(paths.db),
    walBytes: fileSize(`${paths.db}-wal`),
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    pageSize: db.pragma('page_size', { simple: true }) as number,
    pageCount: db.pragma('page_count', { simple: true }) as number,
    freePages: db.pragma('freelist_count', { simple: true }) as number,
    journalMode: String(db.pragma('journal_mode', { simple: true })),
    integrityCheck: integrity,
    rows,
    backups: countFiles(paths.backups),
    damagedFilesKept: countFiles(paths.damaged),
    sqlite: (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v,
  };
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

function countFiles(dir: string): number {
  return existsSync(dir) ? readdirSync(dir).length : 0;
}
