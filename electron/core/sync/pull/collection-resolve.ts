import type Database from 'better-sqlite3';
import type { ConflictChoice, MergeConflict } from '../../../../shared/logic/three-way-merge';
import { collectionKind, type CollectionKindName } from '../../../../shared/document-kinds';
import { RpcError } from '../../../../shared/rpc/rpc-error';
import type { Clock } from '../../clock';
import type { SerialQueue } from '../../vault/serial-queue';
import { collectionStatements, writeRow, type CollectionRow, type CollectionStatements } from '../../documents/document-store';
import { isDocumentConflict, WHOLE_DOCUMENT } from './collection-merge';
import { collectionFieldResolvers, type FieldResolver } from './collection-field-resolvers';
import type { DocumentSync } from './document-sync';
import { setsOfRow, type SecretSets } from '../secret-sets';

export interface CollectionResolverDeps {
  db: Database.Database;
  documents: DocumentSync;
  sets: SecretSets;
  queue: SerialQueue;
  clock: Clock;
}

/**
 * The user's choices on a collection document's conflicts ('mine' | 'theirs' per pointer):
 * - the whole document (pointer ""): deleted on the backend and changed here — mine publishes it
 *   again as a new document, theirs lets it go; deleted here and changed there — mine keeps the
 *   deletion (published next time), theirs brings the backend's back;
 * - a field: as for the one-per-tenant documents; the result must validate, else nothing changes;
 * - an API connection's secret section: theirs takes the backend's shape and values (the base's
 *   keychain set holds them since the pull), written with the draft's other sections as a new set.
 * The fields and secret sections resolve in the kind's field resolver (collection-field-resolvers.ts).
 */
export class CollectionResolver {
  private readonly stmt: CollectionStatements;

  private readonly db: Database.Database;
  private readonly documents: DocumentSync;
  private readonly sets: SecretSets;
  private readonly queue: SerialQueue;
  private readonly clock: Clock;
  private readonly fieldResolvers: Record<CollectionKindName, FieldResolver>;

  constructor(deps: CollectionResolverDeps) {
    this.db = deps.db;
    this.documents = deps.documents;
    this.sets = deps.sets;
    this.queue = deps.queue;
    this.clock = deps.clock;
    this.stmt = collectionStatements(deps.db);
    this.fieldResolvers = collectionFieldResolvers({ sets: deps.sets, write: (row, next, open) => this.write(row, next, open) });
  }

  async resolve(tenantId: string, kind: CollectionKindName, id: string | undefined, choices: Record<string, ConflictChoice>): Promise<void> {
    if (id === undefined) throw new RpcError('INVALID_INPUT', 'Say which document’s conflicts to resolve.', [{ path: ['id'], message: 'sync.conflict.id.required' }]);
    const run = async () => {
      const row = this.stmt.byId.get(id);
      if (!row || row.tenant_id !== tenantId || row.kind !== kind) throw new RpcError('NOT_FOUND', `There is no ${kind} ${id} with conflicts for this tenant.`);
      const conflicts = this.documents.conflictsOf(row.id);
      const unknown = Object.keys(choices).filter((pointer) => !conflicts.some((c) => c.pointer === pointer));
      if (unknown.length > 0) {
        throw new RpcError('INVALID_INPUT', `No open conflict at ${unknown.slice(0, 5).map((p) => p || '(the whole document)').join(', ')}.`, [
          { path: ['choices'], message: 'sync.conflict.unknown' },
        ]);
      }
      const whole = conflicts.find(isDocumentConflict);
      if (whole && choices[WHOLE_DOCUMENT] !== undefined) return this.resolveWhole(row, whole, choices[WHOLE_DOCUMENT]);
      return this.fieldResolvers[kind](row, conflicts, choices);
    };
    // Kinds with secrets touch the keychain; every keychain step (and a row it depends on) goes through the one queue.
    await (collectionKind(kind).secretSections.length > 0 ? this.queue.run(run) : run());
  }

  private async resolveWhole(row: CollectionRow, conflict: MergeConflict, choice: ConflictChoice): Promise<void> {
    let next: CollectionRow | null;
    if (conflict.remote === null) {
      // Deleted on the backend: mine publishes the draft as a new document; theirs lets it go.
      next = choice === 'mine' ? { ...row, base_json: null, base_version: null, remote_id: null, base_vault_owner: null, dirty: 1 } : null;
    } else {
      // Deleted here, changed there: mine keeps the deletion; theirs brings the backend's back.
      next = choice === 'mine' ? row : { ...row, deleted: 0, draft_json: row.base_json ?? row.draft_json, vault_owner: row.base_vault_owner, dirty: 0 };
    }
    const now = this.clock();
    this.db.transaction(() => {
      if (next === null) this.stmt.remove.run(row.id);
      else {
        writeRow(this.stmt, next, now);
        if (next.draft_json !== row.draft_json) this.documents.revision(row.id, 'edit', next.draft_json, now);
        this.documents.writeConflicts(row.id, row.tenant_id, [], now);
      }
    })();
    await this.sets.releaseUnused(row.tenant_id, setsOfRow(row));
  }

  private write(row: CollectionRow, next: CollectionRow, open: readonly MergeConflict[]): void {
    const now = this.clock();
    this.db.transaction(() => {
      writeRow(this.stmt, next, now);
      if (next.draft_json !== row.draft_json) this.documents.revision(row.id, 'edit', next.draft_json, now);
      this.documents.writeConflicts(row.id, row.tenant_id, open, now);
    })();
  }
}
