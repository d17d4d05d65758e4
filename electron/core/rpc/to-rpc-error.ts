import { RpcError } from '../../../shared/rpc/rpc-error';
import { isBusy, isCorrupt, sqliteCode } from '../store/sqlite-error';

/** SQLite codes that mean the store itself cannot be used right now (not a bug in a handler). */
const STORE_CODES = ['SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_READONLY', 'SQLITE_CANTOPEN', 'SQLITE_NOTADB'];

/**
 * Any failure as a typed error whose message is safe to show: RpcError passes through; SQLite's
 * errors say what kind of store problem happened; anything else is INTERNAL without details.
 */
export function toRpcError(error: unknown, channel: string): RpcError {
  if (error instanceof RpcError) return error;
  const code = sqliteCode(error);
  if (isBusy(code)) return new RpcError('STORE_UNAVAILABLE', 'The local store is busy. Try again in a moment.');
  if (isCorrupt(code)) {
    return new RpcError('STORE_UNAVAILABLE', 'The local store is damaged. Restart the app to check and recover it.');
  }
  if (code && STORE_CODES.some((prefix) => code.startsWith(prefix))) {
    const reason = code.startsWith('SQLITE_FULL') ? 'the disk is full' : `the file cannot be written (${code})`;
    return new RpcError('STORE_UNAVAILABLE', `The local store cannot save right now: ${reason}.`);
  }
  if (code) return new RpcError('INTERNAL', `The local store failed while handling ${channel} (${code}).`);
  return new RpcError('INTERNAL', `Something went wrong while handling ${channel}.`);
}
