import type Database from 'better-sqlite3';
import { jsonEqual } from '../../../../shared/logic/json-path';
import { DOCUMENT_KINDS } from '../../../../shared/document-kinds';
import { RpcError } from '../../../../shared/rpc/rpc-error';
import type { ApiConnection } from '../../../../shared/schemas/api-connection';
import type { ApiConnectionPublic } from '../../../../shared/schemas/api-connection-public';
import { splitApiConnection } from '../../../../shared/validation/api-connection-secrets';
import type { Clock } from '../../clock';
import { loadApiConnection } from '../../api-connections/connection-secrets';
import type { SerialQueue } from '../../vault/serial-queue';
import type { Vault } from '../../vault/vault';
import type { CurrentDocument, DocumentPublisher, SendOutcome } from './document-publisher';
import type { BackendApi } from '../session/backend-client-factory';
import type { DocumentSync } from '../pull/document-sync';
import { isBackendError } from '../backend-error';
import { collectionStatements, type CollectionKind, type CollectionRow, type CollectionStatements } from '../../documents/document-store';
import { stringLeaves } from '../../../../shared/logic/redact-values';
import type { Outbox, OutboxEntry } from './outbox';
import { setsOfRow, type SecretSets } from '../secret-sets';

export interface CollectionPublishDeps {
  db: Database.Database;
  outbox: Outbox;
  sets: SecretSets;
  vault: Vault;
  /** The core's keychain queue: secrets are read, and API connection rows written, inside it. */
  queue: SerialQueue;
  clock: Clock;
  /** Records the 'publish' revision (history). */
  documents: Pick<DocumentSync, 'revision'>;
  /** After a write landed (inside its transaction). */
  onSuccess(tenantId: string): void;
}

/**
 * Sends one outbox entry of a collection document (API connection, deal setting):
 * - create: POST with the entry's Idempotency-Key (durable before the first try); a resend after a
 *   crash or a lost answer gets the first result back, whose id the document keeps;
 * - update: PUT with If-Match;
 * - delete: DELETE with If-Match, then the document and its keychain sets go (404: already gone).
 * An API connection's body is its public part from the entry plus the secrets of the entry's
 * pinned keychain set, read inside the keychain queue (ahead of the requests, see prepare): secrets
 * are only ever on the wire. What
 * the backend answers becomes the base (the pinned set becomes the base's set) and a 'publish'
 * revision.
 */
export class CollectionPublisher implements DocumentPublisher {
  readonly conflictMessage = 'The backend changed this too: choose which values to keep, then publish again.';
  private readonly stmt: CollectionStatements;
  /** Connections read ahead of their requests, by outbox entry, with the set and body they were read for. */
  private readonly readAhead = new Map<number, { owner: string | null; bodyJson: string | null; connection: Promise<ApiConnection> }>();

  constructor(private readonly deps: CollectionPublishDeps) {
    this.stmt = collectionStatements(deps.db);
  }

  current(entry: OutboxEntry): CurrentDocument | undefined {
    return this.stmt.byId.get(entry.document_id);
  }

  needsPullFirst(): boolean {
    return false;
  }

  async send(entry: OutboxEntry, client: BackendApi, signal: AbortSignal): Promise<SendOutcome> {
    const kind = entry.kind as CollectionKind;
    const row = this.stmt.byId.get(entry.document_id);
    const routes = DOCUMENT_KINDS[kind].routes;
    if (entry.op === 'create') {
      if (!row || row.deleted === 1) return this.end(entry, 'cancelled', 'It was deleted before it reached the backend.');
      if (row.remote_id !== null) return this.end(entry, 'done'); // a pull matched it to the backend's (the creation did land)
      const { body, secrets } = await this.body(entry);
      this.deps.outbox.markSending(entry.id);
      const result = await client.call(routes.create, { body, secrets, idempotencyKey: entry.idempotency_key, signal });
      await this.published(entry, result.data.id, result.data.version, result.data.value);
      return 'done';
    }
    if (entry.remote_id === null) throw new RpcError('INTERNAL', 'This publish has lost the backend id of its document.');
    const params = { id: entry.remote_id };
    if (entry.op === 'delete') {
      this.deps.outbox.markSending(entry.id);
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
    const { body, secrets } = await this.body(entry);
    this.deps.outbox.markSending(entry.id);
    try {
      const result = await client.call(routes.put, { params, body, secrets, ifMatch: entry.if_match ?? '', signal });
      await this.published(entry, entry.remote_id, result.data.version, result.data.value);
      return 'done';
    } catch (error) {
      if (isBackendError(error, 'version_mismatch') || (isBackendError(error, 'rejected') && error.wireCode === 'not_found')) return 'stale';
      throw error;
    }
  }

  /**
   * Reads the API connections of `entries` from the keychain ahead of their requests: one task of
   * the keychain queue for all of them, their values read side by side. A send takes its
   * connection from here when its entry still names the same set and body, and reads it itself
   * otherwise (or when this read failed: its own read then meets the error).
   */
  prepare(entries: readonly OutboxEntry[]): void {
    const toRead = entries.filter((entry) => entry.kind === 'api_connection' && entry.op !== 'delete' && !this.readAhead.has(entry.id));
    if (toRead.length === 0) return;
    const read = this.deps.queue.run(() => Promise.allSettled(toRead.map((entry) => this.readConnection(entry))));
    toRead.forEach((entry, i) => {
      const connection = read.then((results) => {
        const result = results[i]!;
        if (result.status === 'rejected') throw result.reason;
        return result.value;
      });
      connection.catch(() => undefined); // met again by the send's own read
      this.readAhead.set(entry.id, { owner: entry.vault_owner, bodyJson: entry.body_json, connection });
    });
  }

  /** Drops what was read ahead for `entries` and not sent (secret values are not kept longer than the tenant's publish). */
  release(entries: readonly OutboxEntry[]): void {
    for (const entry of entries) this.readAhead.delete(entry.id);
  }

  /** What to send, and the secret values in it (which the client keeps out of any error about the answer). */
  private async body(entry: OutboxEntry): Promise<{ body: unknown; secrets: string[] }> {
    if (entry.kind !== 'api_connection') return { body: JSON.parse(entry.body_json ?? 'null') as unknown, secrets: [] };
    const connection = await this.connectionOf(entry);
    return { body: connection, secrets: secretValuesOf(connection) };
  }

  /** The full connection to send: read ahead (prepare) when that read still fits the entry, read now otherwise. */
  private async connectionOf(entry: OutboxEntry): Promise<ApiConnection> {
    const ahead = this.readAhead.get(entry.id);
    this.readAhead.delete(entry.id);
    if (ahead && ahead.owner === entry.vault_owner && ahead.bodyJson === entry.body_json) {
      try {
        return await ahead.connection;
      } catch {
        // read again below, so that the send fails with its own read's error
      }
    }
    return this.deps.queue.run(() => this.readConnection(entry));
  }

  /** The entry's public part joined with its pinned set's values (call inside the keychain queue). */
  private readConnection(entry: OutboxEntry): Promise<ApiConnection> {
    return loadApiConnection(this.deps.vault, entry.tenant_id, entry.vault_owner, JSON.parse(entry.body_json ?? 'null') as ApiConnectionPublic);
  }

  /** The backend has it: its answer becomes the base (the draft may have moved on meanwhile and stays dirty then). */
  private async published(entry: OutboxEntry, remoteId: string, version: string, value: unknown): Promise<void> {
    const isConnection = entry.kind === 'api_connection';
    const base = isConnection ? splitApiConnection(value as ApiConnection).public : value;
    const write = () => {
      const row = this.stmt.byId.get(entry.document_id);
      this.deps.db.transaction(() => {
        if (row) {
          const baseOwner = isConnection ? entry.vault_owner : null;
          const next = { ...row, base_json: JSON.stringify(base), base_version: version, remote_id: remoteId, base_vault_owner: baseOwner };
          this.stmt.setBase.run(next.base_json, version, remoteId, baseOwner, isDirty(next) ? 1 : 0, row.id);
          // A connection's revision holds its public part only: secret values live in the keychain.
          this.deps.documents.revision(row.id, 'publish', next.base_json, this.deps.clock());
        }
        this.deps.outbox.finish(entry.id, 'done', { version });
        this.deps.onSuccess(entry.tenant_id);
      })();
      return row;
    };
    if (!isConnection) {
      write();
      return;
    }
    // Inside the queue: a save of the same connection must not take its old set for unused meanwhile.
    await this.deps.queue.run(async () => {
      const before = write();
      await this.deps.sets.releaseUnused(entry.tenant_id, before ? setsOfRow(before) : []);
    });
  }

  /** Deleted on the backend: the document, its history and its keychain sets go. */
  private async purge(entry: OutboxEntry): Promise<void> {
    const remove = () => {
      const row = this.stmt.byId.get(entry.document_id);
      this.deps.db.transaction(() => {
        if (row) this.stmt.remove.run(row.id);
        this.deps.outbox.finish(entry.id, 'done');
        this.deps.onSuccess(entry.tenant_id);
      })();
      return row;
    };
    if (entry.kind !== 'api_connection') {
      remove();
      return;
    }
    await this.deps.queue.run(async () => {
      const row = remove();
      await this.deps.sets.releaseUnused(entry.tenant_id, row ? setsOfRow(row) : []);
    });
  }

  private end(entry: OutboxEntry, state: 'done' | 'cancelled', message?: string): SendOutcome {
    this.deps.outbox.finish(entry.id, state, message ? { failure: { code: 'CANCELLED', message }, settled: true } : { settled: true });
    return 'done';
  }
}

/** An API connection's secret values: each secret field's text, and each string inside a settings value. */
function secretValuesOf(connection: ApiConnection): string[] {
  return [...splitApiConnection(connection).secrets.map((secret) => secret.value), ...stringLeaves(connection.settings ?? {})];
}

/** Something left to publish once the backend has `base`. */
function isDirty(row: Pick<CollectionRow, 'draft_json' | 'base_json' | 'deleted' | 'vault_owner' | 'base_vault_owner'>): boolean {
  if (row.deleted === 1) return true;
  if (row.base_json === null) return true;
  return row.vault_owner !== row.base_vault_owner || !jsonEqual(JSON.parse(row.draft_json), JSON.parse(row.base_json));
}
