import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { naturalKeyOf, type CollectionKindDescriptor } from '../../../../shared/document-kinds';
import { jsonEqual } from '../../../../shared/logic/json-path';
import type { MergeConflict } from '../../../../shared/logic/three-way-merge';
import { collectionStatements, type CollectionKind, type CollectionRow, type CollectionStatements } from '../../documents/document-store';
import type { ReleasedSet } from '../secret-sets';
import { documentConflict, isDocumentConflict, keepOpen } from './collection-merge';
import type { PullWriter } from './pull-writer';

/** A collection document as the backend lists it (its value parsed by the kind's wire schema). */
export interface RemoteCollectionDocument<T = unknown> {
  id: string;
  version: string;
  value: T;
}

/** What a row keeps of a remote document: its stored value, and the keychain set of its secrets (null: none). */
export interface StoredRemote<V> {
  value: V;
  owner: string | null;
}

/** A live draft and the remote, to merge: what the kind's merge sees. */
export interface LiveMergeInput<V, R, S extends StoredRemote<V> = StoredRemote<V>> {
  tenantId: string;
  row: CollectionRow;
  draft: V;
  /** The common base; null for a document created here that the backend turns out to have (matched by its natural key). */
  base: V | null;
  remote: R;
  stored: S;
  /** The remote is this installation's own write (its answer lost). */
  ownWrite: boolean;
  /** The conflicts of an earlier pull that the user has not decided. */
  previous: readonly MergeConflict[];
  /** Keychain sets written for this pull (the merge adds the ones it writes). */
  written: ReleasedSet[];
}

/** The merged draft, the keychain set it points at, and the fresh conflicts. */
export interface LiveMerge<V> {
  merged: V;
  owner: string | null;
  conflicts: MergeConflict[];
}

/**
 * What one collection kind plugs into the generic pull. A kind without secrets uses
 * plainPullHooks; API connections add their keychain sets (api-connection-pull.ts).
 */
export interface CollectionPullHooks<V, R extends RemoteCollectionDocument, S extends StoredRemote<V> = StoredRemote<V>> {
  /** A stored value (draft or base), checked. */
  read(json: string, row: Pick<CollectionRow, 'id'>): V;
  /** What the row will keep of the remote (writing its secrets, if the kind has any, as a fresh keychain set). */
  store(tenantId: string, documentId: string, remote: R, written: ReleasedSet[]): Promise<S>;
  /** The remote is what this installation sent on top of the row's base version. */
  isOwnWrite(tenantId: string, row: CollectionRow, remote: R, stored: S): Promise<boolean>;
  /** Merges a live draft with the remote. */
  mergeLive(input: LiveMergeInput<V, R, S>): Promise<LiveMerge<V>>;
  /** The keychain sets a row points at (they may go once the pull replaced them). */
  setsOf(row: CollectionRow): ReleasedSet[];
  /** Removes the keychain sets nothing points at any more. */
  releaseUnused(tenantId: string, sets: readonly ReleasedSet[]): Promise<void>;
}

/** What a pull will do to a tenant's documents of one kind, with the keychain sets it wrote for it. */
export interface PreparedCollection {
  /** Writes it all (inside the pull's transaction); returns how many drafts took remote changes. */
  apply(writer: PullWriter): number;
  /** The transaction failed: the sets written for it go. */
  discard(): Promise<void>;
  /** After the transaction: sets nothing points at any more go (replaced bases and drafts, removed documents). */
  release(): Promise<void>;
}

type Change<V> =
  | { type: 'insert'; id: string; remote: RemoteCollectionDocument; stored: StoredRemote<V> }
  | { type: 'update'; before: CollectionRow; after: CollectionRow; conflicts: MergeConflict[] }
  | { type: 'conflicts'; row: CollectionRow; conflicts: MergeConflict[] }
  | { type: 'remove'; row: CollectionRow };

export interface CollectionPullDeps<V, R extends RemoteCollectionDocument, S extends StoredRemote<V>> {
  db: Database.Database;
  descriptor: CollectionKindDescriptor & { kind: CollectionKind };
  conflictsOf: (documentId: string) => MergeConflict[];
  hooks: CollectionPullHooks<V, R, S>;
}

/**
 * A pull of a tenant's documents of one collection kind, driven by the kind's descriptor (its
 * natural key) and hooks. Each remote document the app already has at the same version is left
 * alone. Otherwise the remote becomes the row's base and the draft takes the remote's changes
 * (the kind's merge). One the app does not know appears, unless one created here and not yet
 * published has the same natural key: that is the same document (a creation whose answer was
 * lost, or the same one made on the backend), so the draft is merged onto it — against an empty
 * base: every field where both have a value that differs is a conflict for the user, never a
 * silent overwrite of either side. Deleted here and changed there is a conflict (the deletion is
 * kept meanwhile). A published document the backend no longer has goes, unless it has unpublished
 * changes: then the conflict "deleted there, changed here" is the user's to decide.
 *
 * `prepare` reads and decides (for API connections inside the core's keychain queue, so that no
 * save runs meanwhile); `apply` writes inside the pull's transaction.
 */
export class CollectionPull<V, R extends RemoteCollectionDocument = RemoteCollectionDocument, S extends StoredRemote<V> = StoredRemote<V>> {
  private readonly stmt: CollectionStatements;

  constructor(private readonly deps: CollectionPullDeps<V, R, S>) {
    this.stmt = collectionStatements(deps.db);
  }

  get kind(): CollectionKind {
    return this.deps.descriptor.kind;
  }

  async prepare(tenantId: string, remotes: readonly R[]): Promise<PreparedCollection> {
    const { hooks, descriptor } = this.deps;
    const rows = this.stmt.byTenant.all(tenantId, this.kind);
    const byRemoteId = new Map(rows.filter((row) => row.remote_id !== null).map((row) => [row.remote_id!, row]));
    const unpublished = rows.filter((row) => row.remote_id === null && row.deleted === 0);
    const written: ReleasedSet[] = [];
    const released: ReleasedSet[] = [];
    const changes: Array<Change<V>> = [];
    try {
      for (const remote of remotes) {
        let row = byRemoteId.get(remote.id);
        if (!row) {
          const key = naturalKeyOf(descriptor, remote.value);
          const index = unpublished.findIndex((candidate) => naturalKeyOf(descriptor, hooks.read(candidate.draft_json, candidate)) === key);
          if (index >= 0) row = unpublished.splice(index, 1)[0];
        }
        if (row && row.remote_id === remote.id && row.base_version === remote.version) continue;
        const id = row?.id ?? randomUUID();
        const stored = await hooks.store(tenantId, id, remote, written);
        if (!row) {
          changes.push({ type: 'insert', id, remote, stored });
          continue;
        }
        changes.push(await this.merge(tenantId, row, remote, stored, written));
        released.push(...hooks.setsOf(row));
      }
      const listed = new Set(remotes.map((remote) => remote.id));
      for (const row of rows) {
        if (row.remote_id === null || listed.has(row.remote_id)) continue;
        if (row.deleted === 1 || row.dirty === 0) {
          changes.push({ type: 'remove', row });
          released.push(...hooks.setsOf(row));
        } else {
          const base = row.base_json === null ? null : hooks.read(row.base_json, row);
          changes.push({ type: 'conflicts', row, conflicts: [documentConflict(base, hooks.read(row.draft_json, row), null)] });
        }
      }
    } catch (error) {
      await hooks.releaseUnused(tenantId, written);
      throw error;
    }
    return {
      apply: (writer) => this.apply(tenantId, changes, writer),
      discard: () => hooks.releaseUnused(tenantId, written),
      release: () => hooks.releaseUnused(tenantId, [...released, ...written]),
    };
  }

  /** A document the app has (by id, or by natural key when it was created here): the remote becomes its base. */
  private async merge(tenantId: string, row: CollectionRow, remote: R, stored: S, written: ReleasedSet[]): Promise<Change<V>> {
    const { hooks } = this.deps;
    const previous = this.deps.conflictsOf(row.id);
    // What this installation sent (its answer lost) is its own write: the base for the merge.
    const ownWrite = await hooks.isOwnWrite(tenantId, row, remote, stored);
    const base = ownWrite ? stored.value : row.base_json === null ? null : hooks.read(row.base_json, row);
    const rebased = { base_json: JSON.stringify(stored.value), base_version: remote.version, remote_id: remote.id, base_vault_owner: stored.owner };
    if (row.deleted === 1) {
      // Deleted here, changed there: the user decides (their deletion is kept meanwhile).
      const conflicts = base === null || jsonEqual(base, stored.value) ? [] : [documentConflict(base, null, stored.value)];
      return { type: 'update', before: row, after: { ...row, ...rebased, dirty: 1 }, conflicts };
    }
    const draft = hooks.read(row.draft_json, row);
    const { merged, owner, conflicts } = await hooks.mergeLive({ tenantId, row, draft, base, remote, stored, ownWrite, previous, written });
    const dirty = jsonEqual(merged, stored.value) && owner === stored.owner ? 0 : 1;
    const after: CollectionRow = { ...row, ...rebased, draft_json: JSON.stringify(merged), vault_owner: owner, dirty };
    return { type: 'update', before: row, after, conflicts: keepOpen(conflicts, previous.filter((c) => !isDocumentConflict(c)), merged, stored.value) };
  }

  private apply(tenantId: string, changes: ReadonlyArray<Change<V>>, writer: PullWriter): number {
    let merged = 0;
    for (const change of changes) {
      switch (change.type) {
        case 'insert': {
          const { id, remote, stored } = change;
          writer.insert({ id, tenantId, kind: this.kind, json: JSON.stringify(stored.value), remoteId: remote.id, version: remote.version, vaultOwner: stored.owner });
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
