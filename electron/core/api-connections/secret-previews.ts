import type { SecretsRead } from '../../../shared/schemas/api-connection-document';
import type { ApiConnectionPublic } from '../../../shared/schemas/api-connection-public';
import { secretFieldsOf } from '../../../shared/validation/api-connection-secrets';
import type { Vault } from '../vault/vault';
import { toVaultError } from '../vault/vault-error';

/**
 * The stored secrets of a connection, read only to make masked previews (the values never leave
 * the core). Never fails: a value the keychain lost is listed in `missingFields`; a keychain that
 * cannot be read at all gives no previews and says why.
 */
export async function readSecretPreviews(
  vault: Vault,
  tenantId: string,
  owner: string | null,
  publicPart: ApiConnectionPublic,
): Promise<{ values: Map<string, string> | null; read: SecretsRead }> {
  const fields = secretFieldsOf(publicPart);
  const values = new Map<string, string>();
  const missingFields: string[] = [];
  let missingMessage: string | null = null;
  for (const field of fields) {
    if (owner === null) {
      missingFields.push(field);
      missingMessage ??= `The keychain holds no secrets for API connection “${publicPart.name}”. Enter them again to store them.`;
      continue;
    }
    try {
      const label = `the secret “${field}” of API connection “${publicPart.name}”`;
      const value = await vault.get({ tenantId, owner, field }, { expectPresent: true, label });
      if (value !== null) values.set(field, value);
    } catch (error) {
      const vaultError = toVaultError(error);
      if (vaultError.reason !== 'MISSING_VALUE') {
        return { values: null, read: { readable: false, reason: vaultError.reason, message: vaultError.message, missingFields: [] } };
      }
      missingFields.push(field);
      missingMessage ??= vaultError.message;
    }
  }
  if (missingFields.length === 0) return { values, read: { readable: true, reason: null, message: null, missingFields } };
  return { values, read: { readable: true, reason: 'MISSING_VALUE', message: missingMessage, missingFields } };
}
