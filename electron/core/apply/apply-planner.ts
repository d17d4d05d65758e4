import { fieldDiff, type FieldChange } from '../../../shared/logic/field-diff';
import { RpcError } from '../../../shared/rpc/rpc-error';
import type { ApplyTargetPreview, ApplyWhat } from '../../../shared/schemas/apply';
import type { CatalogView } from '../../../shared/schemas/catalog';
import { SINGLETON_DEFINITIONS, type SingletonKind, type ValidationIssue } from '../../../shared/schemas/settings-document';
import { renderIssueMessageEn } from '../../../shared/validation/messages-en';
import { API_CONNECTION_KIND } from '../documents/document-store';
import { readPublicPart } from '../api-connections/api-connection-rows';
import type { CatalogService } from '../catalog/catalog-service';
import type { DocumentService } from '../documents/document-service';
import { toValidationIssues } from '../validation/invalid-input';
import type { DraftRow, DraftRows } from '../documents/document-store';
import { planConnection, type ConnectionPlan } from './connection-plan';
import { mapReferencesByName, nameFromCatalog } from './reference-mapping';

const KIND_LABEL: Record<SingletonKind, string> = { ai_response: 'AI Response', idle_action: 'Idle Action' };

export interface SingletonPlan {
  kind: SingletonKind;
  existing: DraftRow | null;
  json: string;
  action: 'create' | 'update' | 'unchanged';
  changes: FieldChange[];
}

export interface TargetPlan {
  tenantId: string;
  name: string | null;
  errors: ValidationIssue[];
  singleton: SingletonPlan | null;
  connections: ConnectionPlan[];
}

export interface ApplyPlan {
  sourceTenantId: string;
  sourceName: string;
  what: ApplyWhat;
  targets: TargetPlan[];
}

export interface PlannerDeps {
  documents: DocumentService;
  catalog: CatalogService;
  drafts: DraftRows;
  tenantName: (tenantId: string) => string | null;
}

/**
 * What an apply to many would do, per target, computed from the store as it is now (preview and
 * confirm both plan afresh, so a target deleted meanwhile is an error for that target).
 */
export function planApply(deps: PlannerDeps, sourceTenantId: string, targetTenantIds: readonly string[], what: ApplyWhat): ApplyPlan {
  const sourceName = deps.tenantName(sourceTenantId);
  if (sourceName === null) throw new RpcError('NOT_FOUND', `The source tenant ${sourceTenantId} does not exist.`);
  const targets = [...new Set(targetTenantIds)];
  if (what.kind === 'api_connections') {
    const sources = sourceConnections(deps, sourceTenantId, what.connectionIds);
    return { sourceTenantId, sourceName, what, targets: targets.map((tenantId) => planTarget(deps, sourceTenantId, tenantId, (t) => connectionsFor(deps, t, sources, what.copySecrets))) };
  }
  const kind = what.kind;
  const source = deps.documents.get(sourceTenantId, kind);
  if (source.issues.length > 0) {
    const shown = source.issues.map((issue) => renderIssueMessageEn(issue.message)).join(' ');
    throw new RpcError('CONFLICT', `The source's ${KIND_LABEL[kind]} has errors: ${shown} Fix them in “${sourceName}” first.`, source.issues);
  }
  const sourceCatalog = deps.catalog.get(sourceTenantId);
  return {
    sourceTenantId,
    sourceName,
    what,
    targets: targets.map((tenantId) => planTarget(deps, sourceTenantId, tenantId, (t) => singletonFor(deps, t, kind, source.draft, sourceCatalog))),
  };
}

function planTarget(deps: PlannerDeps, sourceTenantId: string, tenantId: string, plan: (tenantId: string) => Partial<TargetPlan>): TargetPlan {
  const name = deps.tenantName(tenantId);
  const base: TargetPlan = { tenantId, name, errors: [], singleton: null, connections: [] };
  if (name === null) return { ...base, errors: [{ path: ['targetTenantIds'], message: 'tenant.notFound' }] };
  if (tenantId === sourceTenantId) return { ...base, errors: [{ path: ['targetTenantIds'], message: 'apply.target.isSource' }] };
  return { ...base, ...plan(tenantId) };
}

function singletonFor(deps: PlannerDeps, tenantId: string, kind: SingletonKind, sourceValue: unknown, sourceCatalog: CatalogView): Partial<TargetPlan> {
  const targetCatalog = deps.catalog.get(tenantId);
  const mapped = mapReferencesByName(kind, sourceValue, nameFromCatalog(sourceCatalog), targetCatalog);
  if (mapped.problems.length > 0) return { errors: mapped.problems };
  const checked = SINGLETON_DEFINITIONS[kind].schema.safeParse(mapped.value);
  if (!checked.success) return { errors: toValidationIssues(checked.error.issues) };
  const existing = deps.drafts.singleton(tenantId, kind) ?? null;
  const current: unknown = existing ? JSON.parse(existing.draft_json) : SINGLETON_DEFINITIONS[kind].defaults;
  const changes = fieldDiff(current, checked.data);
  const action = changes.length === 0 ? 'unchanged' : existing ? 'update' : 'create';
  return { singleton: { kind, existing, json: JSON.stringify(checked.data), action, changes } };
}

interface SourceConnection {
  id: string;
  publicPart: ReturnType<typeof readPublicPart>;
  vaultOwner: string | null;
}

function sourceConnections(deps: PlannerDeps, tenantId: string, ids: readonly string[]): SourceConnection[] {
  const rows = deps.drafts.ofKind(tenantId, API_CONNECTION_KIND).filter((row) => row.deleted === 0);
  return [...new Set(ids)].map((id) => {
    const row = rows.find((candidate) => candidate.id === id);
    if (!row) throw new RpcError('NOT_FOUND', `API connection ${id} is not a connection of the source tenant (or it is deleted).`);
    return { id, publicPart: readPublicPart(row.draft_json, row), vaultOwner: row.vault_owner };
  });
}

export function sourceConnectionsOf(deps: PlannerDeps, tenantId: string, ids: readonly string[]): SourceConnection[] {
  return sourceConnections(deps, tenantId, ids);
}

function connectionsFor(deps: PlannerDeps, tenantId: string, sources: readonly SourceConnection[], copySecrets: boolean): Partial<TargetPlan> {
  const rows = deps.drafts.ofKind(tenantId, API_CONNECTION_KIND);
  return { connections: sources.map((source) => planConnection(source.id, source.publicPart, rows, copySecrets)) };
}

/** The preview of one target. */
export function previewOf(target: TargetPlan): ApplyTargetPreview {
  const documents = [
    ...(target.singleton
      ? [{ kind: target.singleton.kind, label: KIND_LABEL[target.singleton.kind], action: target.singleton.action, changes: target.singleton.changes, notes: [] }]
      : []),
    ...target.connections.map((plan) => ({
      kind: 'api_connection' as const,
      label: `${plan.next.name} (${plan.next.code})`,
      action: plan.action,
      changes: plan.changes,
      notes: plan.notes,
    })),
  ];
  const status = target.errors.length > 0 ? 'error' : documents.every((doc) => doc.action === 'unchanged') ? 'unchanged' : 'ok';
  return { tenantId: target.tenantId, name: target.name, status, documents, errors: target.errors };
}
