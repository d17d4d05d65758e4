import type Database from 'better-sqlite3';
import { z } from 'zod';
import { jsonEqual } from '../../../../shared/logic/json-path';
import { resolveConflicts, type ConflictChoice, type MergeConflict } from '../../../../shared/logic/three-way-merge';
import { collectionKind } from '../../../../shared/document-kinds';
import { RpcError } from '../../../../shared/rpc/rpc-error';
import { apiConnectionScalarsSchema as scalarsSchema } from '../../../../shared/schemas/api-connection';
import type { ApiConnectionPublic } from '../../../../shared/schemas/api-connection-public';
import type { Clock } from '../../clock';
import { readPublicPart } from '../../api-connections/api-connection-rows';
import { readDealSetting } from '../../crm/deal-setting-rows';
import type { SerialQueue } from '../../vault/serial-queue';
import { collectionStatements, writeRow, type CollectionKind, type CollectionRow, type CollectionStatements } from '../../documents/document-store';
import { isDocumentConflict, WHOLE_DOCUMENT } from './collection-merge';
import { combineValues, publicOf, sameSection, sectionOfPointer, SECRET_SECTIONS, type SecretSection } from '../connection-sections';
import type { DocumentSync } from './document-sync';
import { setsOfRow, type SecretSets } from '../secret-sets';

/** How a kind's field conflicts resolve: a kind without secrets generically; API connections with their secret sections. */
type FieldResolver = (row: CollectionRow, conflicts: MergeConflict[], choices: Record<string, ConflictChoice>) => void | Promise<void>;


export interface CollectionResolverDeps {
  db: Database.Database;
  documents: DocumentSync;
  sets: SecretSets;
  queue: SerialQueue;
  clock: Clock;
}

/**
 * The user's choices on a collection document's conflicts ('mine' | 'theirs' per pointer):
 * - the whole document (pointer ""): deleted on the backend and changed here — mine publishes it
 *   again as a new document, theirs lets it go; deleted here and changed there — mine keeps the
 *   deletion (published next time), theirs brings the backend's back;
 * - a field: as for the one-per-tenant documents; the result must validate, else nothing changes;
 * - an API connection's secret section: theirs takes the backend's shape and values (the base's
 *   keychain set holds them since the pull), written with the draft's other sections as a new set.
 */
export class CollectionResolver {
  private readonly stmt: CollectionStatements;

  private readonly db: Database.Database;
  private readonly documents: DocumentSync;
  private readonly sets: SecretSets;
  private readonly queue: SerialQueue;
  private readonly clock: Clock;
  private readonly fieldResolvers: Record<CollectionKind, FieldResolver> = {
    api_connection: (row, conflicts, choices) => this.resolveConnection(row, conflicts, choices),
    deal_setting: (row, conflicts, choices) => this.resolvePlain(row, conflicts, choices, readDealSetting),
  };

  constructor(deps: CollectionResolverDeps) {
    this.db = deps.db;
    this.documents = deps.documents;
    this.sets = deps.sets;
    this.queue = deps.queue;
    this.clock = deps.clock;
    this.stmt = collectionStatements(deps.db);
  }

  async resolve(tenantId: string, kind: CollectionKind, id: string | undefined, choices: Record<string, ConflictChoice>): Promise<void> {
    if (id === undefined) throw new RpcError('INVALID_INPUT', 'Say which document’s conflicts to resolve.', [{ path: ['id'], message: 'sync.conflict.id.required' }]);
    const run = async () => {
      const row = this.stmt.byId.get(id);
      if (!row || row.tenant_id !== tenantId || row.kind !== kind) throw new RpcError('NOT_FOUND', `There is no ${kind} ${id} with conflicts for this tenant.`);
      const conflicts = this.documents.conflictsOf(row.id);
      const unknown = Object.keys(choices).filter((pointer) => !conflicts.some((c) => c.pointer === pointer));
      if (unknown.length > 0) {
        throw new RpcError('INVALID_INPUT', `No open conflict at ${unknown.slice(0, 5).map((p) => p || '(the whole document)').join(', ')}.`, [
          { path: ['choices'], message: 'sync.conflict.unknown' },
        ]);
      }
      const whole = conflicts.find(isDocumentConflict);
      if (whole && choices[WHOLE_DOCUMENT] !== undefined) return this.resolveWhole(row, whole, choices[WHOLE_DOCUMENT]);
      return this.fieldResolvers[kind](row, conflicts, choices);
    };
    // Kinds with secrets touch the keychain; every keychain step (and a row it depends on) goes through the one queue.
    await (collectionKind(kind).secretSections.length > 0 ? this.queue.run(run) : run());
  }

  private async resolveWhole(row: CollectionRow, conflict: MergeConflict, choice: ConflictChoice): Promise<void> {
    let next: CollectionRow | null;
    if (conflict.remote === null) {
      // Deleted on the backend: mine publishes the draft as a new document; theirs lets it go.
      next = choice === 'mine' ? { ...row, base_json: null, base_version: null, remote_id: null, base_vault_owner: null, dirty: 1 } : null;
    } else {
      // Deleted here, changed there: mine keeps the deletion; theirs brings the backend's back.
      next = choice === 'mine' ? row : { ...row, deleted: 0, draft_json: row.base_json ?? row.draft_json, vault_owner: row.base_vault_owner, dirty: 0 };
    }
    const now = this.clock();
    this.db.transaction(() => {
      if (next === null) this.stmt.remove.run(row.id);
      else {
        writeRow(this.stmt, next, now);
        if (next.draft_json !== row.draft_json) this.documents.revision(row.id, 'edit', next.draft_json, now);
        this.documents.writeConflicts(row.id, row.tenant_id, [], now);
      }
    })();
    await this.sets.releaseUnused(row.tenant_id, setsOfRow(row));
  }

  /** A kind without secrets: the chosen fields must make a value its schema accepts. */
  private resolvePlain(row: CollectionRow, conflicts: MergeConflict[], choices: Record<string, ConflictChoice>, read: (json: string, row: CollectionRow) => unknown): void {
    const { value, open } = resolveConflicts(read(row.draft_json, row), conflicts, choices);
    const parsed = collectionKind(row.kind).schema.safeParse(value);
    if (!parsed.success) throw invalidChoices(parsed.error.issues);
    const base = row.base_json === null ? null : read(row.base_json, row);
    this.write(row, { ...row, draft_json: JSON.stringify(parsed.data), dirty: row.deleted === 1 || base === null || !jsonEqual(base, parsed.data) ? 1 : 0 }, open);
  }

  private async resolveConnection(row: CollectionRow, conflicts: MergeConflict[], choices: Record<string, ConflictChoice>): Promise<void> {
    const draft = readPublicPart(row.draft_json, row);
    const base = row.base_json === null ? null : readPublicPart(row.base_json, row);
    const fieldConflicts = conflicts.filter((c) => sectionOfPointer(c.pointer) === null);
    const { value, open } = resolveConflicts(draft, fieldConflicts, choices);
    const scalars = scalarsSchema.safeParse(value);
    if (!scalars.success) throw invalidChoices(scalars.error.issues);
    const sides = {} as Record<SecretSection, 'local' | 'remote'>;
    for (const section of SECRET_SECTIONS) {
      const conflict = conflicts.find((c) => sectionOfPointer(c.pointer) === section);
      const choice = conflict ? choices[conflict.pointer] : undefined;
      if (conflict && choice === undefined) open.push(conflict);
      sides[section] = choice === 'theirs' && base !== null ? 'remote' : 'local';
    }
    const from = (section: SecretSection) => (sides[section] === 'remote' ? base! : draft);
    const next: ApiConnectionPublic = publicOf(scalars.data, {
      settingsKeys: from('settingsKeys').settingsKeys,
      headers: from('headers').headers,
      token: from('token').token,
    });
    let owner = row.vault_owner;
    if (Object.values(sides).includes('remote')) {
      const local = await this.sets.read(row.tenant_id, row.vault_owner, draft);
      const remote = await this.sets.read(row.tenant_id, row.base_vault_owner, base!);
      const combined = combineValues(sides, local, remote);
      // Back to exactly the backend's secrets: the base's set serves (nothing to publish there).
      const isBase = SECRET_SECTIONS.every((section) => sameSection(next, combined, base!, remote, section));
      owner = isBase ? row.base_vault_owner : await this.sets.write(row.tenant_id, row.id, combined);
    }
    const dirty = row.deleted === 1 || base === null || owner !== row.base_vault_owner || !jsonEqual(base, next) ? 1 : 0;
    try {
      this.write(row, { ...row, draft_json: JSON.stringify(next), vault_owner: owner, dirty }, open);
    } catch (error) {
      if (owner !== row.vault_owner && owner !== row.base_vault_owner) await this.sets.releaseUnused(row.tenant_id, [{ owner, publicPart: next }]);
      throw error;
    }
    if (owner !== row.vault_owner) await this.sets.releaseUnused(row.tenant_id, [{ owner: row.vault_owner, publicPart: draft }]);
  }

  private write(row: CollectionRow, next: CollectionRow, open: readonly MergeConflict[]): void {
    const now = this.clock();
    this.db.transaction(() => {
      writeRow(this.stmt, next, now);
      if (next.draft_json !== row.draft_json) this.documents.revision(row.id, 'edit', next.draft_json, now);
      this.documents.writeConflicts(row.id, row.tenant_id, open, now);
    })();
  }
}

function invalidChoices(issues: readonly z.ZodIssue[]): RpcError {
  return new RpcError(
    'INVALID_INPUT',
    'These choices make a setting that does not validate: choose the related fields from the same side.',
    issues.map((issue) => ({ path: issue.path, message: issue.message })),
  );
}
