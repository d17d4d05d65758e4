import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { jsonEqual } from '../../../../shared/logic/json-path';
import type { MergeConflict } from '../../../../shared/logic/three-way-merge';
import type { ApiConnectionPublic } from '../../../../shared/schemas/api-connection-public';
import { normalizeApiCode } from '../../../../shared/validation/api-connection-code';
import { splitApiConnection } from '../../../../shared/validation/api-connection-secrets';
import { readPublicPart } from '../../api-connections/api-connection-rows';
import { collectionStatements, type CollectionRow, type CollectionStatements } from '../../documents/document-store';
import { documentConflict, isDocumentConflict, isEmptyValue, keepOpen, mergeFields } from './collection-merge';
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
import type { PullWriter } from './pull-writer';
import type { RemoteApiConnection } from './remote-snapshot';
import { setsOfRow, type ReleasedSet, type SecretSets } from '../secret-sets';

type Change =
  | { type: 'insert'; id: string; remote: RemoteApiConnection; publicPart: ApiConnectionPublic; owner: string | null }
  | { type: 'update'; before: CollectionRow; after: CollectionRow; conflicts: MergeConflict[] }
  | { type: 'conflicts'; row: CollectionRow; conflicts: MergeConflict[] }
  | { type: 'remove'; row: CollectionRow };

/** What a pull will do to a tenant's API connections, with the keychain sets it wrote for it. */
export interface PreparedConnections {
  /** Writes it all (inside the pull's transaction); returns how many drafts took remote changes. */
  apply(writer: PullWriter): number;
  /** The transaction failed: the sets written for it go. */
  discard(): Promise<void>;
  /** After the transaction: sets nothing points at any more go (replaced bases and drafts, removed connections). */
  release(): Promise<void>;
}

export interface ApiConnectionPullDeps {
  db: Database.Database;
  sets: SecretSets;
  conflictsOf: (documentId: string) => MergeConflict[];
  /** What this installation sent for a connection on top of a base version (Outbox.sentOnto). */
  sentOnto?: SentOnto;
}

/**
 * A pull of a tenant's API connections (inside the core's keychain queue, so that no save of a
 * connection runs meanwhile). Each remote connection the app already has at the same version is
 * left alone, without touching the keychain. Otherwise:
 * - its secrets become a fresh set: the base's;
 * - the four plain fields merge three-way; each secret section (Settings, Headers, Token) merges
 *   as a whole: the side that changed it wins, both changed it differently is a conflict (the
 *   draft keeps its own until the user decides); a draft whose secrets are the base's takes the
 *   remote's without reading the keychain;
 * - one the app does not know appears, unless a connection created here and not yet published has
 *   the same code: that is the same connection (a creation whose answer was lost, or the same one
 *   made on the backend), so the draft is merged onto it instead of a second one appearing —
 *   against an empty base: every field and section where both have a value that differs is a
 *   conflict for the user, never a silent overwrite of either side.
 * A published connection the backend no longer has goes, unless it has unpublished changes: then
 * the conflict "deleted there, changed here" is the user's to decide.
 */
export class ApiConnectionPull {
  private readonly stmt: CollectionStatements;

  private readonly sets: SecretSets;
  private readonly conflictsOf: (documentId: string) => MergeConflict[];
  private readonly sentOnto: SentOnto;

  constructor(deps: ApiConnectionPullDeps) {
    this.sets = deps.sets;
    this.conflictsOf = deps.conflictsOf;
    this.sentOnto = deps.sentOnto ?? (() => []);
    this.stmt = collectionStatements(deps.db);
  }

  async prepare(tenantId: string, remotes: readonly RemoteApiConnection[]): Promise<PreparedConnections> {
    const rows = this.stmt.byTenant.all(tenantId, 'api_connection');
    const byRemoteId = new Map(rows.filter((row) => row.remote_id !== null).map((row) => [row.remote_id!, row]));
    const unpublished = rows.filter((row) => row.remote_id === null && row.deleted === 0);
    const written: ReleasedSet[] = [];
    const released: ReleasedSet[] = [];
    const changes: Change[] = [];
    try {
      for (const remote of remotes) {
        let row = byRemoteId.get(remote.id);
        if (!row) {
          const code = normalizeApiCode(remote.value.code);
          const index = unpublished.findIndex((candidate) => normalizeApiCode(readPublicPart(candidate.draft_json, candidate).code) === code);
          if (index >= 0) row = unpublished.splice(index, 1)[0];
        }
        if (row && row.remote_id === remote.id && row.base_version === remote.version) continue;
        const split = splitApiConnection(remote.value);
        const remoteValues = new Map(split.secrets.map((secret) => [secret.field, secret.value]));
        const id = row?.id ?? randomUUID();
        const baseOwner = await this.sets.write(tenantId, id, remoteValues);
        if (baseOwner) written.push({ owner: baseOwner, publicPart: split.public });
        if (!row) {
          changes.push({ type: 'insert', id, remote, publicPart: split.public, owner: baseOwner });
          continue;
        }
        const change = await this.merge(tenantId, row, remote, split.public, remoteValues, baseOwner, written);
        changes.push(change);
        released.push(...setsOfRow(row));
      }
      const listed = new Set(remotes.map((remote) => remote.id));
      for (const row of rows) {
        if (row.remote_id === null || listed.has(row.remote_id)) continue;
        if (row.deleted === 1 || row.dirty === 0) {
          changes.push({ type: 'remove', row });
          released.push(...setsOfRow(row));
        } else {
          const base = row.base_json === null ? null : readPublicPart(row.base_json, row);
          changes.push({ type: 'conflicts', row, conflicts: [documentConflict(base, readPublicPart(row.draft_json, row), null)] });
        }
      }
    } catch (error) {
      await this.sets.releaseUnused(tenantId, written);
      throw error;
    }
    return {
      apply: (writer) => this.apply(tenantId, changes, writer),
      discard: () => this.sets.releaseUnused(tenantId, written),
      release: () => this.sets.releaseUnused(tenantId, [...released, ...written]),
    };
  }

  /** A connection the app has (by id, or by code when it was created here): the remote becomes its base. */
  private async merge(
    tenantId: string,
    row: CollectionRow,
    remote: RemoteApiConnection,
    remotePublic: ApiConnectionPublic,
    remoteValues: SecretValues,
    baseOwner: string | null,
    written: ReleasedSet[],
  ): Promise<Change> {
    const previous = this.conflictsOf(row.id);
    const draft = readPublicPart(row.draft_json, row);
    // What this installation sent (its answer lost) is its own write: the base for the merge.
    const ownWrite = await this.isOwnWrite(tenantId, row, remotePublic, remoteValues);
    const base = ownWrite ? remotePublic : row.base_json === null ? null : readPublicPart(row.base_json, row);
    const rebased = { base_json: JSON.stringify(remotePublic), base_version: remote.version, remote_id: remote.id, base_vault_owner: baseOwner };
    if (row.deleted === 1) {
      // Deleted here, changed there: the user decides (their deletion is kept meanwhile).
      const conflicts = base === null || jsonEqual(base, remotePublic) ? [] : [documentConflict(base, null, remotePublic)];
      return { type: 'update', before: row, after: { ...row, ...rebased, dirty: 1 }, conflicts };
    }
    const scalars = mergeFields(base === null ? null : scalarsOf(base), scalarsOf(draft), scalarsOf(remotePublic), previous, () => true);
    let sections: Pick<ApiConnectionPublic, SecretSection> = remotePublic;
    let owner = baseOwner;
    const sectionConflicts: MergeConflict[] = [];
    const draftSecretsAreBase = !ownWrite && base !== null && row.vault_owner === row.base_vault_owner && sameShapes(draft, base);
    if (!draftSecretsAreBase) {
      const local = await this.sets.read(tenantId, row.vault_owner, draft);
      const baseValues = ownWrite ? remoteValues : base === null ? null : await this.sets.read(tenantId, row.base_vault_owner, base);
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
        owner = await this.sets.write(tenantId, row.id, combineValues(choices, local, remoteValues));
        if (owner) written.push({ owner, publicPart: publicOf(draft, sections) });
      }
    }
    const merged = publicOf(scalars.merged, sections);
    const conflicts = [...scalars.conflicts, ...sectionConflicts];
    const dirty = jsonEqual(merged, remotePublic) && owner === baseOwner ? 0 : 1;
    const after: CollectionRow = { ...row, ...rebased, draft_json: JSON.stringify(merged), vault_owner: owner, dirty };
    return { type: 'update', before: row, after, conflicts: keepOpen(conflicts, previous.filter((c) => !isDocumentConflict(c)), merged, remotePublic) };
  }

  /** The remote is what this installation sent on top of the row's base version: its public part, and the secret values of the set it sent. */
  private async isOwnWrite(tenantId: string, row: CollectionRow, remotePublic: ApiConnectionPublic, remoteValues: SecretValues): Promise<boolean> {
    for (const sent of this.sentOnto(row.id, row.base_version)) {
      if (!jsonEqual(sent.body, remotePublic)) continue;
      if (sent.vaultOwner === null) {
        if (remoteValues.size === 0) return true;
        continue;
      }
      try {
        const values = await this.sets.read(tenantId, sent.vaultOwner, remotePublic);
        if (values.size === remoteValues.size && [...values].every(([field, value]) => remoteValues.get(field) === value)) return true;
      } catch {
        // that set is gone: it cannot be compared
      }
    }
    return false;
  }

  private apply(tenantId: string, changes: readonly Change[], writer: PullWriter): number {
    let merged = 0;
    for (const change of changes) {
      switch (change.type) {
        case 'insert': {
          const json = JSON.stringify(change.publicPart);
          writer.insert({ id: change.id, tenantId, kind: 'api_connection', json, remoteId: change.remote.id, version: change.remote.version, vaultOwner: change.owner });
          merged++;
          break;
        }
        case 'update':
          if (writer.update(change.before, change.after, change.conflicts)) merged++;
          break;
        case 'conflicts':
          writer.conflicts(change.row, change.conflicts);
          break;
        case 'remove':
          writer.remove(change.row);
          merged++;
          break;
      }
    }
    return merged;
  }
}
