import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { RpcError } from '../../../shared/rpc/rpc-error';
import type { CatalogView } from '../../../shared/schemas/catalog';
import {
  SINGLETON_DEFINITIONS,
  singletonKindSchema,
  type SingletonDocumentView,
  type SingletonDraftInput,
  type SingletonKind,
  type ValidationIssue,
} from '../../../shared/schemas/settings-document';
import { referenceIssues, type ReferenceExtractor } from '../../../shared/validation/catalog-references';
import { toIso, type Clock } from '../clock';
import type { CatalogService } from '../catalog/catalog-service';
import type { EventBus } from '../events/event-bus';
import type { TenantService } from '../tenants/tenant-service';
import { parseOrThrow } from '../validation/invalid-input';
import { documentStatements, recordRevision, type DocumentRow, type DocumentStatements, type RevisionSource } from './document-store';
import { SingletonValidators } from './singleton-validators';
import { parseStoredSingleton } from './stored-singleton';

const KIND_LABEL: Record<SingletonKind, string> = { ai_response: 'AI Response', idle_action: 'Idle Action' };

export interface DocumentServiceDeps {
  db: Database.Database;
  events: EventBus;
  clock: Clock;
  tenants: TenantService;
  catalog: CatalogService;
}

/**
 * The one-per-tenant settings documents (AI Response, Idle Action): the draft the user edits,
 * the base last known on the backend, dirty flag and revisions. Every save validates against
 * the shared schema and the tenant's cached catalog.
 */
export class DocumentService {
  private readonly stmt: DocumentStatements;
  private readonly validators = new SingletonValidators();
  private readonly saveTx: (tenantId: string, kind: SingletonKind, json: string, now: number) => { row: DocumentRow; changed: boolean };
  private readonly discardTx: (tenantId: string, kind: SingletonKind, now: number) => boolean;

  private readonly events: EventBus;
  private readonly clock: Clock;
  private readonly tenants: TenantService;
  private readonly catalog: CatalogService;

  constructor(deps: DocumentServiceDeps) {
    this.events = deps.events;
    this.clock = deps.clock;
    this.tenants = deps.tenants;
    this.catalog = deps.catalog;
    this.stmt = documentStatements(deps.db);
    this.saveTx = deps.db.transaction((tenantId: string, kind: SingletonKind, json: string, now: number) => this.writeDraft(tenantId, kind, json, now));
    this.discardTx = deps.db.transaction((tenantId: string, kind: SingletonKind, now: number) => this.writeDiscard(tenantId, kind, now));
  }

  get(tenantId: string, kind: SingletonKind): SingletonDocumentView {
    const checkedKind = checkKind(kind);
    this.tenants.require(tenantId);
    const catalog = this.catalog.get(tenantId);
    const row = this.stmt.select.get(tenantId, checkedKind);
    if (!row) return this.defaultView(tenantId, checkedKind, catalog);
    const draft = this.readValue(row.draft_json, tenantId, checkedKind, 'draft');
    return this.rowView(tenantId, checkedKind, row, draft, referenceIssuesOf(checkedKind, draft, catalog));
  }

  /** Saves the draft if it is valid against the schema and the catalog; else INVALID_INPUT and nothing changes. */
  saveDraft(input: SingletonDraftInput): SingletonDocumentView {
    const kind = checkKind(input.kind);
    this.tenants.require(input.tenantId);
    const catalog = this.catalog.get(input.tenantId);
    const draft: unknown = parseOrThrow(this.validators.get(kind, catalog), input.draft, ['draft']);
    const { row, changed } = this.saveTx(input.tenantId, kind, JSON.stringify(draft), this.clock());
    if (changed) this.events.tenantChanged(input.tenantId);
    return this.rowView(input.tenantId, kind, row, draft, []);
  }

  /** Back to the base; with no base, the document is removed and shows the defaults again. */
  discardDraft(tenantId: string, kind: SingletonKind): SingletonDocumentView {
    const checkedKind = checkKind(kind);
    this.tenants.require(tenantId);
    if (this.discardTx(tenantId, checkedKind, this.clock())) this.events.tenantChanged(tenantId);
    return this.get(tenantId, checkedKind);
  }

  private writeDraft(tenantId: string, kind: SingletonKind, json: string, now: number): { row: DocumentRow; changed: boolean } {
    const existing = this.stmt.select.get(tenantId, kind);
    if (existing && existing.draft_json === json) return { row: existing, changed: false };
    let row: DocumentRow;
    if (existing) {
      const dirty = existing.base_json === null || existing.base_json !== json ? 1 : 0;
      this.stmt.updateDraft.run(json, dirty, now, existing.id);
      row = { ...existing, draft_json: json, dirty, updated_at: now };
    } else {
      row = { id: randomUUID(), draft_json: json, base_json: null, base_version: null, dirty: 1, updated_at: now };
      this.stmt.insert.run(row.id, tenantId, kind, json, 1, now, now);
    }
    this.recordRevision(row.id, 'edit', json, now);
    return { row, changed: true };
  }

  private writeDiscard(tenantId: string, kind: SingletonKind, now: number): boolean {
    const row = this.stmt.select.get(tenantId, kind);
    if (!row) return false;
    if (row.base_json === null) {
      this.stmt.delete.run(row.id); // its revisions go with it
      return true;
    }
    if (row.draft_json === row.base_json && row.dirty === 0) return false;
    this.stmt.updateDraft.run(row.base_json, 0, now, row.id);
    this.recordRevision(row.id, 'discard', row.base_json, now);
    return true;
  }

  private recordRevision(documentId: string, source: RevisionSource, json: string, now: number): void {
    recordRevision(this.stmt, documentId, source, json, now);
  }

  private defaultView(tenantId: string, kind: SingletonKind, catalog: CatalogView): SingletonDocumentView {
    const draft: unknown = structuredClone(SINGLETON_DEFINITIONS[kind].defaults);
    return {
      tenantId,
      kind,
      draft,
      base: null,
      baseVersion: null,
      isDefault: true,
      dirty: false,
      updatedAt: null,
      revisionCount: 0,
      issues: referenceIssuesOf(kind, draft, catalog),
    } as SingletonDocumentView;
  }

  private rowView(tenantId: string, kind: SingletonKind, row: DocumentRow, draft: unknown, issues: ValidationIssue[]): SingletonDocumentView {
    return {
      tenantId,
      kind,
      draft,
      base: row.base_json === null ? null : this.readValue(row.base_json, tenantId, kind, 'base'),
      baseVersion: row.base_version,
      isDefault: false,
      dirty: row.dirty === 1,
      updatedAt: toIso(row.updated_at),
      revisionCount: this.stmt.revisionCount.get(row.id)!.n,
      issues,
    } as SingletonDocumentView;
  }

  /** A stored JSON column, checked against the schema: a damaged one is a clear error, not a crash. */
  private readValue(json: string, tenantId: string, kind: SingletonKind, column: 'draft' | 'base'): unknown {
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch {
      throw damaged(tenantId, kind, column);
    }
    const result = parseStoredSingleton(kind, value);
    if (!result.success) throw damaged(tenantId, kind, column);
    return result.data;
  }
}

function checkKind(kind: unknown): SingletonKind {
  return parseOrThrow(singletonKindSchema, kind, ['kind']);
}

function referenceIssuesOf(kind: SingletonKind, value: unknown, catalog: CatalogView): ValidationIssue[] {
  const extract = SINGLETON_DEFINITIONS[kind].references as ReferenceExtractor<unknown>;
  return referenceIssues(value, extract, catalog);
}

function damaged(tenantId: string, kind: SingletonKind, column: 'draft' | 'base'): RpcError {
  const what = column === 'draft' ? 'saved draft' : 'last published state';
  const fix = column === 'draft' ? ' Discard the draft to start again.' : '';
  return new RpcError('INTERNAL', `The ${what} of ${KIND_LABEL[kind]} for tenant ${tenantId} is damaged and cannot be read.${fix}`);
}
