import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { naturalKeyOf, type CollectionKindDescriptor } from '../../../shared/document-kinds';
import { RpcError } from '../../../shared/rpc/rpc-error';
import type { Clock } from '../clock';
import type { EventBus } from '../events/event-bus';
import type { TenantService } from '../tenants/tenant-service';
import { invalidInput, parseOrThrow } from '../validation/invalid-input';
import {
  collectionStatements,
  documentStatements,
  recordRevision,
  type CollectionKind,
  type CollectionRow,
  type CollectionStatements,
  type DocumentStatements,
} from './document-store';

/** A live document of the kind, read: what a natural-key check finds. */
export interface HeldKey<V> {
  row: CollectionRow;
  value: V;
}

/** What one collection kind adds to the generic service: how its rows read, and its own words. */
export interface CollectionKindParts<V> {
  /** The kind's descriptor (shared/document-kinds): label, natural key. */
  descriptor: CollectionKindDescriptor & { kind: CollectionKind };
  /** A stored value (draft or base), checked: a damaged one is a clear error, not a crash. */
  read(json: string, row: Pick<CollectionRow, 'id'>): V;
  /** Something to publish once the row is changed so. */
  isDirty(row: CollectionRow): boolean;
  /** Undoing a deletion while `holder` took the natural key meanwhile: the CONFLICT to throw. */
  keyTaken(row: CollectionRow, holder: HeldKey<V>): RpcError;
}

export interface CollectionDocumentServiceDeps<V> {
  db: Database.Database;
  events: EventBus;
  clock: Clock;
  tenants: Pick<TenantService, 'require'>;
  parts: CollectionKindParts<V>;
}

/**
 * The generic part of a collection kind's document service (many documents per tenant, each
 * unique by its natural key): a tenant's rows, a row by id (NOT_FOUND), a live one (CONFLICT when
 * deleted), the natural key's uniqueness among live documents, a new draft and an edit of it with
 * their 'edit' revisions, deletion as a flag a publish sends and its undo, and the removal at
 * start of deletions the backend never had. The kind's own service keeps what is its own (API
 * connections' secrets in the keychain; deal settings' CRM catalog checks) and its public methods.
 */
export class CollectionDocumentService<V> {
  private readonly stmt: CollectionStatements;
  private readonly revisions: DocumentStatements;
  readonly kind: CollectionKind;
  private readonly label: string;

  constructor(private readonly deps: CollectionDocumentServiceDeps<V>) {
    this.stmt = collectionStatements(deps.db);
    this.revisions = documentStatements(deps.db);
    this.kind = deps.parts.descriptor.kind;
    this.label = deps.parts.descriptor.label;
  }

  /** Parses an input naming a tenant (a list's, a ref's) and checks that the tenant exists. */
  parseTenantInput<S extends z.ZodType<{ tenantId: string }, z.ZodTypeDef, unknown>>(schema: S, input: unknown): z.output<S> {
    const parsed: z.output<S> = parseOrThrow(schema, input);
    this.deps.tenants.require(parsed.tenantId);
    return parsed;
  }

  /** The tenant's documents of this kind, oldest first, deleted ones included. */
  rows(tenantId: string): CollectionRow[] {
    return this.stmt.byTenant.all(tenantId, this.kind);
  }

  read(json: string, row: Pick<CollectionRow, 'id'>): V {
    return this.deps.parts.read(json, row);
  }

  requireRow(tenantId: string, id: string): CollectionRow {
    const row = this.stmt.ofTenant.get(id, tenantId, this.kind);
    if (!row) throw new RpcError('NOT_FOUND', `${this.label} ${id} does not exist.`);
    return row;
  }

  requireLive(tenantId: string, id: string): CollectionRow {
    const row = this.requireRow(tenantId, id);
    if (row.deleted === 1) throw new RpcError('CONFLICT', `This ${this.label.toLowerCase()} is deleted. Undo the deletion to edit it.`);
    return row;
  }

  commit<T>(write: () => T): T {
    return this.deps.db.transaction(write)();
  }

  /** The live (not deleted) document other than `selfId` whose natural key is the value's, if any. */
  holderOf(tenantId: string, value: unknown, selfId: string | null): HeldKey<V> | undefined {
    const { descriptor } = this.deps.parts;
    const wanted = naturalKeyOf(descriptor, value);
    for (const row of this.rows(tenantId)) {
      if (row.id === selfId || row.deleted === 1) continue;
      const held = this.read(row.draft_json, row);
      if (naturalKeyOf(descriptor, held) === wanted) return { row, value: held };
    }
    return undefined;
  }

  /** INVALID_INPUT at `path` (the natural key's field in the input) when another live document has the value's key. */
  assertKeyFree(tenantId: string, value: unknown, selfId: string | null, path: ReadonlyArray<string | number>): void {
    if (this.holderOf(tenantId, value, selfId)) throw invalidInput([{ path: [...path], message: this.deps.parts.descriptor.naturalKey.duplicateMessage }]);
  }

  /** Inside the caller's transaction: a new document made here (something to publish), with its first 'edit' revision. */
  insertDraft(tenantId: string, id: string, json: string, vaultOwner: string | null): CollectionRow {
    const now = this.deps.clock();
    this.stmt.insert.run(id, tenantId, this.kind, json, 1, vaultOwner, now, now);
    recordRevision(this.revisions, id, 'edit', json, now);
    return this.requireRow(tenantId, id);
  }

  /** Inside the caller's transaction: the draft's new value (and keychain set), dirty against the base, with an 'edit' revision. */
  writeDraft(row: CollectionRow, json: string, vaultOwner: string | null): CollectionRow {
    const now = this.deps.clock();
    const dirty = this.deps.parts.isDirty({ ...row, draft_json: json, vault_owner: vaultOwner }) ? 1 : 0;
    this.stmt.updateDraft.run(json, dirty, vaultOwner, now, row.id);
    recordRevision(this.revisions, row.id, 'edit', json, now);
    return this.requireRow(row.tenant_id, row.id);
  }

  /** Flags the document deleted (or not) in one transaction; returns the row after, and whether it changed. */
  setDeleted(tenantId: string, id: string, deleted: boolean): { row: CollectionRow; changed: boolean } {
    let changed = false;
    const row = this.commit(() => {
      const current = this.requireRow(tenantId, id);
      if ((current.deleted === 1) === deleted) return current;
      if (!deleted) {
        // Natural keys are unique among live documents: another may have taken this one's meanwhile.
        const holder = this.holderOf(tenantId, this.read(current.draft_json, current), current.id);
        if (holder) throw this.deps.parts.keyTaken(current, holder);
      }
      const flag = deleted ? 1 : 0;
      this.stmt.setDeleted.run(flag, this.deps.parts.isDirty({ ...current, deleted: flag }) ? 1 : 0, this.deps.clock(), id);
      changed = true;
      return this.requireRow(tenantId, id);
    });
    return { row, changed };
  }

  /** Deleted documents the backend never had: nothing to publish, so they go (their revisions cascade). Returns how many. */
  purgeUnpublishedDeletions(): number {
    const rows = this.stmt.purgeable.all(this.kind);
    if (rows.length === 0) return 0;
    this.commit(() => {
      for (const row of rows) this.stmt.remove.run(row.id);
    });
    for (const tenantId of new Set(rows.map((row) => row.tenant_id))) this.deps.events.tenantChanged(tenantId);
    return rows.length;
  }

  /** The keychain owners the rows (of any kind) point at (the sweep keeps these). */
  knownOwners(): Array<{ tenant_id: string; owner: string }> {
    return this.stmt.owners.all();
  }
}
