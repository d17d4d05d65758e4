import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { RpcError } from '../../../shared/rpc/rpc-error';
import { dealSettingSchema, type CrmCatalogView, type DealSetting } from '../../../shared/schemas/crm';
import {
  dealSettingCreateInputSchema,
  dealSettingListInputSchema,
  dealSettingRefSchema,
  dealSettingUpdateInputSchema,
  type DealSettingCreateInput,
  type DealSettingDocument,
  type DealSettingRef,
  type DealSettingUpdateInput,
} from '../../../shared/schemas/deal-setting-document';
import type { ValidationIssue } from '../../../shared/schemas/settings-document';
import { withCrmReferences } from '../../../shared/validation/crm-references';
import { collectionKind } from '../../../shared/document-kinds';
import { toIso, type Clock } from '../clock';
import { CollectionDocumentService } from '../documents/collection-document-service';
import type { CollectionRow } from '../documents/document-store';
import type { EventBus } from '../events/event-bus';
import type { TenantService } from '../tenants/tenant-service';
import { parseOrThrow } from '../validation/invalid-input';
import type { CrmCatalogService } from './crm-catalog-service';
import { CRM_NOT_CONNECTED_ISSUE, dealSettingPublishIssues } from './deal-setting-issues';
import { isDirty, readDealSetting } from './deal-setting-rows';

export interface DealSettingServiceDeps {
  db: Database.Database;
  events: EventBus;
  clock: Clock;
  tenants: TenantService;
  crmCatalog: CrmCatalogService;
}

/** What a publish of one deal setting would do, and what holds it back (see publishChecks). */
export interface DealSettingPublishCheck {
  documentId: string;
  /** The backend's id; null until it was created there. */
  remoteId: string | null;
  op: 'create' | 'update' | 'delete';
  /** The draft to send (null for a deletion). */
  body: DealSetting | null;
  /** The state last known on the backend (null for a creation): the plan's changed fields are body against it. */
  base: DealSetting | null;
  /** The base's version (If-Match); null for a creation. */
  ifMatch: string | null;
  /** Empty: ready to publish. Otherwise held back, with the issues to show. */
  issues: ValidationIssue[];
}

const KIND = collectionKind('deal_setting');

/**
 * CRM Integration: a tenant's deal settings, one per bot response, checked against
 * the cached CRM catalog on every save. Edits need a connected CRM (else CONFLICT, with the issue
 * `crm.notConnected`); reading works regardless, so the page can explain.
 *
 * Deleting, and undo: `delete` only flags the row; `undoDelete` clears the flag. A deleted deal
 * setting the backend has stays, flagged and dirty, until a publish deletes it there. One the
 * backend never had is purged at the next start (purgeUnpublishedDeletions, from openCore); until
 * then it can be brought back.
 */
export class DealSettingService {
  /** The generic collection document service, with this kind's reading and words. */
  private readonly core: CollectionDocumentService<DealSetting>;

  constructor(private readonly deps: DealSettingServiceDeps) {
    this.core = new CollectionDocumentService<DealSetting>({
      ...deps,
      parts: {
        descriptor: KIND,
        read: readDealSetting,
        isDirty,
        // One deal setting per bot response: another took it meanwhile.
        keyTaken: (row, { value }) => {
          const name = this.botResponseName(deps.crmCatalog.get(row.tenant_id), value.botResponseId);
          return new RpcError('CONFLICT', `Another deal setting now belongs to the bot response “${name}”. Delete that one first, then undo this deletion.`, [
            { path: ['botResponseId'], message: KIND.naturalKey.duplicateMessage },
          ]);
        },
      },
    });
  }

  /** The tenant's deal settings, oldest first, deleted ones included (flagged). */
  list(tenantId: string): DealSettingDocument[] {
    const parsed = this.core.parseTenantInput(dealSettingListInputSchema, { tenantId });
    const catalog = this.deps.crmCatalog.get(parsed.tenantId);
    return this.core.rows(parsed.tenantId).map((row) => this.documentOf(row, catalog));
  }

  get(ref: DealSettingRef): DealSettingDocument {
    const { tenantId, id } = this.parseRef(ref);
    return this.documentOf(this.core.requireRow(tenantId, id), this.deps.crmCatalog.get(tenantId));
  }

  create(input: DealSettingCreateInput): DealSettingDocument {
    const { tenantId, draft } = parseOrThrow(dealSettingCreateInputSchema, input);
    this.deps.tenants.require(tenantId);
    const catalog = this.requireConnected(tenantId);
    const value = this.validate(tenantId, draft, catalog, null);
    const id = randomUUID();
    const row = this.core.commit(() => this.core.insertDraft(tenantId, id, JSON.stringify(value), null));
    this.deps.events.tenantChanged(tenantId);
    return this.documentOf(row, catalog);
  }

  /** `Save changes`: the whole new value. Saving what is already there changes nothing. */
  update(input: DealSettingUpdateInput): DealSettingDocument {
    const { tenantId, id, draft } = parseOrThrow(dealSettingUpdateInputSchema, input);
    this.deps.tenants.require(tenantId);
    this.core.requireLive(tenantId, id);
    const catalog = this.requireConnected(tenantId);
    const value = this.validate(tenantId, draft, catalog, id);
    const json = JSON.stringify(value);
    let changed = false;
    const row = this.core.commit(() => {
      const current = this.core.requireLive(tenantId, id);
      if (current.draft_json === json) return current;
      changed = true;
      return this.core.writeDraft(current, json, current.vault_owner);
    });
    if (changed) this.deps.events.tenantChanged(tenantId);
    return this.documentOf(row, catalog);
  }

  /** Flags the deal setting deleted (see the class comment); deleting it again changes nothing. */
  delete(ref: DealSettingRef): DealSettingDocument {
    return this.setDeleted(ref, true);
  }

  /** Brings a deleted deal setting back, unless another one took its bot response meanwhile (CONFLICT). */
  undoDelete(ref: DealSettingRef): DealSettingDocument {
    return this.setDeleted(ref, false);
  }

  /**
   * For the sync engine: every deal setting of the tenant with something to publish, and what
   * holds it back now (a CRM not connected, a reference the catalog no longer has). Deletions
   * come first, so that a bot response freed by one can be taken by a creation in the same run.
   */
  publishChecks(tenantId: string): DealSettingPublishCheck[] {
    this.deps.tenants.require(tenantId);
    const catalog = this.deps.crmCatalog.get(tenantId);
    const checks = this.core
      .rows(tenantId)
      .filter((row) => row.dirty === 1)
      .map((row): DealSettingPublishCheck => {
        const draft = readDealSetting(row.draft_json, row);
        const deleted = row.deleted === 1;
        const op = deleted ? 'delete' : row.base_json === null ? 'create' : 'update';
        return {
          documentId: row.id,
          remoteId: row.remote_id,
          op,
          body: deleted ? null : draft,
          base: row.base_json === null ? null : readDealSetting(row.base_json, row),
          ifMatch: row.base_version,
          issues: dealSettingPublishIssues(draft, deleted, catalog),
        };
      });
    return [...checks.filter((check) => check.op === 'delete'), ...checks.filter((check) => check.op !== 'delete')];
  }

  /**
   * The issues of one deal setting value against the tenant's cached catalog now: what the form,
   * a plan or a publish shows. Empty when it could be published.
   */
  issuesOf(tenantId: string, draft: DealSetting): ValidationIssue[] {
    return dealSettingPublishIssues(draft, false, this.deps.crmCatalog.get(tenantId));
  }

  /** Removes the deleted deal settings the backend never had (at start). Returns how many. */
  purgeUnpublishedDeletions(): number {
    return this.core.purgeUnpublishedDeletions();
  }

  private setDeleted(ref: DealSettingRef, deleted: boolean): DealSettingDocument {
    const { tenantId, id } = this.parseRef(ref);
    this.core.requireRow(tenantId, id);
    const catalog = this.requireConnected(tenantId);
    const { row, changed } = this.core.setDeleted(tenantId, id, deleted);
    if (changed) this.deps.events.tenantChanged(tenantId);
    return this.documentOf(row, catalog);
  }

  /** The schema with the catalog check, then one deal setting per bot response. INVALID_INPUT names each issue under `draft`. */
  private validate(tenantId: string, draft: unknown, catalog: CrmCatalogView, selfId: string | null): DealSetting {
    const value = parseOrThrow(withCrmReferences(dealSettingSchema, catalog), draft, ['draft']);
    this.core.assertKeyFree(tenantId, value, selfId, ['draft', 'botResponseId']);
    return value;
  }

  private botResponseName(catalog: CrmCatalogView, botResponseId: string): string {
    return catalog.botResponses.find((entry) => entry.id === botResponseId)?.name ?? botResponseId;
  }

  /** Edits need the CRM connected, as last fetched; the catalog is returned for the checks that follow. */
  private requireConnected(tenantId: string): CrmCatalogView {
    const catalog = this.deps.crmCatalog.get(tenantId);
    if (catalog.connected === true) return catalog;
    const why = catalog.connected === null ? 'Its connection status is not known yet: pull the tenant from the backend first.' : 'Activate and connect it first, then pull the tenant.';
    throw new RpcError('CONFLICT', `The CRM is not connected for this tenant, so deal settings cannot be changed. ${why}`, [CRM_NOT_CONNECTED_ISSUE]);
  }

  private documentOf(row: CollectionRow, catalog: CrmCatalogView): DealSettingDocument {
    const draft = readDealSetting(row.draft_json, row);
    const deleted = row.deleted === 1;
    return {
      id: row.id,
      tenantId: row.tenant_id,
      draft,
      base: row.base_json === null ? null : readDealSetting(row.base_json, row),
      published: row.base_json !== null,
      dirty: row.dirty === 1,
      deleted,
      createdAt: toIso(row.created_at),
      updatedAt: toIso(row.updated_at),
      issues: dealSettingPublishIssues(draft, deleted, catalog),
    };
  }

  private parseRef(ref: DealSettingRef): DealSettingRef {
    return this.core.parseTenantInput(dealSettingRefSchema, ref);
  }
}
