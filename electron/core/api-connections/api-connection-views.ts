import type { ApiConnectionDocument, ApiConnectionListItem, SecretsRead } from '../../../shared/schemas/api-connection-document';
import type { ApiConnectionPublic } from '../../../shared/schemas/api-connection-public';
import { apiConnectionView } from '../../../shared/validation/api-connection-secrets';
import { tokenExpiry } from '../../../shared/validation/token-expiry';
import { toIso } from '../clock';
import type { CollectionRow } from '../documents/document-store';
import { isDirty } from './api-connection-rows';

/** What the renderer gets: built from the public part and flags only (previews are masked by apiConnectionView). */
function stateOf(row: CollectionRow) {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    published: row.base_json !== null,
    dirty: isDirty(row),
    deleted: row.deleted === 1,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

export function listItemOf(row: CollectionRow, publicPart: ApiConnectionPublic, now: Date): ApiConnectionListItem {
  return {
    ...stateOf(row),
    name: publicPart.name,
    description: publicPart.description,
    code: publicPart.code,
    baseUrl: publicPart.baseUrl,
    tokenExpired: publicPart.token ? tokenExpiry(publicPart.token, now).expired : null,
  };
}

/** `secrets`: the values read for masked previews (null when they could not be read; `read` says why). */
export function documentOf(
  row: CollectionRow,
  publicPart: ApiConnectionPublic,
  secrets: ReadonlyMap<string, string> | null,
  read: SecretsRead,
  now: Date,
): ApiConnectionDocument {
  return { ...stateOf(row), connection: apiConnectionView(publicPart, secrets, now), secrets: read };
}

export const SECRETS_READ_OK: SecretsRead = { readable: true, reason: null, message: null, missingFields: [] };
