/** better-sqlite3's SqliteError carries SQLite's result code as `code` ('SQLITE_BUSY', ...). */
export function sqliteCode(error: unknown): string | null {
  if (error && typeof error === 'object' && 'code' in error) {
    const code = (error as { code: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_')) return code;
  }
  return null;
}

/** Codes that mean the file is in use by another connection. */
export function isBusy(code: string | null): boolean {
  return code !== null && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/** Codes that mean the file's content is damaged. */
export function isCorrupt(code: string | null): boolean {
  return code !== null && code.startsWith('SQLITE_CORRUPT');
}
