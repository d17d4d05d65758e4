import type Database from 'better-sqlite3';
import { SINGLETON_DEFINITIONS, type SingletonKind } from '../../../shared/schemas/settings-document';

interface DraftRow {
  kind: SingletonKind;
  draft_json: string;
}

/**
 * What a tenant's count depends on: when each of its AI Response and Idle Action drafts was last
 * written and when its catalog was last replaced (null: none). The tenant list's query reads these
 * in the same pass as its other figures (tenant-listing.ts).
 */
export interface DraftIssueStamp {
  aiResponseAt: number | null;
  idleActionAt: number | null;
  catalogAt: number | null;
}

/**
 * How many validation errors each tenant's AI Response and Idle Action drafts have: the schema,
 * and each used reference against the cached catalog (missing or removed). Counts are memoised
 * per tenant by its stamp (both drafts' write times and the catalog's) and forgotten at each
 * change event for the tenant, so listing 10,000 tenants reads and validates only the drafts of
 * tenants that changed since the last list.
 */
export class DraftIssueCounter {
  private readonly memo = new Map<string, { key: string; count: number }>();
  private readonly stmt;

  constructor(db: Database.Database) {
    this.stmt = {
      drafts: db.prepare<[string], DraftRow>(`
        SELECT kind, draft_json FROM settings_documents
        WHERE tenant_id = ? AND deleted = 0 AND kind IN ('ai_response', 'idle_action')`),
      entry: db.prepare<[string, string, string], { removed: number }>('SELECT removed FROM catalog_entries WHERE tenant_id = ? AND kind = ? AND id = ?'),
    };
  }

  /** The tenant's number of issues, validated again only when its stamp changed. */
  count(tenantId: string, stamp: DraftIssueStamp): number {
    if (stamp.aiResponseAt === null && stamp.idleActionAt === null) {
      this.memo.delete(tenantId);
      return 0;
    }
    const key = `${stamp.aiResponseAt ?? ''}:${stamp.idleActionAt ?? ''}:${stamp.catalogAt ?? ''}`;
    let memo = this.memo.get(tenantId);
    if (!memo || memo.key !== key) {
      let count = 0;
      for (const draft of this.stmt.drafts.all(tenantId)) count += this.countDraft(tenantId, draft);
      memo = { key, count };
      this.memo.set(tenantId, memo);
    }
    return memo.count;
  }

  /** Forgets a tenant's count (null: every tenant's), so that its next list validates again. */
  forget(tenantId: string | null): void {
    if (tenantId === null) this.memo.clear();
    else this.memo.delete(tenantId);
  }

  /** Forgets the tenants not in `kept` (deleted since): called after a whole list. */
  keepOnly(kept: ReadonlySet<string>): void {
    for (const id of this.memo.keys()) if (!kept.has(id)) this.memo.delete(id);
  }

  private countDraft(tenantId: string, draft: DraftRow): number {
    const definition = SINGLETON_DEFINITIONS[draft.kind];
    let value: unknown;
    try {
      value = JSON.parse(draft.draft_json);
    } catch {
      return 1;
    }
    const parsed = definition.schema.safeParse(value);
    if (!parsed.success) return parsed.error.issues.length;
    const refs = (definition.references as (v: unknown) => { divisionId: string | null; agentId: string | null })(parsed.data);
    let issues = 0;
    for (const [kind, id] of [['division', refs.divisionId], ['agent', refs.agentId]] as const) {
      if (!id) continue;
      const entry = this.stmt.entry.get(tenantId, kind, id);
      if (!entry || entry.removed === 1) issues++;
    }
    return issues;
  }
}
