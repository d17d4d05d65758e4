export type StoreOpenErrorCode = 'STORE_LOCKED' | 'STORE_CORRUPT' | 'STORE_UNREADABLE' | 'STORE_TOO_NEW';

/**
 * Why the local store could not be opened. `message` says what is wrong, `recovery` tells the
 * user what to do; the shell shows both (and offers recoverStore() for CORRUPT/UNREADABLE).
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
