import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { RpcError } from '../../../shared/rpc/rpc-error';
import { apiConnectionSchema } from '../../../shared/schemas/api-connection';
import {
  apiConnectionCreateInputSchema,
  apiConnectionListInputSchema,
  apiConnectionRefSchema,
  apiConnectionTestInputSchema,
  apiConnectionUpdateInputSchema,
  type ApiConnectionCreateInput,
  type ApiConnectionDocument,
  type ApiConnectionListItem,
  type ApiConnectionRef,
  type ApiConnectionTestInput,
  type ApiConnectionUpdateInput,
} from '../../../shared/schemas/api-connection-document';
import { applyApiConnectionEdit, editTouchesSecrets, type ApiConnectionEdit } from '../../../shared/schemas/api-connection-edit';
import type { ApiConnectionPublic } from '../../../shared/schemas/api-connection-public';
import type { TestConnectionResult } from '../../../shared/schemas/api-connection-test';
import { joinApiConnection, splitApiConnection, type ApiConnectionSecret } from '../../../shared/validation/api-connection-secrets';
import { collectionKind } from '../../../shared/document-kinds';
import type { Clock } from '../clock';
import { CollectionDocumentService } from '../documents/collection-document-service';
import type { CollectionRow } from '../documents/document-store';
import type { EventBus } from '../events/event-bus';
import type { TenantService } from '../tenants/tenant-service';
import { parseOrThrow } from '../validation/invalid-input';
import type { SerialQueue } from '../vault/serial-queue';
import type { Vault } from '../vault/vault';
import type { VaultHousekeeping } from '../vault/vault-housekeeping';
import { isDirty, readPublicPart } from './api-connection-rows';
import { documentOf, listItemOf, SECRETS_READ_OK } from './api-connection-views';
import { readSecretPreviews } from './secret-previews';
import { newApiConnectionOwner, readApiConnectionSecrets, writeApiConnectionSecrets } from './connection-secrets';
import { testConnection, type TestConnectionOptions } from './test-connection';
import { reducedForEdit, testTargetOf } from './edit-inputs';

export interface ApiConnectionServiceDeps {
  db: Database.Database;
  events: EventBus;
  clock: Clock;
  tenants: TenantService;
  vault: Vault;
  /** Every keychain step runs in this queue (shared with the housekeeping). */
  queue: SerialQueue;
  housekeeping: VaultHousekeeping;
  /** For tests: Test connection's bounds. */
  testOptions?: Pick<TestConnectionOptions, 'timeoutMs' | 'maxRedirects'>;
}

/**
 * API Integration: a tenant's API connections. SQLite holds each connection's public
 * part only; its secret values are in the vault (connection-secrets.ts).
 *
 * Saving, in this order: validate everything; write the new secrets as a fresh set; then write
 * the row, pointing at that set, in one transaction; then remove the old set. If the vault fails,
 * what was written of the new set is removed and nothing else changed (VAULT_UNAVAILABLE with
 * the vault's message); if the row fails, the new set is removed and the old one is still in use.
 * A crash in between leaves only an unreferenced set, which the start-up sweep removes. An edit
 * that keeps every secret never touches the vault, so it works while the keychain is unavailable.
 *
 * Deleting, and undo: `delete` only flags the row (deleted = 1); `undoDelete` clears the flag.
 * A deleted connection the backend has (published) stays, flagged, until a publish deletes it
 * there. One the backend never had is purged when the app next starts (purgeUnpublishedDeletions,
 * from openCore): the row goes, and with it the reference to its secret set, so the sweep that
 * follows removes the keychain entries. Until then undo is possible: across the whole session,
 * not only while the page is open. The keychain entries are removed only with the row.
 */
export class ApiConnectionService {
  /** The generic collection document service, with this kind's reading and words. */
  private readonly core: CollectionDocumentService<ApiConnectionPublic>;

  constructor(private readonly deps: ApiConnectionServiceDeps) {
    this.core = new CollectionDocumentService<ApiConnectionPublic>({
      ...deps,
      parts: {
        descriptor: collectionKind('api_connection'),
        read: readPublicPart,
        isDirty,
        keyTaken: (_row, { value: other }) =>
          new RpcError('CONFLICT', `The API connection “${other.name}” now uses the code “${other.code}”. Change its code first, then undo the deletion.`),
      },
    });
  }

  /** The tenant's connections, oldest first, deleted ones included (flagged). */
  list(tenantId: string): ApiConnectionListItem[] {
    const parsed = this.core.parseTenantInput(apiConnectionListInputSchema, { tenantId });
    const now = new Date(this.deps.clock());
    return this.core.rows(parsed.tenantId).map((row) => listItemOf(row, readPublicPart(row.draft_json, row), now));
  }

  /** One connection, with masked previews of its secrets when the keychain can be read (`secrets` says if not). */
  async get(ref: ApiConnectionRef): Promise<ApiConnectionDocument> {
    const { tenantId, id } = this.parseRef(ref);
    this.core.requireRow(tenantId, id);
    return this.deps.queue.run(async () => {
      const row = this.core.requireRow(tenantId, id);
      const publicPart = readPublicPart(row.draft_json, row);
      const { values, read } = await readSecretPreviews(this.deps.vault, tenantId, row.vault_owner, publicPart);
      return documentOf(row, publicPart, values, read, new Date(this.deps.clock()));
    });
  }

  async create(input: ApiConnectionCreateInput): Promise<ApiConnectionDocument> {
    const { tenantId, ...fields } = parseOrThrow(apiConnectionCreateInputSchema, input);
    this.deps.tenants.require(tenantId);
    this.assertCodeFree(tenantId, fields.code, null);
    const { public: publicPart, secrets } = splitApiConnection(fields);
    const id = randomUUID();
    return this.deps.queue.run(async () => {
      const owner = await this.writeSet(tenantId, id, secrets);
      const row = await this.commitOrDiscard(tenantId, owner, secrets, () => {
        this.deps.tenants.require(tenantId);
        this.assertCodeFree(tenantId, fields.code, null);
        return this.core.insertDraft(tenantId, id, JSON.stringify(publicPart), owner);
      });
      this.deps.events.tenantChanged(tenantId);
      return documentOf(row, publicPart, valuesOf(secrets), SECRETS_READ_OK, new Date(this.deps.clock()));
    });
  }

  async update(input: ApiConnectionUpdateInput): Promise<ApiConnectionDocument> {
    const { tenantId, id, ...edit } = parseOrThrow(apiConnectionUpdateInputSchema, input);
    this.deps.tenants.require(tenantId);
    this.core.requireLive(tenantId, id);
    this.assertCodeFree(tenantId, edit.code, id);
    return this.deps.queue.run(async () => {
      const before = this.core.requireLive(tenantId, id);
      const current = readPublicPart(before.draft_json, before);
      if (!editTouchesSecrets(edit)) return this.updatePublicOnly(before, current, edit);

      // Only the sections the edit keeps or patches need their stored values.
      const reduced = reducedForEdit(current, edit);
      const kept = await readApiConnectionSecrets(this.deps.vault, tenantId, before.vault_owner, reduced);
      const joined = joinApiConnection(reduced, kept);
      if (!joined.ok) throw new RpcError('INTERNAL', 'The stored secrets of this API connection could not be put together.');
      const connection = parseOrThrow(apiConnectionSchema, applyApiConnectionEdit(joined.value, edit));
      const { public: next, secrets } = splitApiConnection(connection);
      const owner = await this.writeSet(tenantId, id, secrets);
      const row = await this.commitOrDiscard(tenantId, owner, secrets, () => this.writeDraft(before, next, owner));
      if (before.vault_owner !== null && before.vault_owner !== owner && before.vault_owner !== before.base_vault_owner) {
        await this.deps.housekeeping.removeSet(tenantId, before.vault_owner);
      }
      this.deps.events.tenantChanged(tenantId);
      return documentOf(row, next, valuesOf(secrets), SECRETS_READ_OK, new Date(this.deps.clock()));
    });
  }

  /** Flags the connection deleted (see the class comment); deleting it again changes nothing. */
  async delete(ref: ApiConnectionRef): Promise<ApiConnectionListItem> {
    const { tenantId, id } = this.parseRef(ref);
    this.core.requireRow(tenantId, id);
    return this.deps.queue.run(async () => this.setDeleted(tenantId, id, true));
  }

  /** Brings a deleted connection back, unless another one took its code meanwhile (CONFLICT). */
  async undoDelete(ref: ApiConnectionRef): Promise<ApiConnectionListItem> {
    const { tenantId, id } = this.parseRef(ref);
    this.core.requireRow(tenantId, id);
    return this.deps.queue.run(async () => this.setDeleted(tenantId, id, false));
  }

  /** `Test connection` with the secrets read here, in the core; the result never holds one. */
  async testConnection(input: ApiConnectionTestInput): Promise<TestConnectionResult> {
    const parsed = parseOrThrow(apiConnectionTestInputSchema, input);
    this.deps.tenants.require(parsed.tenantId);
    if (parsed.id !== undefined) this.core.requireRow(parsed.tenantId, parsed.id);
    const target = await this.deps.queue.run(async () => {
      const row = parsed.id === undefined ? null : this.core.requireRow(parsed.tenantId, parsed.id);
      const current = row ? readPublicPart(row.draft_json, row) : null;
      return testTargetOf(current, parsed.edit, (reduced) => readApiConnectionSecrets(this.deps.vault, parsed.tenantId, row?.vault_owner ?? null, reduced));
    });
    return testConnection(target, { ...this.deps.testOptions, path: parsed.path ?? '' });
  }

  /**
   * Removes the deleted connections the backend never had (at start, see the class comment);
   * their keychain entries become orphans for the sweep that follows. Returns how many.
   */
  purgeUnpublishedDeletions(): number {
    return this.core.purgeUnpublishedDeletions();
  }

  /** The keychain owners the rows point at (the sweep keeps these). */
  knownOwners(): Array<{ tenant_id: string; owner: string }> {
    return this.core.knownOwners();
  }

  private async updatePublicOnly(before: CollectionRow, current: ApiConnectionPublic, edit: ApiConnectionEdit): Promise<ApiConnectionDocument> {
    const next: ApiConnectionPublic = { ...current, name: edit.name, description: edit.description, code: edit.code, baseUrl: edit.baseUrl };
    const row = this.core.commit(() => this.writeDraft(before, next, before.vault_owner));
    if (row.updated_at !== before.updated_at) this.deps.events.tenantChanged(row.tenant_id);
    const { values, read } = await readSecretPreviews(this.deps.vault, row.tenant_id, row.vault_owner, next);
    return documentOf(row, next, values, read, new Date(this.deps.clock()));
  }

  /** Inside a transaction: the row must still be as it was read (everything runs in the queue, so it is, unless the tenant went). */
  private writeDraft(before: CollectionRow, next: ApiConnectionPublic, owner: string | null): CollectionRow {
    const row = this.core.requireLive(before.tenant_id, before.id);
    if (row.draft_json !== before.draft_json || row.vault_owner !== before.vault_owner) {
      throw new RpcError('CONFLICT', 'This API connection was changed meanwhile. Open it again and repeat your change.');
    }
    this.assertCodeFree(row.tenant_id, next.code, row.id);
    const json = JSON.stringify(next);
    if (json === row.draft_json && owner === row.vault_owner) return row;
    return this.core.writeDraft(row, json, owner);
  }

  private setDeleted(tenantId: string, id: string, deleted: boolean): ApiConnectionListItem {
    const { row } = this.core.setDeleted(tenantId, id, deleted);
    this.deps.events.tenantChanged(tenantId);
    return listItemOf(row, readPublicPart(row.draft_json, row), new Date(this.deps.clock()));
  }

  /** Writes a new secret set (none when there are no secrets); VAULT_UNAVAILABLE leaves nothing behind. */
  private async writeSet(tenantId: string, connectionId: string, secrets: readonly ApiConnectionSecret[]): Promise<string | null> {
    if (secrets.length === 0) return null;
    const owner = newApiConnectionOwner(connectionId);
    await writeApiConnectionSecrets(this.deps.vault, tenantId, owner, secrets);
    return owner;
  }

  /** Runs the row's transaction; if it fails, the just-written set goes again and the error is thrown. */
  private async commitOrDiscard<T>(tenantId: string, owner: string | null, secrets: readonly ApiConnectionSecret[], write: () => T): Promise<T> {
    try {
      return this.core.commit(write);
    } catch (error) {
      if (owner !== null) {
        for (const secret of secrets) await this.deps.vault.delete({ tenantId, owner, field: secret.field }).catch(() => false);
      }
      throw error;
    }
  }

  private parseRef(ref: ApiConnectionRef): ApiConnectionRef {
    return this.core.parseTenantInput(apiConnectionRefSchema, ref);
  }

  /** Codes are unique among the tenant's connections that are not deleted, ignoring case (the kind's natural key). */
  private assertCodeFree(tenantId: string, code: string, selfId: string | null): void {
    this.core.assertKeyFree(tenantId, { code }, selfId, ['code']);
  }
}

function valuesOf(secrets: readonly ApiConnectionSecret[]): Map<string, string> {
  return new Map(secrets.map((secret) => [secret.field, secret.value]));
}
