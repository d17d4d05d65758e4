import { jsonEqual } from '../../../../shared/logic/json-path';
import type { MergeConflict } from '../../../../shared/logic/three-way-merge';
import type { ApiConnectionPublic } from '../../../../shared/schemas/api-connection-public';
import { splitApiConnection } from '../../../../shared/validation/api-connection-secrets';
import { readPublicPart } from '../../api-connections/api-connection-rows';
import type { CollectionRow } from '../../documents/document-store';
import { isEmptyValue, mergeFields } from './collection-merge';
import type { CollectionPullHooks, LiveMerge, LiveMergeInput, StoredRemote } from './collection-pull';
import {
  combineValues,
  publicOf,
  sameSection,
  sameShapes,
  scalarsOf,
  sectionPointer,
  SECRET_SECTIONS,
  type SecretSection,
  type SecretValues,
} from '../connection-sections';
import type { SentOnto } from './document-sync';
import type { RemoteApiConnection } from './remote-snapshot';
import { setsOfRow, type SecretSets } from '../secret-sets';

/** What the row keeps of a remote connection: its public part, its secrets' keychain set, and (in memory) their values. */
export interface StoredConnection extends StoredRemote<ApiConnectionPublic> {
  values: SecretValues;
}

export interface ApiConnectionPullDeps {
  sets: SecretSets;
  /** What this installation sent for a connection on top of a base version (Outbox.sentOnto). */
  sentOnto?: SentOnto;
}

/**
 * The API connections' part of the collection pull (collection-pull.ts): their secrets. Each
 * remote connection's secrets become a fresh keychain set: the base's. The four plain fields
 * merge three-way; each secret section (Settings, Headers, Token) merges as a whole: the side
 * that changed it wins, both changed it differently is a conflict (the draft keeps its own until
 * the user decides); a draft whose secrets are the base's takes the remote's without reading the
 * keychain. A creation matched by its code merges against an empty base: a side without a
 * section has not changed it.
 */
export function apiConnectionPullHooks(deps: ApiConnectionPullDeps): CollectionPullHooks<ApiConnectionPublic, RemoteApiConnection, StoredConnection> {
  const sets = deps.sets;
  const sentOnto: SentOnto = deps.sentOnto ?? (() => []);

  /** The remote is what this installation sent on top of the row's base version: its public part, and the secret values of the set it sent. */
  async function isOwnWrite(tenantId: string, row: CollectionRow, remotePublic: ApiConnectionPublic, remoteValues: SecretValues): Promise<boolean> {
    for (const sent of sentOnto(row.id, row.base_version)) {
      if (!jsonEqual(sent.body, remotePublic)) continue;
      if (sent.vaultOwner === null) {
        if (remoteValues.size === 0) return true;
        continue;
      }
      try {
        const values = await sets.read(tenantId, sent.vaultOwner, remotePublic);
        if (values.size === remoteValues.size && [...values].every(([field, value]) => remoteValues.get(field) === value)) return true;
      } catch {
        // that set is gone: it cannot be compared
      }
    }
    return false;
  }

  async function mergeLive(input: LiveMergeInput<ApiConnectionPublic, RemoteApiConnection, StoredConnection>): Promise<LiveMerge<ApiConnectionPublic>> {
    const { tenantId, row, draft, base, stored, ownWrite, previous, written } = input;
    const remotePublic = stored.value;
    const remoteValues = stored.values;
    const scalars = mergeFields(base === null ? null : scalarsOf(base), scalarsOf(draft), scalarsOf(remotePublic), previous, () => true);
    let sections: Pick<ApiConnectionPublic, SecretSection> = remotePublic;
    let owner = stored.owner;
    const sectionConflicts: MergeConflict[] = [];
    const draftSecretsAreBase = !ownWrite && base !== null && row.vault_owner === row.base_vault_owner && sameShapes(draft, base);
    if (!draftSecretsAreBase) {
      const local = await sets.read(tenantId, row.vault_owner, draft);
      const baseValues = ownWrite ? remoteValues : base === null ? null : await sets.read(tenantId, row.base_vault_owner, base);
      const choices = {} as Record<SecretSection, 'local' | 'remote'>;
      for (const section of SECRET_SECTIONS) {
        // No base (a creation matched by its code): against an empty base, a side without the section has not changed it.
        const localChanged = base === null ? !isEmptyValue(draft[section]) : !sameSection(draft, local, base, baseValues, section);
        const remoteChanged = base === null ? !isEmptyValue(remotePublic[section]) : !sameSection(remotePublic, remoteValues, base, baseValues, section);
        const same = sameSection(draft, local, remotePublic, remoteValues, section);
        choices[section] = !localChanged || same ? 'remote' : 'local';
        const wasOpen = previous.some((c) => c.pointer === sectionPointer(section));
        if (!same && ((localChanged && remoteChanged) || (wasOpen && localChanged))) {
          sectionConflicts.push({ path: [section], pointer: sectionPointer(section), base: base === null ? null : base[section], local: draft[section], remote: remotePublic[section] });
        }
      }
      sections = {
        settingsKeys: (choices.settingsKeys === 'local' ? draft : remotePublic).settingsKeys,
        headers: (choices.headers === 'local' ? draft : remotePublic).headers,
        token: (choices.token === 'local' ? draft : remotePublic).token,
      };
      const picks = Object.values(choices);
      if (picks.every((pick) => pick === 'local')) owner = row.vault_owner;
      else if (picks.some((pick) => pick === 'local')) {
        owner = await sets.write(tenantId, row.id, combineValues(choices, local, remoteValues));
        if (owner) written.push({ owner, publicPart: publicOf(draft, sections) });
      }
    }
    return { merged: publicOf(scalars.merged, sections), owner, conflicts: [...scalars.conflicts, ...sectionConflicts] };
  }

  return {
    read: readPublicPart,
    async store(tenantId, documentId, remote, written) {
      const split = splitApiConnection(remote.value);
      const values: SecretValues = new Map(split.secrets.map((secret) => [secret.field, secret.value]));
      const owner = await sets.write(tenantId, documentId, values);
      if (owner) written.push({ owner, publicPart: split.public });
      return { value: split.public, owner, values };
    },
    isOwnWrite: (tenantId, row, _remote, stored) => isOwnWrite(tenantId, row, stored.value, stored.values),
    mergeLive,
    setsOf: setsOfRow,
    releaseUnused: (tenantId, released) => sets.releaseUnused(tenantId, released),
  };
}
