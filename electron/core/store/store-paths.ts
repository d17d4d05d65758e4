import { join } from 'node:path';

/** Where the store keeps its files inside the data directory. */
export interface StorePaths {
  dir: string;
  db: string;
  backups: string;
  damaged: string;
  /** The app's rotating log files (logging/). */
  logs: string;
}

export const STORE_FILE = 'store.sqlite';
/** SQLite's companion files that belong to the database file. */
export const STORE_COMPANIONS = ['-wal', '-shm', '-journal'] as const;

export function storePaths(dataDir: string): StorePaths {
  return {
    dir: dataDir,
    db: join(dataDir, STORE_FILE),
    backups: join(dataDir, 'backups'),
    damaged: join(dataDir, 'damaged'),
    logs: join(dataDir, 'logs'),
  };
}

/** A timestamp that sorts as text and is safe in file names: 20261124T202534123Z. */
export function fileTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace('.', '');
}
