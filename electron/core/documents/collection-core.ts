import type Database from 'better-sqlite3';
import { RpcError } from '../../../shared/rpc/rpc-error';
import type { Clock } from '../clock';
import type { EventBus } from '../events/event-bus';
import type { Statement } from './document-store';

/** The columns every collection row has (API connections, deal settings: document-store.ts). */
export interface CollectionCoreRow {
  id: string;
  tenant_id: string;
  draft_json: string;
  base_json: string | null;
  deleted: number;
}

/** The statements of one collection kind (document-store.ts makes them). */
export interface CollectionCoreStatements<Row extends CollectionCoreRow> {
  byId: Statement<[string, string], Row>;
  setDeleted: Statement<[number, number, number, string]>;
  purgeable: Statement<[], Pick<Row, 'id' | 'tenant_id'>>;
  remove: Statement<[string]>;
}

/** What one collection kind plugs into the core. */
export interface CollectionKindPlugin<Row extends CollectionCoreRow> {
  /** The kind as a sentence starts with it: "API connection", "Deal setting". */
  label: string;
  stmt: CollectionCoreStatements<Row>;
  /** Something to publish once the row is changed so. */
  isDirty(row: Row): boolean;
  /** Undoing a deletion: the error when another live document took its natural key meanwhile. */
  undoConflict(row: Row): RpcError | null;
}

export interface CollectionCoreDeps<Row extends CollectionCoreRow> {
  db: Database.Database;
  events: EventBus;
  clock: Clock;
  plugin: CollectionKindPlugin<Row>;
}

/**
 * What the collection kinds (many documents per tenant, each unique by a natural key) share: a
 * row by id (NOT_FOUND), a live one (CONFLICT when deleted), deletion as a flag a publish sends
 * and its undo, and the removal at start of deletions the backend never had. The kind's own parts
 * (secrets for API connections, catalog checks for deal settings) stay in its service.
 */
export class CollectionCore<Row extends CollectionCoreRow> {
  constructor(private readonly deps: CollectionCoreDeps<Row>) {}

  requireRow(tenantId: string, id: string): Row {
    const row = this.deps.plugin.stmt.byId.get(id, tenantId);
    if (!row) throw new RpcError('NOT_FOUND', `${this.deps.plugin.label} ${id} does not exist.`);
    return row;
  }

  requireLive(tenantId: string, id: string): Row {
    const row = this.requireRow(tenantId, id);
    if (row.deleted === 1) throw new RpcError('CONFLICT', `This ${this.deps.plugin.label.toLowerCase()} is deleted. Undo the deletion to edit it.`);
    return row;
  }

  commit<T>(write: () => T): T {
    return this.deps.db.transaction(write)();
  }

  /** Flags the document deleted (or not) in one transaction; returns the row after, and whether it changed. */
  setDeleted(tenantId: string, id: string, deleted: boolean): { row: Row; changed: boolean } {
    const { plugin } = this.deps;
    let changed = false;
    const row = this.commit(() => {
      const current = this.requireRow(tenantId, id);
      if ((current.deleted === 1) === deleted) return current;
      if (!deleted) {
        const conflict = plugin.undoConflict(current);
        if (conflict) throw conflict;
      }
      const flag = deleted ? 1 : 0;
      plugin.stmt.setDeleted.run(flag, plugin.isDirty({ ...current, deleted: flag }) ? 1 : 0, this.deps.clock(), id);
      changed = true;
      return this.requireRow(tenantId, id);
    });
    return { row, changed };
  }

  /** Deleted documents the backend never had: nothing to publish, so they go (their revisions cascade). */
  purgeUnpublishedDeletions(): Array<Pick<Row, 'id' | 'tenant_id'>> {
    const rows = this.deps.plugin.stmt.purgeable.all();
    if (rows.length === 0) return rows;
    this.commit(() => {
      for (const row of rows) this.deps.plugin.stmt.remove.run(row.id);
    });
    for (const tenantId of new Set(rows.map((row) => row.tenant_id))) this.deps.events.tenantChanged(tenantId);
    return rows;
  }
}
