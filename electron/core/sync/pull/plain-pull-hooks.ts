import type { CollectionKindDescriptor } from '../../../../shared/document-kinds';
import type { CollectionRow } from '../../documents/document-store';
import { isDocumentConflict, mergeFields } from './collection-merge';
import type { CollectionPullHooks, RemoteCollectionDocument } from './collection-pull';

export interface PlainPullOptions<V> {
  descriptor: Pick<CollectionKindDescriptor, 'schema'>;
  read(json: string, row: Pick<CollectionRow, 'id'>): V;
  /** The remote is what this installation sent on top of that base version (DocumentSync.isOwnWrite). */
  isOwnWrite?: (documentId: string, baseVersion: string | null, remote: unknown) => boolean;
}

/**
 * The pull hooks of a collection kind without secrets (deal settings): the row keeps the remote
 * whole, and the draft takes the remote's changes field by field — a mix that does not validate
 * against the kind's schema leaves every differing field to the user.
 */
export function plainPullHooks<V>(options: PlainPullOptions<V>): CollectionPullHooks<V, RemoteCollectionDocument<V>> {
  const isOwnWrite = options.isOwnWrite ?? (() => false);
  return {
    read: options.read,
    store: (_tenantId, _documentId, remote) => Promise.resolve({ value: remote.value, owner: null }),
    isOwnWrite: (_tenantId, row, remote) => Promise.resolve(isOwnWrite(row.id, row.base_version, remote.value)),
    mergeLive: ({ row, draft, base, stored, previous }) => {
      const open = previous.filter((c) => !isDocumentConflict(c));
      const result = mergeFields(base, draft, stored.value, open, (value) => options.descriptor.schema.safeParse(value).success);
      return Promise.resolve({ merged: result.merged, owner: row.vault_owner, conflicts: result.conflicts });
    },
    setsOf: () => [],
    releaseUnused: () => Promise.resolve(),
  };
}
