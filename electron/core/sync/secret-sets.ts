import type Database from 'better-sqlite3';
import { apiConnectionPublicSchema, type ApiConnectionPublic } from '../../../shared/schemas/api-connection-public';
import { parseSecretFieldName, secretFieldsOf, type ApiConnectionSecret } from '../../../shared/validation/api-connection-secrets';
import { newApiConnectionOwner, readApiConnectionSecrets, writeApiConnectionSecrets } from '../api-connections/connection-secrets';
import { compiledSafeParse } from '../validation/compiled-schema';
import type { Vault } from '../vault/vault';
import type { VaultHousekeeping } from '../vault/vault-housekeeping';
import type { SecretValues } from './connection-sections';

/** A set, and the public part it holds the values of (its field names); null when not known. */
export interface ReleasedSet {
  owner: string | null;
  publicPart: ApiConnectionPublic | null;
}

/** A row's sets with what each holds. */
export function setsOfRow(row: { draft_json: string; base_json: string | null; vault_owner: string | null; base_vault_owner: string | null }): ReleasedSet[] {
  return [
    { owner: row.vault_owner, publicPart: publicOrNull(row.draft_json) },
    { owner: row.base_vault_owner, publicPart: row.base_json === null ? null : publicOrNull(row.base_json) },
  ];
}

/** The public part's schema compiled: a publish reads every connection's. */
const parsePublic = compiledSafeParse(apiConnectionPublicSchema);

function publicOrNull(json: string): ApiConnectionPublic | null {
  try {
    const parsed = parsePublic(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export interface SecretSetsDeps {
  db: Database.Database;
  vault: Vault;
  housekeeping: Pick<VaultHousekeeping, 'removeSet'>;
}

/**
 * API connections' keychain sets as the sync engine handles them (every call inside the core's
 * keychain queue): values read by field, fresh sets written for what the backend sent, and sets
 * nothing points at any more removed. A set is written whole before any row points at it and
 * removed only once no row, no open publish and no undoable batch needs it.
 */
export class SecretSets {
  private readonly referenced;

  private readonly vault: Vault;
  private readonly housekeeping: Pick<VaultHousekeeping, 'removeSet'>;

  constructor(deps: SecretSetsDeps) {
    this.vault = deps.vault;
    this.housekeeping = deps.housekeeping;
    this.referenced = deps.db.prepare<[string, string, string], { one: number }>(
      'SELECT 1 AS one FROM settings_documents WHERE tenant_id = ? AND (vault_owner = ? OR base_vault_owner = ?) LIMIT 1',
    );
  }

  /** The values a public part says are set, from `owner`'s set (VAULT_UNAVAILABLE when the keychain lost one). */
  read(tenantId: string, owner: string | null, publicPart: ApiConnectionPublic): Promise<Map<string, string>> {
    return readApiConnectionSecrets(this.vault, tenantId, owner, publicPart);
  }

  /** A fresh set holding `values`; null when there are none (a connection without secrets has no set). */
  async write(tenantId: string, connectionId: string, values: SecretValues): Promise<string | null> {
    if (values.size === 0) return null;
    const owner = newApiConnectionOwner(connectionId);
    const secrets: ApiConnectionSecret[] = [...values].map(([field, value]) => ({ path: parseSecretFieldName(field)!, field, value }));
    await writeApiConnectionSecrets(this.vault, tenantId, owner, secrets);
    return owner;
  }

  /**
   * Removes each set no row points at (pinned and held ones are left by the housekeeping). Best
   * effort. A set given with the public part it was written for is removed field by field.
   */
  async releaseUnused(tenantId: string, sets: Iterable<ReleasedSet | string | null>): Promise<void> {
    const done = new Set<string>();
    for (const item of sets) {
      const set = typeof item === 'string' || item === null ? { owner: item, publicPart: null } : item;
      if (set.owner === null || done.has(set.owner)) continue;
      done.add(set.owner);
      if (this.referenced.get(tenantId, set.owner, set.owner)) continue;
      await this.housekeeping.removeSet(tenantId, set.owner, set.publicPart ? secretFieldsOf(set.publicPart) : undefined);
    }
  }
}
