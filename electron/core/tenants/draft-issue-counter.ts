import type Database from 'better-sqlite3';
import { SINGLETON_DEFINITIONS, type SingletonKind } from '../../../shared/schemas/settings-document';

interface DraftInfo {
  id: string;
  tenant_id: string;
  kind: SingletonKind;
  draft_json: string;
  updated_at: number;
  fetched_at: number | null;
}

/**
 * How many validation errors each tenant's AI Response and Idle Action drafts have: the schema,
 * and each used reference against the cached catalog (missing or removed). Counts are memoised
 * per document by (draft time, catalog time), so listing 10,000 tenants validates only what
 * changed since the last list.
 */
export class DraftIssueCounter {
  private readonly memo = new Map<string, { key: string; count: number }>();
  private readonly stmt;

  constructor(db: Database.Database) {
    this.stmt = {
      drafts: db.prepare<[], DraftInfo>(`
        SELECT d.id, d.tenant_id, d.kind, d.draft_json, d.updated_at, s.fetched_at
        FROM settings_documents d LEFT JOIN catalog_state s ON s.tenant_id = d.tenant_id
        WHERE d.deleted = 0 AND d.kind IN ('ai_response', 'idle_action')`),
      entry: db.prepare<[string, string, string], { removed: number }>('SELECT removed FROM catalog_entries WHERE tenant_id = ? AND kind = ? AND id = ?'),
    };
  }

  /** tenantId → number of issues (tenants without issues are absent). */
  countAll(): Map<string, number> {
    const out = new Map<string, number>();
    const seen = new Set<string>();
    for (const draft of this.stmt.drafts.all()) {
      seen.add(draft.id);
      const key = `${draft.updated_at}:${draft.fetched_at ?? ''}`;
      let memo = this.memo.get(draft.id);
      if (!memo || memo.key !== key) {
        memo = { key, count: this.count(draft) };
        this.memo.set(draft.id, memo);
      }
      if (memo.count > 0) out.set(draft.tenant_id, (out.get(draft.tenant_id) ?? 0) + memo.count);
    }
    for (const id of this.memo.keys()) if (!seen.has(id)) this.memo.delete(id);
    return out;
  }

  private count(draft: DraftInfo): number {
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
      const entry = this.stmt.entry.get(draft.tenant_id, kind, id);
      if (!entry || entry.removed === 1) issues++;
    }
    return issues;
  }
}
