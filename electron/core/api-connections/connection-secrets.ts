import type { ApiConnection } from '../../../shared/schemas/api-connection';
import type { ApiConnectionPublic } from '../../../shared/schemas/api-connection-public';
import { joinApiConnection, secretFieldsOf, splitApiConnection, type ApiConnectionSecret } from '../../../shared/validation/api-connection-secrets';
import type { Vault } from '../vault/vault';
import { VaultError, missingValueMessage } from '../vault/vault-error';

/**
 * An API connection's secrets in the vault, under owner `api_connection:<id>`, one entry per
 * secret field (see shared/validation/api-connection-secrets.ts). The caller keeps the public
 * part in SQLite and writes it only after these calls succeed, so a vault failure changes nothing.
 */
export const apiConnectionOwner = (connectionId: string) => `api_connection:${connectionId}`;

/**
 * Stores `secrets` as the connection's complete set: writes each, then removes entries no longer
 * in it (a cleared header, a removed settings key).
 */
export async function storeApiConnectionSecrets(vault: Vault, tenantId: string, connectionId: string, secrets: ApiConnectionSecret[]): Promise<void> {
  const owner = apiConnectionOwner(connectionId);
  for (const secret of secrets) await vault.set({ tenantId, owner, field: secret.field }, secret.value);
  const keep = new Set(secrets.map((s) => s.field));
  for (const ref of await vault.listByTenant(tenantId)) {
    if (ref.owner === owner && !keep.has(ref.field)) await vault.delete(ref);
  }
}

/** Splits a validated connection, stores its secrets, and returns the public part for SQLite. */
export async function saveApiConnectionSecrets(vault: Vault, tenantId: string, connectionId: string, connection: ApiConnection): Promise<ApiConnectionPublic> {
  const { public: publicPart, secrets } = splitApiConnection(connection);
  await storeApiConnectionSecrets(vault, tenantId, connectionId, secrets);
  return publicPart;
}

/** The secrets the public part says are set, by field name; a missing one is a MISSING_VALUE VaultError naming it. */
export async function readApiConnectionSecrets(vault: Vault, tenantId: string, connectionId: string, publicPart: ApiConnectionPublic): Promise<Map<string, string>> {
  const owner = apiConnectionOwner(connectionId);
  const values = new Map<string, string>();
  for (const field of secretFieldsOf(publicPart)) {
    const label = `the secret “${field}” of API connection “${publicPart.name}”`;
    const value = await vault.get({ tenantId, owner, field }, { expectPresent: true, label });
    if (value !== null) values.set(field, value);
  }
  return values;
}

/** The full connection (for Test connection and publishing): public part + vault. */
export async function loadApiConnection(vault: Vault, tenantId: string, connectionId: string, publicPart: ApiConnectionPublic): Promise<ApiConnection> {
  const joined = joinApiConnection(publicPart, await readApiConnectionSecrets(vault, tenantId, connectionId, publicPart));
  if (!joined.ok) {
    throw new VaultError('MISSING_VALUE', missingValueMessage(`the secret “${joined.missing[0]}” of API connection “${publicPart.name}”`, false));
  }
  return joined.value;
}

/** Removes every entry of a deleted connection; returns how many. */
export function deleteApiConnectionSecrets(vault: Vault, tenantId: string, connectionId: string): Promise<number> {
  return vault.deleteOwner(tenantId, apiConnectionOwner(connectionId));
}
