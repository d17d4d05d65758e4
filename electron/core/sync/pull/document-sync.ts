import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { changedPaths, resolveConflicts, threeWayMerge, type ConflictChoice, type MergeConflict } from '../../../../shared/logic/three-way-merge';
import { getAt, jsonEqual, toPointer } from '../../../../shared/logic/json-path';
import { RpcError } from '../../../../shared/rpc/rpc-error';
import { SINGLETON_DEFINITIONS, type SingletonKind } from '../../../../shared/schemas/settings-document';
import type { Clock } from '../../clock';
import { documentStatements, documentSyncStatements, type DocumentStatements, type RevisionSource } from '../../documents/document-store';

import type { SyncRow } from '../../documents/document-store';

import type { RemoteDocument } from './remote-snapshot';

export interface ApplyResult {
  documentId: string;
  draftChanged: boolean;
  conflicts: MergeConflict[];
}

/** What this installation sent for a document on top of a base version (Outbox.sentOnto). */
export type SentOnto = (documentId: string, baseVersion: string | null) => { body: unknown; vaultOwner: string | null }[];

export interface DocumentSyncDeps {
  db: Database.Database;
  clock: Clock;
  sentOnto?: SentOnto;
}

/**
 * The sync side of the one-per-tenant settings documents: a pull makes the remote the base and
 * merges it into the draft (three-way, per field), keeping true conflicts per document until the
 * user decides; a publish makes what it sent the base. Callers run these inside a transaction.
 */
export class DocumentSync {
  private readonly docs: DocumentStatements;
  private readonly stmt;

  private readonly clock: Clock;
  private readonly sentOnto: SentOnto;

  constructor(deps: DocumentSyncDeps) {
    this.clock = deps.clock;
    this.sentOnto = deps.sentOnto ?? (() => []);
    this.docs = documentStatements(deps.db);
    this.stmt = documentSyncStatements(deps.db);
  }

  row(tenantId: string, kind: SingletonKind): SyncRow | undefined {
    return this.stmt.select.get(tenantId, kind);
  }

  conflictsOf(documentId: string): MergeConflict[] {
    const row = this.stmt.conflicts.get(documentId);
    return row ? (JSON.parse(row.conflicts_json) as MergeConflict[]) : [];
  }

  tenantConflicts(tenantId: string): { documentId: string; kind: string; conflicts: MergeConflict[] }[] {
    return this.stmt.tenantConflicts.all(tenantId).map((row) => ({
      documentId: row.document_id,
      kind: row.kind,
      conflicts: JSON.parse(row.conflicts_json) as MergeConflict[],
    }));
  }

  /** The remote becomes the base; the draft takes the remote's changes where the user made none. */
  applyRemote(tenantId: string, kind: SingletonKind, remote: RemoteDocument): ApplyResult {
    const now = this.clock();
    const remoteJson = JSON.stringify(remote.value);
    const row = this.row(tenantId, kind);
    if (!row) {
      const id = randomUUID();
      this.stmt.insert.run(id, tenantId, kind, remoteJson, remoteJson, remote.version, 0, now, now);
      this.docs.insertRevision.run(id, 'pull', remoteJson, now, now);
      return { documentId: id, draftChanged: true, conflicts: [] };
    }
    const local = JSON.parse(row.draft_json) as unknown;
    // A draft never published started from the defaults the page showed. A remote that is what
    // this installation sent (a write whose answer was lost) is its own write: the base, so a
    // newer edit merges onto it without a conflict against itself.
    let base: unknown = row.base_json === null ? SINGLETON_DEFINITIONS[kind].defaults : JSON.parse(row.base_json);
    if (!jsonEqual(base, remote.value) && this.isOwnWrite(row.id, row.base_version, remote.value)) base = remote.value;
    let { merged, conflicts } = threeWayMerge(base, local, remote.value);
    if (!SINGLETON_DEFINITIONS[kind].schema.safeParse(merged).success) {
      // Each side is valid but their mix is not (a mode from one, its target from the other):
      // the draft stays as it is and every differing field is the user's to decide.
      merged = local;
      conflicts = changedPaths(local, remote.value).map((path) => ({
        path,
        pointer: toPointer(path),
        base: getAt(base, path),
        local: getAt(local, path),
        remote: getAt(remote.value, path),
      }));
    }
    conflicts = this.keepOpenConflicts(row.id, conflicts, merged, remote.value);
    const mergedJson = JSON.stringify(merged);
    const dirty = jsonEqual(merged, remote.value) ? 0 : 1;
    this.stmt.update.run(mergedJson, remoteJson, remote.version, dirty, now, row.id);
    const draftChanged = mergedJson !== row.draft_json;
    if (draftChanged) this.revision(row.id, 'pull', mergedJson, now);
    this.writeConflicts(row.id, tenantId, conflicts, now);
    return { documentId: row.id, draftChanged, conflicts };
  }

  /** The remote value is one this installation sent on top of `baseVersion` (its answer may have been lost). */
  isOwnWrite(documentId: string, baseVersion: string | null, remote: unknown): boolean {
    return this.sentOnto(documentId, baseVersion).some((sent) => jsonEqual(sent.body, remote));
  }

  /**
   * What was sent is now on the backend: it becomes the base (and a 'publish' revision of what the
   * backend holds); the draft stays dirty if it moved on meanwhile.
   */
  markPublished(documentId: string, sentJson: string, version: string): void {
    const row = this.stmt.byId.get(documentId);
    if (!row) return;
    const dirty = jsonEqual(JSON.parse(row.draft_json), JSON.parse(sentJson)) ? 0 : 1;
    this.stmt.setBase.run(sentJson, version, dirty, documentId);
    this.revision(documentId, 'publish', sentJson, this.clock());
  }

  /** Applies the user's choices; the result must validate, else nothing changes. */
  resolve(tenantId: string, kind: SingletonKind, choices: Record<string, ConflictChoice>): MergeConflict[] {
    const row = this.row(tenantId, kind);
    if (!row) throw new RpcError('NOT_FOUND', `There is no ${kind} document with conflicts for this tenant.`);
    const conflicts = this.conflictsOf(row.id);
    const unknown = Object.keys(choices).filter((pointer) => !conflicts.some((c) => c.pointer === pointer));
    if (unknown.length > 0) {
      throw new RpcError('INVALID_INPUT', `No open conflict at ${unknown.slice(0, 5).join(', ')}.`, [{ path: ['choices'], message: 'sync.conflict.unknown' }]);
    }
    const { value, open } = resolveConflicts(JSON.parse(row.draft_json) as unknown, conflicts, choices);
    const parsed = SINGLETON_DEFINITIONS[kind].schema.safeParse(value);
    if (!parsed.success) {
      throw new RpcError(
        'INVALID_INPUT',
        'These choices make a setting that does not validate: choose the related fields from the same side.',
        parsed.error.issues.map((issue) => ({ path: issue.path, message: issue.message })),
      );
    }
    const now = this.clock();
    const json = JSON.stringify(parsed.data);
    const base = row.base_json === null ? null : (JSON.parse(row.base_json) as unknown);
    this.stmt.update.run(json, row.base_json, row.base_version, base !== null && jsonEqual(base, parsed.data) ? 0 : 1, now, row.id);
    if (json !== row.draft_json) this.revision(row.id, 'edit', json, now);
    this.writeConflicts(row.id, tenantId, open, now);
    return open;
  }

  /**
   * Conflicts from an earlier pull the user has not decided stay open while the draft still
   * differs from the remote there (their remote side updated); a re-pull must not silently
   * turn "mine, undecided" into "mine, decided".
   */
  private keepOpenConflicts(documentId: string, fresh: MergeConflict[], merged: unknown, remote: unknown): MergeConflict[] {
    const out = [...fresh];
    for (const old of this.conflictsOf(documentId)) {
      if (out.some((c) => c.pointer === old.pointer)) continue;
      const mine = getAt(merged, old.path);
      const theirs = getAt(remote, old.path);
      if (!jsonEqual(mine, theirs)) out.push({ ...old, local: mine, remote: theirs });
    }
    return out;
  }

  writeConflicts(documentId: string, tenantId: string, conflicts: readonly MergeConflict[], now: number): void {
    if (conflicts.length === 0) this.stmt.dropConflicts.run(documentId);
    else this.stmt.saveConflicts.run(documentId, tenantId, JSON.stringify(conflicts), now);
  }

  revision(documentId: string, source: RevisionSource, json: string, now: number): void {
    this.docs.insertRevision.run(documentId, source, json, now, now);
  }
}
