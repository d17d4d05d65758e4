import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { fieldDiff } from '../../../shared/logic/field-diff';
import { RpcError } from '../../../shared/rpc/rpc-error';
import type { ApiConnectionPublic } from '../../../shared/schemas/api-connection-public';
import { EMPTY_CATALOG } from '../../../shared/schemas/catalog';
import {
  applyImportInputSchema,
  previewImportInputSchema,
  type ExportDocument,
  type ExportedTenant,
  type ImportPreview,
  type ImportResult,
  type ImportTenantPreview,
} from '../../../shared/schemas/export-document';
import { SINGLETON_DEFINITIONS, type SingletonKind } from '../../../shared/schemas/settings-document';
import { TAG_LIMITS } from '../../../shared/schemas/tags';
import { secretFieldsOf } from '../../../shared/validation/api-connection-secrets';
import { renderIssueMessageEn } from '../../../shared/validation/messages-en';
import { API_CONNECTION_KIND } from '../documents/document-store';
import { readPublicPart } from '../api-connections/api-connection-rows';
import type { CatalogService } from '../catalog/catalog-service';
import type { Clock } from '../clock';
import type { EventBus } from '../events/event-bus';
import { parseOrThrow } from '../validation/invalid-input';
import { mapReferencesByName } from '../apply/reference-mapping';
import type { BatchStore } from '../apply/batch-store';
import type { DraftRow, DraftRows, RevisionMeta } from '../documents/document-store';
import type { TagService } from '../tags/tag-service';
import { readExportFile } from './read-export-file';
import { LEGACY_DEFAULT_BACKEND_KIND, type BackendKind } from '../../../shared/schemas/backend-kind';
import type { TenantStore } from '../tenants/tenant-store';

export interface ImportDeps {
  db: Database.Database;
  events: EventBus;
  clock: Clock;
  tenants: TenantStore;
  tags: TagService;
  drafts: DraftRows;
  catalog: CatalogService;
  batches: BatchStore;
}

const KIND_LABEL: Record<SingletonKind, string> = { ai_response: 'AI Response', idle_action: 'Idle Action' };
/** Previews kept for 'transfer.applyImport' {previewId}: few (files can be large) and not for long. */
const PREVIEWS_MAX = 3;
const PREVIEW_TTL_MS = 30 * 60_000;

interface SingletonWrite {
  kind: SingletonKind;
  existing: DraftRow | null;
  json: string;
}
interface ConnectionWrite {
  existing: DraftRow | null;
  next: ApiConnectionPublic;
}
interface TenantPlan {
  preview: ImportTenantPreview;
  file: ExportedTenant;
  urlChanged: boolean;
  /** The tenant's backend (URL or kind) changes: its session ends. */
  backendChanged: boolean;
  kind: BackendKind;
  /** The tenant had a backend, so its session (if any) ends. */
  signsOut: boolean;
  newTags: string[];
  singletons: SingletonWrite[];
  connections: ConnectionWrite[];
}

/**
 * Import: the whole file is validated first (readExportFile); the preview says what
 * would be created or changed per tenant (matched by name, ignoring case); applying writes it all
 * as drafts in one transaction (revisions 'import', one batch). Secret values are never in a file:
 * new connections get none (the warnings say which to re-enter); existing ones keep their own.
 */
export class ImportService {
  private readonly previews = new Map<string, { document: ExportDocument; at: number }>();

  constructor(private readonly deps: ImportDeps) {}

  preview(input: { text: string }): ImportPreview {
    const { text } = parseOrThrow(previewImportInputSchema, input);
    const document = readExportFile(text);
    const plans = this.plan(document);
    const previewId = randomUUID();
    this.remember(previewId, document);
    const counts = { create: 0, update: 0, unchanged: 0 };
    for (const plan of plans) counts[plan.preview.action]++;
    return { previewId, tenants: plans.map((plan) => plan.preview), counts };
  }

  apply(input: { previewId: string } | { text: string }): ImportResult {
    const parsed = parseOrThrow(applyImportInputSchema, input);
    const document = 'text' in parsed ? readExportFile(parsed.text) : this.recall(parsed.previewId);
    const result: ImportResult = { batchId: null, created: [], updated: [], unchanged: 0 };
    const now = this.deps.clock();
    this.deps.db.transaction(() => {
      // Planned again inside the transaction: the store may have changed since the preview.
      const plans = this.plan(document);
      const changing = plans.filter((plan) => plan.preview.action !== 'unchanged');
      result.unchanged = plans.length - changing.length;
      if (changing.length === 0) return;
      const batchId = this.deps.batches.create('import', `Import of ${changing.length} tenant${changing.length === 1 ? '' : 's'}`, now);
      const meta: RevisionMeta = { source: 'import', note: 'Imported from a file', batchId };
      for (const plan of changing) {
        const tenantId = this.writeTenant(plan, now);
        for (const write of plan.singletons) this.writeDocument(batchId, tenantId, write.kind, write.existing, write.json, write.existing?.vault_owner ?? null, now, meta);
        for (const write of plan.connections) {
          const owner = write.existing && secretFieldsOf(write.next).length > 0 ? write.existing.vault_owner : null;
          this.writeDocument(batchId, tenantId, API_CONNECTION_KIND, write.existing, JSON.stringify(write.next), owner, now, meta);
        }
        (plan.preview.action === 'create' ? result.created : result.updated).push(tenantId);
        if (plan.signsOut) (result.signedOut ??= []).push(tenantId);
      }
      result.batchId = batchId;
    })();
    if (result.batchId) this.deps.events.tenantChanged(null);
    return result;
  }

  private writeTenant(plan: TenantPlan, now: number): string {
    let tenantId = plan.preview.tenantId;
    if (tenantId === null) tenantId = this.deps.tenants.insert(plan.file.name, plan.file.backendUrl, now, undefined, { kind: plan.kind, requestsPerMinute: null });
    else if (plan.backendChanged) this.deps.tenants.setBackend(tenantId, plan.file.backendUrl, plan.kind, now);
    this.deps.tags.setTags(tenantId, plan.newTags);
    return tenantId;
  }

  private writeDocument(batchId: string, tenantId: string, kind: string, existing: DraftRow | null, json: string, owner: string | null, now: number, meta: RevisionMeta): void {
    const documentId = existing ? existing.id : this.deps.drafts.insert(tenantId, kind, json, owner, now, meta);
    if (existing) this.deps.drafts.update(existing, json, owner, now, meta);
    this.deps.batches.addItem({
      batch_id: batchId,
      document_id: documentId,
      tenant_id: tenantId,
      kind,
      before_json: existing?.draft_json ?? null,
      before_dirty: existing?.dirty ?? null,
      before_vault_owner: existing?.vault_owner ?? null,
      after_json: json,
      after_vault_owner: owner,
    });
  }

  private plan(document: ExportDocument): TenantPlan[] {
    return document.tenants.map((file, index) => this.planTenant(file, index));
  }

  private planTenant(file: ExportedTenant, index: number): TenantPlan {
    const existing = this.deps.tenants.byName(file.name) ?? null;
    const tenantId = existing?.id ?? null;
    const warnings: string[] = [];
    const changes: ImportTenantPreview['changes'] = [];
    const currentTags = tenantId ? this.deps.tags.tagsOf(tenantId) : [];
    let newTags = file.tags.filter((tag) => !currentTags.includes(tag));
    const room = TAG_LIMITS.tagsPerTenantMax - currentTags.length;
    if (newTags.length > room) {
      warnings.push(`Tags ${newTags.slice(Math.max(0, room)).join(', ')} are left out: a tenant can have at most ${TAG_LIMITS.tagsPerTenantMax} tags.`);
      newTags = newTags.slice(0, Math.max(0, room));
    }
    const urlChanged = existing !== null && existing.backend_url !== file.backendUrl;
    const kind = file.backendKind ?? existing?.backend_kind ?? LEGACY_DEFAULT_BACKEND_KIND;
    const kindChanged = existing !== null && existing.backend_kind !== kind;
    const backendChanged = urlChanged || kindChanged;
    // A tenant without a URL never signed in anywhere: nothing to end.
    const signsOut = backendChanged && existing !== null && existing.backend_url !== null;
    if (urlChanged && signsOut) warnings.push(`Backend URL changes: ${existing.backend_url ?? '(none)'} → ${file.backendUrl ?? '(none)'}; this tenant will be signed out.`);
    else if (kindChanged && signsOut) warnings.push(`Connection kind changes: ${existing.backend_kind} → ${kind}; this tenant will be signed out.`);
    if (!existing) changes.push({ area: 'tenant', label: file.name, action: 'create', fields: ['/name', '/backendUrl', ...(file.tags.length ? ['/tags'] : [])] });
    else if (backendChanged || newTags.length > 0) changes.push({ area: 'tenant', label: file.name, action: 'update', fields: [...(urlChanged ? ['/backendUrl'] : []), ...(kindChanged ? ['/backendKind'] : []), ...(newTags.length ? ['/tags'] : [])] });

    const catalog = tenantId ? this.deps.catalog.get(tenantId) : EMPTY_CATALOG;
    const singletons: SingletonWrite[] = [];
    for (const [kind, value] of [['ai_response', file.aiResponse], ['idle_action', file.idleAction]] as const) {
      if (value === null) continue;
      const mapped = mapReferencesByName(kind, value, (list, id) => file.referenceNames[list][id] ?? null, catalog);
      for (const problem of mapped.problems) warnings.push(`${KIND_LABEL[kind]}: ${renderIssueMessageEn(problem.message)}`);
      const row = tenantId ? (this.deps.drafts.singleton(tenantId, kind) ?? null) : null;
      const current: unknown = row ? JSON.parse(row.draft_json) : SINGLETON_DEFINITIONS[kind].defaults;
      const diff = fieldDiff(current, mapped.value);
      if (diff.length === 0 && row) continue;
      singletons.push({ kind, existing: row, json: JSON.stringify(mapped.value) });
      changes.push({ area: kind, label: KIND_LABEL[kind], action: row ? 'update' : 'create', fields: diff.map((change) => change.pointer) });
    }

    const rows = tenantId ? this.deps.drafts.ofKind(tenantId, API_CONNECTION_KIND).filter((row) => row.deleted === 0) : [];
    const connections: ConnectionWrite[] = [];
    for (const connection of file.apiConnections) {
      const row = rows.find((candidate) => readPublicPart(candidate.draft_json, candidate).code.toLowerCase() === connection.code.toLowerCase()) ?? null;
      const current = row ? readPublicPart(row.draft_json, row) : null;
      const next = current
        ? { ...connection, settingsKeys: current.settingsKeys, headers: current.headers, token: current.token }
        : { ...connection, settingsKeys: null, headers: connection.headers ? connection.headers.map((h) => ({ name: h.name, set: false })) : null, token: null };
      const label = `${connection.name} (${connection.code})`;
      const fileSecrets = secretFieldsOf(connection);
      if (!current && (fileSecrets.length > 0 || connection.token || connection.settingsKeys)) {
        warnings.push(`API connection ${label}: Settings, Headers values and Token are not in the file; enter them in this tenant.`);
      } else if (current && secretFieldsOf(current).join('\n') !== fileSecrets.join('\n')) {
        warnings.push(`API connection ${label}: this tenant keeps its own Settings, Headers and Token (the file's differ).`);
      }
      const diff = fieldDiff(current ?? {}, next);
      if (diff.length === 0 && row) continue;
      connections.push({ existing: row, next });
      changes.push({ area: 'api_connection', label, action: row ? 'update' : 'create', fields: diff.map((change) => change.pointer) });
    }
    const action = !existing ? 'create' : changes.length > 0 ? 'update' : 'unchanged';
    return { preview: { index, name: file.name, action, tenantId, changes, warnings }, file, urlChanged, backendChanged, kind, signsOut, newTags, singletons, connections };
  }

  private remember(previewId: string, document: ExportDocument): void {
    const now = Date.now();
    for (const [id, entry] of this.previews) if (now - entry.at > PREVIEW_TTL_MS) this.previews.delete(id);
    while (this.previews.size >= PREVIEWS_MAX) this.previews.delete(this.previews.keys().next().value!);
    this.previews.set(previewId, { document, at: now });
  }

  private recall(previewId: string): ExportDocument {
    const entry = this.previews.get(previewId);
    if (!entry || Date.now() - entry.at > PREVIEW_TTL_MS) {
      throw new RpcError('NOT_FOUND', renderIssueMessageEn('transfer.preview.expired'), [{ path: ['previewId'], message: 'transfer.preview.expired' }]);
    }
    return entry.document;
  }
}
