import { RpcError } from '../../../shared/rpc/rpc-error';
import { EXPORT_FORMAT, EXPORT_VERSION, exportInputSchema, type ExportDocument, type ExportedTenant } from '../../../shared/schemas/export-document';
import type { SingletonKind } from '../../../shared/schemas/settings-document';
import { API_CONNECTION_KIND } from '../documents/document-store';
import { parseStoredSingleton } from '../documents/stored-singleton';
import { readPublicPart } from '../api-connections/api-connection-rows';
import { LEGACY_DEFAULT_BACKEND_KIND } from '../../../shared/schemas/backend-kind';
import type { CatalogService } from '../catalog/catalog-service';
import { toIso, type Clock } from '../clock';
import { parseOrThrow } from '../validation/invalid-input';
import { referenceNamesOf } from '../apply/reference-mapping';
import type { DraftRows } from '../documents/document-store';
import type { TagService } from '../tags/tag-service';
import type { TenantStore } from '../tenants/tenant-store';

export interface ExportDeps {
  clock: Clock;
  tenants: TenantStore;
  tags: TagService;
  drafts: DraftRows;
  catalog: CatalogService;
}

/**
 * Export: the chosen tenants as one versioned JSON document. Secret values never
 * leave the keychain: API connections go as their public part (which values are set, not what).
 */
export class ExportService {
  constructor(private readonly deps: ExportDeps) {}

  /** `appVersion` is written into the file (informative). */
  export(input: { tenantIds: string[] }, appVersion = 'unknown'): { fileName: string; text: string; tenantCount: number } {
    const { tenantIds } = parseOrThrow(exportInputSchema, input);
    const unique = [...new Set(tenantIds)];
    const tenants = unique.map((id) => this.tenantOf(id));
    const now = this.deps.clock();
    const document: ExportDocument = { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: toIso(now), app: { version: appVersion.slice(0, 100) }, tenants };
    const day = toIso(now).slice(0, 10);
    const fileName = tenants.length === 1 ? `chatbot-settings-${slug(tenants[0]!.name)}-${day}.json` : `chatbot-settings-${tenants.length}-tenants-${day}.json`;
    return { fileName, text: `${JSON.stringify(document, null, 2)}\n`, tenantCount: tenants.length };
  }

  private tenantOf(tenantId: string): ExportedTenant {
    const tenant = this.deps.tenants.byId(tenantId);
    if (!tenant) throw new RpcError('NOT_FOUND', `Tenant ${tenantId} does not exist.`);
    const catalog = this.deps.catalog.get(tenantId);
    const referenceNames = { divisions: {} as Record<string, string>, agents: {} as Record<string, string> };
    const singleton = (kind: SingletonKind) => {
      const row = this.deps.drafts.singleton(tenantId, kind);
      if (!row) return null;
      const parsed = parseStoredSingleton(kind, JSON.parse(row.draft_json));
      if (!parsed.success) throw new RpcError('INTERNAL', `The saved draft of tenant “${tenant.name}” is damaged and cannot be exported.`);
      const names = referenceNamesOf(kind, parsed.data, catalog);
      Object.assign(referenceNames.divisions, names.divisions);
      Object.assign(referenceNames.agents, names.agents);
      return parsed.data;
    };
    const aiResponse = singleton('ai_response') as ExportedTenant['aiResponse'];
    const idleAction = singleton('idle_action') as ExportedTenant['idleAction'];
    const apiConnections = this.deps.drafts
      .ofKind(tenantId, API_CONNECTION_KIND)
      .filter((row) => row.deleted === 0)
      .map((row) => readPublicPart(row.draft_json, row));
    // The kind is written when it is not the one a file without it means (settings_api).
    const kind = tenant.backend_kind === LEGACY_DEFAULT_BACKEND_KIND ? {} : { backendKind: tenant.backend_kind };
    return { name: tenant.name, backendUrl: tenant.backend_url, ...kind, tags: this.deps.tags.tagsOf(tenantId), aiResponse, idleAction, referenceNames, apiConnections };
  }
}

function slug(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .toLowerCase()
      .replace(/[\s_]+/g, '-')
      .slice(0, 60) || 'tenant'
  );
}
