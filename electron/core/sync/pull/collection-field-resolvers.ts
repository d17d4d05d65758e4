import { z } from 'zod';
import { collectionKind, type CollectionKindDescriptor, type CollectionKindName } from '../../../../shared/document-kinds';
import { jsonEqual } from '../../../../shared/logic/json-path';
import { resolveConflicts, type ConflictChoice, type MergeConflict } from '../../../../shared/logic/three-way-merge';
import { RpcError } from '../../../../shared/rpc/rpc-error';
import { apiConnectionScalarsSchema as scalarsSchema } from '../../../../shared/schemas/api-connection';
import type { ApiConnectionPublic } from '../../../../shared/schemas/api-connection-public';
import { readPublicPart } from '../../api-connections/api-connection-rows';
import { readDealSetting } from '../../crm/deal-setting-rows';
import type { CollectionRow } from '../../documents/document-store';
import { combineValues, publicOf, sameSection, sectionOfPointer, SECRET_SECTIONS, type SecretSection } from '../connection-sections';
import type { SecretSets } from '../secret-sets';

/** How a collection document's field conflicts resolve with the user's choices ('mine' | 'theirs' per pointer). */
export type FieldResolver = (row: CollectionRow, conflicts: MergeConflict[], choices: Record<string, ConflictChoice>) => void | Promise<void>;

export interface FieldResolverDeps {
  sets: SecretSets;
  /** Writes the resolved row, its revision when the draft changed, and the conflicts still open, in one transaction. */
  write(row: CollectionRow, next: CollectionRow, open: readonly MergeConflict[]): void;
}

/** The field resolver of each collection kind: a kind without secrets generically; API connections with their secret sections. */
export function collectionFieldResolvers(deps: FieldResolverDeps): Record<CollectionKindName, FieldResolver> {
  return {
    api_connection: connectionFieldResolver(deps),
    deal_setting: plainFieldResolver(deps, { descriptor: collectionKind('deal_setting'), read: readDealSetting }),
  };
}

/** A kind without secrets: the chosen fields must make a value its schema accepts. */
export function plainFieldResolver<V>(
  deps: FieldResolverDeps,
  kind: { descriptor: Pick<CollectionKindDescriptor, 'schema'>; read(json: string, row: Pick<CollectionRow, 'id'>): V },
): FieldResolver {
  return (row, conflicts, choices) => {
    const { value, open } = resolveConflicts(kind.read(row.draft_json, row), conflicts, choices);
    const parsed = kind.descriptor.schema.safeParse(value);
    if (!parsed.success) throw invalidChoices(parsed.error.issues);
    const base = row.base_json === null ? null : kind.read(row.base_json, row);
    deps.write(row, { ...row, draft_json: JSON.stringify(parsed.data), dirty: row.deleted === 1 || base === null || !jsonEqual(base, parsed.data) ? 1 : 0 }, open);
  };
}

/**
 * An API connection: its fields as for a kind without secrets; a secret section's theirs takes the
 * backend's shape and values (the base's keychain set holds them since the pull), written with the
 * draft's other sections as a new set.
 */
export function connectionFieldResolver(deps: FieldResolverDeps): FieldResolver {
  const { sets } = deps;
  return async (row, conflicts, choices) => {
    const draft = readPublicPart(row.draft_json, row);
    const base = row.base_json === null ? null : readPublicPart(row.base_json, row);
    const fieldConflicts = conflicts.filter((c) => sectionOfPointer(c.pointer) === null);
    const { value, open } = resolveConflicts(draft, fieldConflicts, choices);
    const scalars = scalarsSchema.safeParse(value);
    if (!scalars.success) throw invalidChoices(scalars.error.issues);
    const sides = {} as Record<SecretSection, 'local' | 'remote'>;
    for (const section of SECRET_SECTIONS) {
      const conflict = conflicts.find((c) => sectionOfPointer(c.pointer) === section);
      const choice = conflict ? choices[conflict.pointer] : undefined;
      if (conflict && choice === undefined) open.push(conflict);
      sides[section] = choice === 'theirs' && base !== null ? 'remote' : 'local';
    }
    const from = (section: SecretSection) => (sides[section] === 'remote' ? base! : draft);
    const next: ApiConnectionPublic = publicOf(scalars.data, {
      settingsKeys: from('settingsKeys').settingsKeys,
      headers: from('headers').headers,
      token: from('token').token,
    });
    let owner = row.vault_owner;
    if (Object.values(sides).includes('remote')) {
      const local = await sets.read(row.tenant_id, row.vault_owner, draft);
      const remote = await sets.read(row.tenant_id, row.base_vault_owner, base!);
      const combined = combineValues(sides, local, remote);
      // Back to exactly the backend's secrets: the base's set serves (nothing to publish there).
      const isBase = SECRET_SECTIONS.every((section) => sameSection(next, combined, base!, remote, section));
      owner = isBase ? row.base_vault_owner : await sets.write(row.tenant_id, row.id, combined);
    }
    const dirty = row.deleted === 1 || base === null || owner !== row.base_vault_owner || !jsonEqual(base, next) ? 1 : 0;
    try {
      deps.write(row, { ...row, draft_json: JSON.stringify(next), vault_owner: owner, dirty }, open);
    } catch (error) {
      if (owner !== row.vault_owner && owner !== row.base_vault_owner) await sets.releaseUnused(row.tenant_id, [{ owner, publicPart: next }]);
      throw error;
    }
    if (owner !== row.vault_owner) await sets.releaseUnused(row.tenant_id, [{ owner: row.vault_owner, publicPart: draft }]);
  };
}

function invalidChoices(issues: readonly z.ZodIssue[]): RpcError {
  return new RpcError(
    'INVALID_INPUT',
    'These choices make a setting that does not validate: choose the related fields from the same side.',
    issues.map((issue) => ({ path: issue.path, message: issue.message })),
  );
}
