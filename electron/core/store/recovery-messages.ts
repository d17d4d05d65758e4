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

export function notFoundError(paths: StorePaths, detail: string, cause?: unknown): StoreOpenError {
  return new StoreOpenError(
    'STORE_NOT_FOUND',
    paths.db,
    `The data folder ${paths.dir} was not found: ${detail}.`,
    `Check that the disk holding it is connected and that the path is right, or choose another data folder. Nothing was created or changed.`,
    { cause },
  );
}

/** `blocked` is the folder or the store file that cannot be written; `detail` says why ("is on a read-only disk ..."). */
export function notWritableError(paths: StorePaths, blocked: string, detail: string, cause?: unknown): StoreOpenError {
  const what = blocked === paths.dir ? `The data folder ${paths.dir}` : `The local store ${blocked}`;
  return new StoreOpenError(
    'STORE_NOT_WRITABLE',
    paths.db,
    `${what} is not writable: it ${detail}.`,
    `The app saves every edit there, so it needs to write to it: make it writable (or mount the disk read-write) and start the app again. The store is not damaged and nothing was changed; recovery would not help.`,
    { cause },
  );
}

/** Recovery refused because the store opens fine: moving it aside would only hide the user's data. */
export function notDamagedError(paths: StorePaths): StoreOpenError {
  return new StoreOpenError(
    'STORE_NOT_DAMAGED',
    paths.db,
    `Nothing to recover: the local store ${paths.db} passes its check and is not damaged.`,
    'Start the app without recovery. Nothing was moved or changed.',
  );
}
