import type { StorePaths } from './store-paths';
import { StoreOpenError } from './store-open-error';

/** The sentences the user reads when the store cannot be opened: what is wrong, and what to do. */
export function lockedError(paths: StorePaths, cause: unknown): StoreOpenError {
  return new StoreOpenError(
    'STORE_LOCKED',
    paths.db,
    `The data folder ${paths.dir} is already in use by another copy of the app.`,
    'Switch to the window that is already open, or quit it and start the app again.',
    { cause },
  );
}

export function corruptError(paths: StorePaths, detail: string, cause?: unknown): StoreOpenError {
  return new StoreOpenError(
    'STORE_CORRUPT',
    paths.db,
    `The local store ${paths.db} is damaged (${detail}).`,
    `Choose "Recover" to move the damaged file into ${paths.damaged} (it is kept, never deleted) and restore the newest backup from ${paths.backups}, or start with an empty store if there is none.`,
    { cause },
  );
}

export function unreadableError(paths: StorePaths, detail: string, cause?: unknown): StoreOpenError {
  return new StoreOpenError(
    'STORE_UNREADABLE',
    paths.db,
    `The local store ${paths.db} cannot be read (${detail}).`,
    `Check that the folder ${paths.dir} exists and that you may read and write it. If the file is not this app's store, choose "Recover" to move it into ${paths.damaged} (it is kept, never deleted) and restore the newest backup or start empty.`,
    { cause },
  );
}

export function tooNewError(paths: StorePaths, found: number, known: number): StoreOpenError {
  return new StoreOpenError(
    'STORE_TOO_NEW',
    paths.db,
    `The local store ${paths.db} was written by a newer version of the app (store version ${found}; this version knows up to ${known}).`,
    'Install the newest version of the app and open it again. Your data is left untouched.',
  );
}
