/**
 * `Code` is unique in a tenant ignoring case and surrounding spaces (`qontak_crm` collides with
 * `QONTAK_CRM`). The core checks it against the tenant's other connections; the form can check
 * the same against the list it shows.
 */
export function normalizeApiCode(code: string): string {
  return code.trim().toLowerCase();
}

/** The connection that already uses `code`, other than `selfId` (the one being edited), or null. */
export function findDuplicateApiCode<T extends { id: string; code: string }>(code: string, existing: readonly T[], selfId?: string | null): T | null {
  const wanted = normalizeApiCode(code);
  return existing.find((other) => other.id !== selfId && normalizeApiCode(other.code) === wanted) ?? null;
}

/** The message key of a duplicate code (path ['code']). */
export const API_CODE_DUPLICATE_KEY = 'apiConnection.code.duplicate';
