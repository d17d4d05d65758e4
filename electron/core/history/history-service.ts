import type Database from 'better-sqlite3';
import { fieldDiff } from '../../../shared/logic/field-diff';
import { changedPaths } from '../../../shared/logic/three-way-merge';
import { toPointer } from '../../../shared/logic/json-path';
import { RpcError } from '../../../shared/rpc/rpc-error';
import { apiConnectionPublicSchema } from '../../../shared/schemas/api-connection-public';
import {
  HISTORY_LIMITS,
  historyDiffInputSchema,
  historyListInputSchema,
  historyRestoreInputSchema,
  type RevisionEntry,
  type RevisionSourceName,
} from '../../../shared/schemas/history';
import { SINGLETON_DEFINITIONS, SINGLETON_KINDS, type SingletonKind } from '../../../shared/schemas/settings-document';
import type { SyncDocumentKind } from '../../../shared/schemas/sync';
import { secretFieldsOf } from '../../../shared/validation/api-connection-secrets';
import { toIso, type Clock } from '../clock';
import type { EventBus } from '../events/event-bus';
import { invalidInput, parseOrThrow } from '../validation/invalid-input';
import type { DraftRows } from '../documents/document-store';

interface RevisionRow {
  id: number;
  document_id: string;
  source: RevisionSourceName;
  draft_json: string;
  created_at: number;
  updated_at: number;
  note: string | null;
  batch_id: string | null;
}

interface RevisionWithDocument extends RevisionRow {
  tenant_id: string;
  kind: SyncDocumentKind;
}

const BACKEND_SOURCES: ReadonlySet<RevisionSourceName> = new Set(['pull', 'publish']);

export interface HistoryServiceDeps {
  db: Database.Database;
  events: EventBus;
  clock: Clock;
  drafts: DraftRows;
  requireTenant: (tenantId: string) => void;
}

/**
 * History of settings documents: revisions with who/what/when, a diff between any two of the
 * same document, and restore of an old revision as a new draft (a new revision 'restore').
 */
export class HistoryService {
  private readonly stmt;

  private readonly db: Database.Database;
  private readonly events: EventBus;
  private readonly clock: Clock;
  private readonly drafts: DraftRows;
  private readonly requireTenant: (tenantId: string) => void;

  constructor(deps: HistoryServiceDeps) {
    this.db = deps.db;
    this.events = deps.events;
    this.clock = deps.clock;
    this.drafts = deps.drafts;
    this.requireTenant = deps.requireTenant;
    this.stmt = {
      ofDocument: deps.db.prepare<[string, number], RevisionRow>(
        'SELECT id, document_id, source, draft_json, created_at, updated_at, note, batch_id FROM revisions WHERE document_id = ? ORDER BY id DESC LIMIT ?',
      ),
      one: deps.db.prepare<[number], RevisionWithDocument>(
        `SELECT r.id, r.document_id, r.source, r.draft_json, r.created_at, r.updated_at, r.note, r.batch_id, d.tenant_id, d.kind
         FROM revisions r JOIN settings_documents d ON d.id = r.document_id WHERE r.id = ?`,
      ),
      last: deps.db.prepare<[string], RevisionRow>(
        'SELECT id, document_id, source, draft_json, created_at, updated_at, note, batch_id FROM revisions WHERE document_id = ? ORDER BY id DESC LIMIT 1',
      ),
    };
  }

  /** Newest first; at most HISTORY_LIMITS.revisionsMax. */
  list(input: { tenantId: string; kind: SyncDocumentKind; documentId?: string }): RevisionEntry[] {
    const { tenantId, kind, documentId } = parseOrThrow(historyListInputSchema, input);
    this.requireTenant(tenantId);
    const row = this.documentOf(tenantId, kind, documentId);
    if (!row) return [];
    const rows = this.stmt.ofDocument.all(row.id, HISTORY_LIMITS.revisionsMax + 1);
    // One row more than shown: the oldest shown one still gets its diff against the one before.
    return rows.slice(0, HISTORY_LIMITS.revisionsMax).map((revision, index) => entryOf(revision, rows[index + 1]?.draft_json ?? null));
  }

  diff(input: { revisionA: number; revisionB: number }) {
    const { revisionA, revisionB } = parseOrThrow(historyDiffInputSchema, input);
    const a = this.require(revisionA);
    const b = this.require(revisionB);
    if (a.document_id !== b.document_id) throw invalidInput([{ path: ['revisionB'], message: 'history.sameDocument' }]);
    return { documentId: a.document_id, kind: a.kind, changes: fieldDiff(JSON.parse(a.draft_json), JSON.parse(b.draft_json)) };
  }

  /** The revision's content becomes the draft again, as a new revision 'restore'. */
  restore(input: { revisionId: number }) {
    const { revisionId } = parseOrThrow(historyRestoreInputSchema, input);
    const revision = this.require(revisionId);
    const row = this.drafts.byId(revision.document_id)!;
    if (row.deleted === 1) throw new RpcError('CONFLICT', 'This document is deleted: undo the deletion first, then restore.');
    const value: unknown = JSON.parse(revision.draft_json);
    let owner = row.vault_owner;
    if ((SINGLETON_KINDS as readonly string[]).includes(revision.kind)) {
      if (!SINGLETON_DEFINITIONS[revision.kind as SingletonKind].schema.safeParse(value).success) {
        throw new RpcError('CONFLICT', 'This revision does not validate against the current rules and cannot be restored.');
      }
    } else if (revision.kind === 'api_connection') {
      const old = apiConnectionPublicSchema.safeParse(value);
      const current = apiConnectionPublicSchema.parse(JSON.parse(row.draft_json));
      if (!old.success) throw new RpcError('CONFLICT', 'This revision cannot be read and cannot be restored.');
      // Secret values are not kept per revision: only a revision with the same secret fields as now can reuse them.
      if (secretFieldsOf(old.data).join('\n') !== secretFieldsOf(current).join('\n')) {
        throw new RpcError('CONFLICT', 'This revision had other Settings, Headers or Token fields than the connection has now; their values are not kept in history. Edit the connection instead.');
      }
      owner = row.vault_owner;
    } else {
      throw new RpcError('CONFLICT', `Restoring a ${revision.kind.replace('_', ' ')} is not available yet.`);
    }
    const json = JSON.stringify(value);
    const now = this.clock();
    const note = `Restored revision ${revision.id} (${revision.source}, ${toIso(revision.updated_at)})`;
    this.db.transaction(() => this.drafts.update(row, json, owner, now, { source: 'restore', note, batchId: null }))();
    this.events.tenantChanged(row.tenant_id);
    const latest = this.stmt.last.get(row.id)!;
    return { tenantId: row.tenant_id, kind: revision.kind, documentId: row.id, revision: entryOf(latest, row.draft_json) };
  }

  private require(id: number): RevisionWithDocument {
    const revision = this.stmt.one.get(id);
    if (!revision) throw new RpcError('NOT_FOUND', `Revision ${id} does not exist.`);
    return revision;
  }

  private documentOf(tenantId: string, kind: SyncDocumentKind, documentId: string | undefined) {
    if ((SINGLETON_KINDS as readonly string[]).includes(kind)) return this.drafts.singleton(tenantId, kind);
    if (!documentId) throw invalidInput([{ path: ['documentId'], message: 'history.documentId.required' }]);
    const row = this.drafts.byId(documentId);
    if (!row || row.tenant_id !== tenantId || row.kind !== kind) throw new RpcError('NOT_FOUND', `There is no ${kind.replace('_', ' ')} ${documentId} in this tenant.`);
    return row;
  }
}

function entryOf(revision: RevisionRow, previousJson: string | null): RevisionEntry {
  const value: unknown = JSON.parse(revision.draft_json);
  const previous: unknown = previousJson === null ? {} : JSON.parse(previousJson);
  return {
    id: revision.id,
    documentId: revision.document_id,
    source: revision.source,
    actor: BACKEND_SOURCES.has(revision.source) ? 'backend' : 'user',
    note: revision.note,
    batchId: revision.batch_id,
    fields: changedPaths(previous, value).map(toPointer),
    createdAt: toIso(revision.created_at),
    updatedAt: toIso(revision.updated_at),
  };
}
