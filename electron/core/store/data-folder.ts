import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { notFoundError, notWritableError, unreadableError } from './recovery-messages';
import type { StorePaths } from './store-paths';

/**
 * Makes sure the data folder is there and writable before SQLite sees it, so that each way it can
 * fail has its own sentence: not found (and cannot be created), not writable, not a folder.
 * `create`: make the folder (and its parents) when it is missing; recovery passes false (it
 * never creates what it should repair).
 */
export function ensureDataFolder(paths: StorePaths, options: { create: boolean }): void {
  const kind = entryKind(paths.dir);
  if (kind === 'missing') {
    if (!options.create) throw notFoundError(paths, 'there is no such folder');
    try {
      mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
    } catch (error) {
      throw missingFolderError(paths, error);
    }
  } else if (kind !== 'folder') {
    throw unreadableError(paths, 'the data folder path is a file, not a folder');
  }
  const folderReason = notWritableReason(paths.dir);
  if (folderReason) throw notWritableError(paths, paths.dir, folderReason);
  const fileReason = entryKind(paths.db) === 'file' ? notWritableReason(paths.db) : null;
  if (fileReason) throw notWritableError(paths, paths.db, fileReason);
}

/** Why `path` cannot be written (read-only file system, no permission), or null when it can. */
export function notWritableReason(path: string): string | null {
  try {
    accessSync(path, constants.W_OK);
    return null;
  } catch (error) {
    return describeAccessError(error, path);
  }
}

function missingFolderError(paths: StorePaths, error: unknown) {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOTDIR') return unreadableError(paths, `the folder cannot be created: a part of its path is a file`, error);
  // Node's recursive mkdir reports ENOENT when a parent cannot be created: say which one and why.
  const parent = nearestExisting(dirname(paths.dir));
  const parentReason = parent ? notWritableReason(parent) : null;
  const why = parent && parentReason ? `it cannot be created: ${parent} ${parentReason}` : `it cannot be created (${code ?? (error as Error).message})`;
  return notFoundError(paths, why, error);
}

function nearestExisting(path: string): string | null {
  for (let current = path; ; current = dirname(current)) {
    if (entryKind(current) !== 'missing') return current;
    if (dirname(current) === current) return null;
  }
}

function entryKind(path: string): 'missing' | 'folder' | 'file' | 'other' {
  try {
    const stats = statSync(path);
    return stats.isDirectory() ? 'folder' : stats.isFile() ? 'file' : 'other';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'missing' : code === 'ENOTDIR' ? 'other' : 'other';
  }
}

function describeAccessError(error: unknown, path: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EROFS') return 'is on a read-only disk or file system';
  if (code === 'EACCES' || code === 'EPERM') return 'may not be written by this user (permissions, or the file is locked against changes)';
  return `cannot be written (${code ?? (error as Error).message}: ${path})`;
}
