export type StoreOpenErrorCode =
  | 'STORE_LOCKED'
  | 'STORE_CORRUPT'
  | 'STORE_UNREADABLE'
  | 'STORE_TOO_NEW'
  | 'STORE_NOT_FOUND'
  | 'STORE_NOT_WRITABLE'
  /** Only from recoverStore(): the store is sound, so there is nothing to recover. */
  | 'STORE_NOT_DAMAGED';

/**
 * Why the local store could not be opened. `message` says what is wrong, `recovery` tells the
 * user what to do; the shell shows both (and offers recoverStore() for CORRUPT/UNREADABLE only:
 * a folder that is missing or not writable is not damaged, and recovery could not act on it).
 */
export class StoreOpenError extends Error {
  readonly code: StoreOpenErrorCode;
  readonly path: string;
  readonly recovery: string;

  constructor(code: StoreOpenErrorCode, path: string, message: string, recovery: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreOpenError';
    this.code = code;
    this.path = path;
    this.recovery = recovery;
  }
}
