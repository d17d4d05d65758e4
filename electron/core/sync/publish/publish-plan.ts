import type Database from 'better-sqlite3';
import { COLLECTION_KIND_NAMES, SINGLETON_KIND_NAMES, type CollectionKindName, type SingletonKindName } from '../../../../shared/document-kinds';
import { toPointer } from '../../../../shared/logic/json-path';
import { changedPaths, type MergeConflict } from '../../../../shared/logic/three-way-merge';
import { singletonFieldsInUse } from '../../../../shared/logic/fields-in-use';
import { SINGLETON_DEFINITIONS, type ValidationIssue } from '../../../../shared/schemas/settings-document';
import type { PlanEntry } from '../../../../shared/schemas/sync';
import { collectionStatements, type CollectionRow, type CollectionStatements } from '../../documents/document-store';
import type { DocumentSync } from '../pull/document-sync';
import type { CollectionPlanHooks } from './collection-plan';

/** A plan entry with the row it was made from (what publish() writes to the outbox). */
export interface PlannedEntry extends PlanEntry {
  row: { draft_json: string; base_version: string | null; remote_id: string | null; vault_owner: string | null };
}

export interface PlanSources {
  documents: DocumentSync;
  /** The singleton documents' issues as the forms show them. */
  singletonIssues(tenantId: string, kind: SingletonKindName): ValidationIssue[];
}

export interface PublishPlannerDeps {
  db: Database.Database;
  sources: PlanSources;
  /** How each collection kind's documents are judged (collection-kinds.ts). */
  collections: Record<CollectionKindName, CollectionPlanHooks>;
}

/**
 * What a publish would change on the backend, per document, and whether it can go: ready,
 * invalid (the issues say why: a field the rules refuse, a natural key used twice, a deal
 * setting's reference the cached CRM catalog no longer has) or conflict (resolve first). Every
 * kind of the registry (shared/document-kinds) is listed the same way; what a collection kind
 * judges differently is its CollectionPlanHooks. Within a tenant, deletions come before updates
 * and updates before creations, so that a code or a bot response freed by one can be taken by
 * another in the same run.
 */
export class PublishPlanner {
  private readonly stmt: CollectionStatements;

  constructor(private readonly deps: PublishPlannerDeps) {
    this.stmt = collectionStatements(deps.db);
  }

  entries(tenantId: string): PlannedEntry[] {
    return [...this.singletons(tenantId), ...ordered(COLLECTION_KIND_NAMES.flatMap((kind) => this.collection(tenantId, kind)))];
  }

  private singletons(tenantId: string): PlannedEntry[] {
    const { documents, singletonIssues } = this.deps.sources;
    const out: PlannedEntry[] = [];
    for (const kind of SINGLETON_KIND_NAMES) {
      const row = documents.row(tenantId, kind);
      if (!row || row.dirty === 0) continue;
      const draft = JSON.parse(row.draft_json) as unknown;
      const base = row.base_json === null ? SINGLETON_DEFINITIONS[kind].defaults : (JSON.parse(row.base_json) as unknown);
      const issues = singletonIssues(tenantId, kind);
      const inUse = singletonFieldsInUse(kind, draft);
      out.push({
        kind,
        documentId: row.id,
        op: 'update',
        // Only what the chosen mode uses: a Division left from another mode is no change anyone sees.
        fields: changedPaths(base, draft)
          .filter((path) => path.length === 0 || inUse.has(String(path[0])))
          .map(toPointer),
        status: statusOf(documents.conflictsOf(row.id), issues),
        issues,
        row: { draft_json: row.draft_json, base_version: row.base_version, remote_id: null, vault_owner: null },
      });
    }
    return out;
  }

  /** The tenant's documents of one collection kind with something to publish, as the kind's hooks judge them. */
  private collection(tenantId: string, kind: CollectionKindName): PlannedEntry[] {
    const rows = this.stmt.byTenant.all(tenantId, kind);
    const judge = this.deps.collections[kind].judge(tenantId, rows);
    return rows
      .filter((row) => row.dirty === 1)
      .map((row) => {
        const { issues, fields, label } = judge(row);
        const entry = this.collectionEntry(kind, row, issues, row.deleted === 1 ? [] : fields);
        return label === undefined ? entry : { ...entry, label };
      });
  }

  private collectionEntry(kind: CollectionKindName, row: CollectionRow, issues: ValidationIssue[], fields: string[]): PlannedEntry {
    return {
      kind,
      documentId: row.id,
      op: row.deleted === 1 ? 'delete' : row.base_json === null ? 'create' : 'update',
      fields,
      status: statusOf(this.deps.sources.documents.conflictsOf(row.id), issues),
      issues,
      row: { draft_json: row.draft_json, base_version: row.base_version, remote_id: row.remote_id, vault_owner: row.deleted === 1 ? null : row.vault_owner },
    };
  }
}

function statusOf(conflicts: readonly MergeConflict[], issues: readonly ValidationIssue[]): PlanEntry['status'] {
  return conflicts.length > 0 ? 'conflict' : issues.length > 0 ? 'invalid' : 'ready';
}

const OP_ORDER = { delete: 0, update: 1, create: 2 } as const;

function ordered(entries: PlannedEntry[]): PlannedEntry[] {
  return entries.map((entry, index) => ({ entry, index })).sort((a, b) => OP_ORDER[a.entry.op] - OP_ORDER[b.entry.op] || a.index - b.index).map(({ entry }) => entry);
}
