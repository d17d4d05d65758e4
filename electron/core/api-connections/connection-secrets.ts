import { randomBytes } from 'node:crypto';
import type { ApiConnection } from '../../../shared/schemas/api-connection';
import type { ApiConnectionPublic } from '../../../shared/schemas/api-connection-public';
import { joinApiConnection, secretFieldsOf, type ApiConnectionSecret } from '../../../shared/validation/api-connection-secrets';
import type { Vault } from '../vault/vault';
import { VaultError, missingValueMessage } from '../vault/vault-error';

/**
 * An API connection's secrets in the vault, a value per secret field (see
 * shared/validation/api-connection-secrets.ts), under an owner that names one complete SET of
 * them: `api_connection:<connectionId>_<set>` (the vault keeps a tenant's sets in one keychain
 * entry: vault-ref.ts). A save that changes secrets writes a fresh set
 * and then points the row at it; the old set stays whole until the row has moved on. So a vault
 * that fails half-way, or a crash, never leaves a connection with a mix of old and new values:
 * the caller keeps the public part in SQLite and writes it only after these calls succeed.
 */
export const API_CONNECTION_OWNER_KIND = 'api_connection';

/** A fresh owner for a new set of a connection's secrets. */
export function newApiConnectionOwner(connectionId: string): string {
  return `${API_CONNECTION_OWNER_KIND}:${connectionId}_${randomBytes(6).toString('hex')}`;
}

export function isApiConnectionOwner(owner: string): boolean {
  return owner.startsWith(`${API_CONNECTION_OWNER_KIND}:`);
}

/**
 * Writes `secrets` under `owner` (a fresh one). If the write fails, whatever of it landed is
 * removed again (as far as the keychain still lets us: what stays is an orphan, removed by the
 * sweep at the next start) and the vault's error is thrown.
 */
export async function writeApiConnectionSecrets(vault: Vault, tenantId: string, owner: string, secrets: readonly ApiConnectionSecret[]): Promise<void> {
  const writes = secrets.map((secret) => ({ ref: { tenantId, owner, field: secret.field }, value: secret.value }));
  try {
    await vault.setMany(writes);
  } catch (error) {
    // A write that timed out may still have landed: whatever of the set is there goes again.
    await vault.deleteMany(writes.map((write) => write.ref)).catch(() => 0);
    throw error;
  }
}

/**
 * The secrets the public part says are set (or only `fields` of them), by field name, read side by
 * side; a missing one is a MISSING_VALUE VaultError naming it. `owner` null: the connection has no secrets.
 */
export async function readApiConnectionSecrets(
  vault: Vault,
  tenantId: string,
  owner: string | null,
  publicPart: ApiConnectionPublic,
  fields: readonly string[] = secretFieldsOf(publicPart),
): Promise<Map<string, string>> {
  const values = new Map<string, string>();
  if (fields.length === 0) return values;
  if (owner === null) throw new VaultError('MISSING_VALUE', missingValueMessage(secretLabel(fields[0]!, publicPart), false));
  const read = await vault.getMany(
    fields.map((field) => ({ tenantId, owner, field })),
    { expectPresent: true, label: (ref) => secretLabel(ref.field, publicPart) },
  );
  fields.forEach((field, i) => {
    const value = read[i];
    if (value !== null && value !== undefined) values.set(field, value);
  });
  return values;
}

/** The full connection (for Test connection and publishing): public part + vault. */
export async function loadApiConnection(vault: Vault, tenantId: string, owner: string | null, publicPart: ApiConnectionPublic): Promise<ApiConnection> {
  const joined = joinApiConnection(publicPart, await readApiConnectionSecrets(vault, tenantId, owner, publicPart));
  if (!joined.ok) throw new VaultError('MISSING_VALUE', missingValueMessage(secretLabel(joined.missing[0]!, publicPart), false));
  return joined.value;
}

/** A connection to load: its tenant, its set (null: no secrets) and its public part. */
export interface ConnectionToLoad {
  tenantId: string;
  owner: string | null;
  publicPart: ApiConnectionPublic;
}

/**
 * Several connections' full values at once (a publish reads a tenant's ahead of its requests): the
 * values of all of them in one vault read, so each tenant's keychain entry is read once. A
 * connection missing a value is loaded again on its own (loadApiConnection), so that it fails with
 * its own error and the others do not.
 */
export async function loadApiConnections(vault: Vault, items: readonly ConnectionToLoad[]): Promise<Array<PromiseSettledResult<ApiConnection>>> {
  const fieldsOf = items.map((item) => (item.owner === null ? [] : secretFieldsOf(item.publicPart)));
  const refs = items.flatMap((item, i) => fieldsOf[i]!.map((field) => ({ tenantId: item.tenantId, owner: item.owner!, field })));
  const values = await vault.getMany(refs).catch(() => null);
  let at = 0;
  const read = items.map((_, i) => {
    const mine = values?.slice(at, at + fieldsOf[i]!.length) ?? null;
    at += fieldsOf[i]!.length;
    return mine;
  });
  return Promise.allSettled(
    items.map(async (item, i) => {
      const mine = read[i];
      if (mine && mine.every((value) => value !== null)) {
        const joined = joinApiConnection(item.publicPart, new Map(fieldsOf[i]!.map((field, k) => [field, mine[k]!])));
        if (joined.ok) return joined.value;
      }
      return loadApiConnection(vault, item.tenantId, item.owner, item.publicPart);
    }),
  );
}

function secretLabel(field: string, publicPart: ApiConnectionPublic): string {
  return `the secret “${field}” of API connection “${publicPart.name}”`;
}
