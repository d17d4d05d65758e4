import type Database from 'better-sqlite3';
import type { CollectionKindName, DOCUMENT_KINDS } from '../../../../shared/document-kinds';
import { jsonEqual } from '../../../../shared/logic/json-path';
import { RpcError } from '../../../../shared/rpc/rpc-error';
import type { Clock } from '../../clock';
import { collectionStatements, type CollectionRow, type CollectionStatements } from '../../documents/document-store';
import { isBackendError } from '../backend-error';
import type { StoredRemote } from '../pull/collection-pull';
import type { DocumentSync } from '../pull/document-sync';
import type { BackendApi } from '../session/backend-client-factory';
import type { CommitGroup } from './commit-group';
import type { CurrentDocument, DocumentPublisher, SendOutcome } from './document-publisher';
import type { Outbox, OutboxEntry } from './outbox';

/** What a create or a replace puts on the wire: the body, and the secret values in it (which the client keeps out of any error about the answer). */
export interface PublishBody {
  body: unknown;
  secrets: string[];
}

/**
 * What one collection kind plugs into the generic publish. A kind without secrets uses
 * plainPublishHooks; API connections read their secrets from the keychain (api-connection-publish.ts).
 */
export interface CollectionPublishHooks {
  /** What to send for the entry (a create or a replace). */
  body(entry: OutboxEntry): Promise<PublishBody>;
  /** What the row keeps of the backend's answer as its base, and the keychain set of the base's secrets (null: none). */
  stored(entry: OutboxEntry, value: unknown): StoredRemote<unknown>;
  /**
   * Runs `write` atomically and durably, committed with the writes beside it (the publisher's
   * CommitGroup; it returns the row as it was before, if it existed), then removes the keychain
   * sets nothing points at any more. A kind with secrets runs both inside the keychain queue, so
   * that a save of the same document cannot take its old set for unused meanwhile.
   */
  settle(tenantId: string, write: () => CollectionRow | undefined): Promise<void>;
  /** Starts reading what sending `entries` will need (see DocumentPublisher.prepare). */
  prepare?(entries: readonly OutboxEntry[]): void;
  /** Forgets what prepare read for `entries` and no send took. */
  release?(entries: readonly OutboxEntry[]): void;
}

export interface CollectionPublisherDeps {
  db: Database.Database;
  /** The kind's descriptor: its wire routes. */
  descriptor: (typeof DOCUMENT_KINDS)[CollectionKindName];
  hooks: CollectionPublishHooks;
  /** The publish's durable writes, committed together with those of the requests beside it. */
  commits: CommitGroup;
  outbox: Outbox;
  clock: Clock;
  /** Records the 'publish' revision (history). */
  documents: Pick<DocumentSync, 'revision'>;
  /** After a write landed (inside its transaction). */
  onSuccess(tenantId: string): void;
}

/**
 * Sends the outbox entries of one collection kind, through the routes of the kind's descriptor:
 * - create: POST with the entry's Idempotency-Key (durable before the first try); a resend after a
 *   crash or a lost answer gets the first result back, whose id the document keeps;
 * - update: PUT with If-Match;
 * - delete: DELETE with If-Match, then the document (and its keychain sets) go (404: already gone).
 * The body comes from the kind's hooks: the entry's body as it is, or for API connections its
 * public part joined with the secrets of the entry's pinned keychain set (secrets are only ever
 * on the wire). What the backend answers becomes the base (what the hooks keep of it) and a
 * 'publish' revision.
 */
export class CollectionPublisher implements DocumentPublisher {
  readonly conflictMessage = 'The backend changed this too: choose which values to keep, then publish again.';
  private readonly stmt: CollectionStatements;

  constructor(private readonly deps: CollectionPublisherDeps) {
    this.stmt = collectionStatements(deps.db);
  }

  current(entry: OutboxEntry): CurrentDocument | undefined {
    return this.stmt.byId.get(entry.document_id);
  }

  needsPullFirst(): boolean {
    return false;
  }

  async send(entry: OutboxEntry, client: BackendApi, signal: AbortSignal): Promise<SendOutcome> {
    const { hooks, descriptor } = this.deps;
    const row = this.stmt.byId.get(entry.document_id);
    const routes = descriptor.routes;
    if (entry.op === 'create') {
      if (!row || row.deleted === 1) return this.end(entry, 'cancelled', 'It was deleted before it reached the backend.');
      if (row.remote_id !== null) return this.end(entry, 'done'); // a pull matched it to the backend's (the creation did land)
      const { body, secrets } = await hooks.body(entry);
      if (!(await this.deps.commits.commit(() => this.deps.outbox.markSending(entry)))) return 'done'; // superseded meanwhile
      const result = await client.call(routes.create, { body, secrets, idempotencyKey: entry.idempotency_key, signal });
      await this.published(entry, result.data.id, result.data.version, result.data.value);
      return 'done';
    }
    if (entry.remote_id === null) throw new RpcError('INTERNAL', 'This publish has lost the backend id of its document.');
    const params = { id: entry.remote_id };
    if (entry.op === 'delete') {
      if (!(await this.deps.commits.commit(() => this.deps.outbox.markSending(entry)))) return 'done'; // superseded meanwhile
      try {
        await client.call(routes.delete, { params, ifMatch: entry.if_match ?? '', signal });
      } catch (error) {
        if (isBackendError(error, 'version_mismatch')) return 'stale';
        if (!(isBackendError(error, 'rejected') && error.wireCode === 'not_found')) throw error;
      }
      await this.purge(entry);
      return 'done';
    }
    if (!row) return this.end(entry, 'done'); // a pull removed it: the backend's is what it is
    const { body, secrets } = await hooks.body(entry);
    if (!(await this.deps.commits.commit(() => this.deps.outbox.markSending(entry)))) return 'done'; // superseded meanwhile
    try {
      const result = await client.call(routes.put, { params, body, secrets, ifMatch: entry.if_match ?? '', signal });
      await this.published(entry, entry.remote_id, result.data.version, result.data.value);
      return 'done';
    } catch (error) {
      if (isBackendError(error, 'version_mismatch') || (isBackendError(error, 'rejected') && error.wireCode === 'not_found')) return 'stale';
      throw error;
    }
  }

  prepare(entries: readonly OutboxEntry[]): void {
    this.deps.hooks.prepare?.(entries);
  }

  release(entries: readonly OutboxEntry[]): void {
    this.deps.hooks.release?.(entries);
  }

  /** The backend has it: its answer becomes the base (the draft may have moved on meanwhile and stays dirty then). */
  private async published(entry: OutboxEntry, remoteId: string, version: string, value: unknown): Promise<void> {
    const base = this.deps.hooks.stored(entry, value);
    await this.deps.hooks.settle(entry.tenant_id, () => {
      const row = this.stmt.byId.get(entry.document_id);
      if (row) {
        const next = { ...row, base_json: JSON.stringify(base.value), base_version: version, remote_id: remoteId, base_vault_owner: base.owner };
        this.stmt.setBase.run(next.base_json, version, remoteId, base.owner, isDirty(next) ? 1 : 0, row.id);
        // The revision holds what the row keeps: a kind's secret values live in the keychain only.
        this.deps.documents.revision(row.id, 'publish', next.base_json, this.deps.clock());
      }
      this.deps.outbox.finish(entry.id, 'done', { version });
      this.deps.onSuccess(entry.tenant_id);
      return row;
    });
  }

  /** Deleted on the backend: the document, its history and its keychain sets go. */
  private async purge(entry: OutboxEntry): Promise<void> {
    await this.deps.hooks.settle(entry.tenant_id, () => {
      const row = this.stmt.byId.get(entry.document_id);
      if (row) this.stmt.remove.run(row.id);
      this.deps.outbox.finish(entry.id, 'done');
      this.deps.onSuccess(entry.tenant_id);
      return row;
    });
  }

  private end(entry: OutboxEntry, state: 'done' | 'cancelled', message?: string): SendOutcome {
    this.deps.outbox.finish(entry.id, state, message ? { failure: { code: 'CANCELLED', message }, settled: true } : { settled: true });
    return 'done';
  }
}

/** Something left to publish once the backend has `base`. */
function isDirty(row: Pick<CollectionRow, 'draft_json' | 'base_json' | 'deleted' | 'vault_owner' | 'base_vault_owner'>): boolean {
  if (row.deleted === 1) return true;
  if (row.base_json === null) return true;
  return row.vault_owner !== row.base_vault_owner || !jsonEqual(JSON.parse(row.draft_json), JSON.parse(row.base_json));
}
