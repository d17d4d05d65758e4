import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { fileTimestamp, type StorePaths } from './store-paths';

/** A consistent copy of the database (VACUUM INTO) in DIR/backups, named by version and time. */
export function backupDatabase(db: Database.Database, paths: StorePaths, fromVersion: number, nowMs: number): string {
  mkdirSync(paths.backups, { recursive: true });
  const stem = `store-v${fromVersion}-${fileTimestamp(nowMs)}`;
  let target = join(paths.backups, `${stem}.sqlite`);
  for (let n = 2; existsSync(target); n++) target = join(paths.backups, `${stem}-${n}.sqlite`);
  db.prepare('VACUUM INTO ?').run(target);
  return target;
}
