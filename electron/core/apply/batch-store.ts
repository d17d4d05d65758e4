import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { APPLY_LIMITS, type BatchSummary } from '../../../shared/schemas/apply';
import { toIso } from '../clock';

export type BatchKind = 'apply' | 'import';

export interface BatchItem {
  batch_id: string;
  document_id: string;
  tenant_id: string;
  kind: string;
  before_json: string | null;
  before_dirty: number | null;
  before_vault_owner: string | null;
  after_json: string;
  after_vault_owner: string | null;
}

interface BatchRow {
  id: string;
  kind: BatchKind;
  summary: string;
  created_at: number;
  undone_at: number | null;
  tenants: number;
}

/**
 * What a batch (an apply to many, an import) changed, document by document, with the state
 * before: enough to undo it in one step. Only the newest APPLY_LIMITS.undoableBatches batches can
 * be undone; the keychain sets their "before" states point at are kept from the orphan sweep
 * until then (heldOwners).
 */
export class BatchStore {
  private readonly stmt;

  constructor(db: Database.Database) {
    this.stmt = {
      insert: db.prepare<[string, BatchKind, string, number]>('INSERT INTO change_batches (id, kind, summary, created_at) VALUES (?, ?, ?, ?)'),
      summary: db.prepare<[string, string]>('UPDATE change_batches SET summary = ? WHERE id = ?'),
      item: db.prepare(`INSERT INTO change_batch_items (batch_id, document_id, tenant_id, kind, before_json, before_dirty, before_vault_owner, after_json, after_vault_owner)
        VALUES (@batch_id, @document_id, @tenant_id, @kind, @before_json, @before_dirty, @before_vault_owner, @after_json, @after_vault_owner)`),
      get: db.prepare<[string], BatchRow>(`SELECT b.id, b.kind, b.summary, b.created_at, b.undone_at,
        (SELECT COUNT(DISTINCT tenant_id) FROM change_batch_items i WHERE i.batch_id = b.id) AS tenants FROM change_batches b WHERE b.id = ?`),
      list: db.prepare<[number], BatchRow>(`SELECT b.id, b.kind, b.summary, b.created_at, b.undone_at,
        (SELECT COUNT(DISTINCT tenant_id) FROM change_batch_items i WHERE i.batch_id = b.id) AS tenants
        FROM change_batches b ORDER BY b.created_at DESC, b.rowid DESC LIMIT ?`),
      newest: db.prepare<[number], { id: string }>("SELECT id FROM change_batches WHERE kind = 'apply' ORDER BY created_at DESC, rowid DESC LIMIT ?"),
      items: db.prepare<[string], BatchItem>('SELECT * FROM change_batch_items WHERE batch_id = ? ORDER BY tenant_id, document_id'),
      undone: db.prepare<[number, string]>('UPDATE change_batches SET undone_at = ? WHERE id = ?'),
      held: db.prepare<[number], { tenant_id: string; owner: string }>(`
        SELECT i.tenant_id, i.before_vault_owner AS owner FROM change_batch_items i
        WHERE i.before_vault_owner IS NOT NULL AND i.batch_id IN (
          SELECT id FROM change_batches WHERE kind = 'apply' AND undone_at IS NULL ORDER BY created_at DESC, rowid DESC LIMIT ?)`),
    };
  }

  create(kind: BatchKind, summary: string, now: number): string {
    const id = randomUUID();
    this.stmt.insert.run(id, kind, summary.slice(0, 500), now);
    return id;
  }

  /** A batch written over several transactions (an import in batches) says at the end what it holds. */
  setSummary(batchId: string, summary: string): void {
    this.stmt.summary.run(summary.slice(0, 500), batchId);
  }

  addItem(item: BatchItem): void {
    this.stmt.item.run(item);
  }

  get(batchId: string): BatchSummary | null {
    const row = this.stmt.get.get(batchId);
    return row ? this.summaryOf(row, this.undoableIds()) : null;
  }

  list(limit = 100): BatchSummary[] {
    const undoable = this.undoableIds();
    return this.stmt.list.all(limit).map((row) => this.summaryOf(row, undoable));
  }

  items(batchId: string): BatchItem[] {
    return this.stmt.items.all(batchId);
  }

  markUndone(batchId: string, now: number): void {
    this.stmt.undone.run(now, batchId);
  }

  /** Keychain sets that undoable batches would bring back: not orphans. */
  heldOwners(): Array<{ tenant_id: string; owner: string }> {
    return this.stmt.held.all(APPLY_LIMITS.undoableBatches);
  }

  private undoableIds(): Set<string> {
    return new Set(this.stmt.newest.all(APPLY_LIMITS.undoableBatches).map((row) => row.id));
  }

  private summaryOf(row: BatchRow, undoable: Set<string>): BatchSummary {
    return {
      batchId: row.id,
      kind: row.kind,
      summary: row.summary,
      tenantCount: row.tenants,
      createdAt: toIso(row.created_at),
      undoneAt: row.undone_at === null ? null : toIso(row.undone_at),
      undoable: row.kind === 'apply' && row.undone_at === null && undoable.has(row.id),
    };
  }
}
