import { RpcError } from '../../../shared/rpc/rpc-error';
import { StoreOpenError } from '../store/store-open-error';
import { sqliteCode } from '../store/sqlite-error';

/**
 * How a failure is logged. An expected operational failure — the disk is full or read-only, the
 * store is busy, a backend or the network is down, the keychain is locked — is one line with what
 * happened; only a bug (anything else) carries its stack trace.
 */
export interface FailureDescription {
  kind: 'operational' | 'bug';
  /** One line: what failed, without a stack. */
  message: string;
  /** Only for bugs. */
  stack: string | null;
}

/** SQLite's result codes for trouble with the file or the disk, not with the code. */
const OPERATIONAL_SQLITE = ['SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_READONLY', 'SQLITE_CANTOPEN', 'SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_PERM'];

/** The operating system's and the HTTP client's codes for a full or read-only disk, a missing permission, the network. */
const OPERATIONAL_SYSTEM = new Set([
  'ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM', 'EIO', 'EMFILE', 'ENFILE', 'EBUSY',
  'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN',
  'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EADDRINUSE', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export function describeFailure(error: unknown): FailureDescription {
  const operational = operationalMessage(error, 0);
  if (operational !== null) return { kind: 'operational', message: oneLine(operational), stack: null };
  const message = error instanceof Error ? `${error.name}: ${error.message}` : `thrown: ${String(error)}`;
  const stack = error instanceof Error && error.stack ? error.stack.split('\n').slice(1).map((line) => line.trim()).join(' | ') : null;
  return { kind: 'bug', message: oneLine(message), stack };
}

function operationalMessage(error: unknown, depth: number): string | null {
  if (!(error instanceof Error) || depth > 3) return null;
  if (error instanceof RpcError) return `${error.code}: ${error.message}`;
  if (error instanceof StoreOpenError) return `${error.code}: ${error.message}`;
  const sqlite = sqliteCode(error);
  if (sqlite !== null && OPERATIONAL_SQLITE.some((prefix) => sqlite.startsWith(prefix))) return `${sqlite}: ${error.message}`;
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code === 'string' && (OPERATIONAL_SYSTEM.has(code) || code.startsWith('UND_ERR_'))) return `${code}: ${error.message}`;
  if (error.name === 'AbortError' || error.name === 'TimeoutError') return `${error.name}: ${error.message}`;
  // fetch's "fetch failed" (a TypeError) carries the network's reason as its cause.
  const cause = operationalMessage((error as { cause?: unknown }).cause, depth + 1);
  return cause === null ? null : `${error.message}: ${cause}`;
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').slice(0, 2_000);
}
