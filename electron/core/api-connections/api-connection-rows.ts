import { storedValueReader } from '../documents/stored-value';
import type { CollectionRow } from '../documents/document-store';
import { apiConnectionPublicSchema, type ApiConnectionPublic } from '../../../shared/schemas/api-connection-public';

/**
 * API connections are list documents in settings_documents (kind 'api_connection', many per
 * tenant). draft_json and base_json hold only the PUBLIC part (apiConnectionPublicSchema): names,
 * code, base URL, settings keys, header names, the token's non-secret fields. The secret values
 * are in the vault under vault_owner (the draft's set) and base_vault_owner (the base's).
 */
export { API_CONNECTION_KIND } from '../documents/document-store';

/** The public part a row holds, checked: a damaged one is a clear error, not a crash. */
export const readPublicPart: (json: string, row: Pick<CollectionRow, 'id'>) => ApiConnectionPublic = storedValueReader(apiConnectionPublicSchema, 'API connection');

/**
 * Something to publish: a deletion of what the backend has; a connection the backend does not
 * have yet; or a draft (public part or secret set) that differs from the base.
 */
export function isDirty(row: Pick<CollectionRow, 'draft_json' | 'base_json' | 'deleted' | 'vault_owner' | 'base_vault_owner'>): boolean {
  if (row.deleted === 1) return row.base_json !== null;
  return row.base_json === null || row.draft_json !== row.base_json || row.vault_owner !== row.base_vault_owner;
}
