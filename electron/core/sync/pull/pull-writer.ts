import type Database from 'better-sqlite3';
import type { MergeConflict } from '../../../../shared/logic/three-way-merge';
import type { Clock } from '../../clock';
import { collectionStatements, writeRow, type CollectionRow, type CollectionStatements, type NewCollectionRow } from '../../documents/document-store';
import type { DocumentSync } from './document-sync';

export interface PullWriterDeps {
  db: Database.Database;
  documents: DocumentSync;
  clock: Clock;
}

/**
 * Writes what a pull decided about collection documents, inside the pull's transaction. A row
 * that changed after the pull read it (an edit in between) is left as it is now: the pull's
 * decision was made on an older draft, and the next pull (or the 412 of its next publish) merges
 * it again.
 */
export class PullWriter {
  private readonly stmt: CollectionStatements;

  private readonly documents: DocumentSync;
  private readonly clock: Clock;

  constructor(deps: PullWriterDeps) {
    this.documents = deps.documents;
    this.clock = deps.clock;
    this.stmt = collectionStatements(deps.db);
  }

  insert(row: Omit<NewCollectionRow, 'now'>): void {
    const now = this.clock();
    this.stmt.insertPulled.run({ ...row, now });
    this.documents.revision(row.id, 'pull', row.json, now);
  }

  /** Returns true when the draft took remote changes. */
  update(before: CollectionRow, after: CollectionRow, conflicts: readonly MergeConflict[]): boolean {
    if (!this.unchanged(before)) return false;
    const now = this.clock();
    writeRow(this.stmt, after, now);
    const changed = after.draft_json !== before.draft_json;
    if (changed) this.documents.revision(after.id, 'pull', after.draft_json, now);
    this.documents.writeConflicts(after.id, after.tenant_id, conflicts, now);
    return changed;
  }

  conflicts(row: CollectionRow, conflicts: readonly MergeConflict[]): void {
    if (this.unchanged(row)) this.documents.writeConflicts(row.id, row.tenant_id, conflicts, this.clock());
  }

  remove(row: CollectionRow): void {
    if (this.unchanged(row)) this.stmt.remove.run(row.id); // revisions and conflicts cascade
  }

  private unchanged(before: CollectionRow): boolean {
    const now = this.stmt.byId.get(before.id);
    return (
      now !== undefined &&
      now.updated_at === before.updated_at &&
      now.draft_json === before.draft_json &&
      now.deleted === before.deleted &&
      now.vault_owner === before.vault_owner &&
      now.base_version === before.base_version
    );
  }
}
