import { userInfo } from 'node:os';
import type Database from 'better-sqlite3';
import { buildChangeSheet, type ApiConnectionInput, type HoldBack, type ListDocumentInput } from '../../../shared/change-sheet/build-change-sheet';
import { presentSecretSections } from '../../../shared/change-sheet/collection-fields';
import type { ChangeSheet, SecretSection, SheetCatalog, SheetStamp } from '../../../shared/change-sheet/change-sheet';
import type { SheetNames } from '../../../shared/change-sheet/sheet-values';
import { RpcError } from '../../../shared/rpc/rpc-error';
import { aiResponseSchema, type AiResponse } from '../../../shared/schemas/ai-response';
import type { ApiConnectionPublic } from '../../../shared/schemas/api-connection-public';
import type { DealSetting } from '../../../shared/schemas/crm';
import { idleActionSchema, type IdleAction } from '../../../shared/schemas/idle-action';
import { SINGLETON_DEFINITIONS } from '../../../shared/schemas/settings-document';
import type { TenantPlan } from '../../../shared/schemas/sync';
import { readPublicPart } from '../api-connections/api-connection-rows';
import { loadApiConnection } from '../api-connections/connection-secrets';
import type { CatalogService } from '../catalog/catalog-service';
import { toIso, type Clock } from '../clock';
import type { CrmCatalogService } from '../crm/crm-catalog-service';
import { readDealSetting } from '../crm/deal-setting-rows';
import { API_CONNECTION_KIND, DEAL_SETTING_KIND, type DraftRow, type DraftRows } from '../documents/document-store';
import type { EventBus } from '../events/event-bus';
import type { TenantService } from '../tenants/tenant-service';
import type { SerialQueue } from '../vault/serial-queue';
import type { Vault } from '../vault/vault';
import type { Clipboard } from './clipboard';
import { pdfUnavailable, type SheetPdf } from './sheet-pdf';

export interface ChangeSheetServiceDeps {
  db: Database.Database;
  events: EventBus;
  clock: Clock;
  tenants: Pick<TenantService, 'get'>;
  drafts: DraftRows;
  catalog: Pick<CatalogService, 'get'>;
  crmCatalog: Pick<CrmCatalogService, 'get'>;
  /** The publish plan: which documents are held back (invalid, conflict), exactly as for publishing. */
  plan: (tenantIds: readonly string[]) => TenantPlan[];
  vault: Vault;
  vaultQueue: SerialQueue;
  clipboard: Clipboard;
  /** The shell's PDF maker, or null where there is none (the headless host). */
  pdf: SheetPdf | null;
  /** Who marks a sheet as applied (default: the OS user name). */
  who?: () => string;
}

/** Seconds a copied secret stays on the clipboard (cleared then if it is still there). */
export const SECRET_CLIPBOARD_SECONDS = 30;

/**
 * Publishing by hand for a tenant whose backend offers no settings writes: the change sheet of
 * each tenant (shared/change-sheet/buildChangeSheet over its documents and catalogs: only what
 * differs from the last applied state, names instead of ids, held back as a publish would),
 * `Copy` of a secret section straight from the keychain to the clipboard (never to the
 * renderer), and `Mark as applied`: the sheet's drafts become the bases, with a revision
 * "applied by hand" saying who and when.
 */
export class ChangeSheetService {
  constructor(private readonly deps: ChangeSheetServiceDeps) {}

  get(tenantIds: readonly string[]): ChangeSheet[] {
    const plans = new Map(this.deps.plan(tenantIds).map((plan) => [plan.tenantId, plan]));
    return tenantIds.map((tenantId) => this.sheetOf(tenantId, plans.get(tenantId)));
  }

  private sheetOf(tenantId: string, plan: TenantPlan | undefined): ChangeSheet {
    const tenant = this.deps.tenants.get(tenantId);
    const holdBack = (documentId: string): HoldBack => {
      const status = plan?.entries.find((entry) => entry.documentId === documentId)?.status;
      return status === 'invalid' || status === 'conflict' ? status : null;
    };
    const stampOf = (row: DraftRow) => {
      const stamp = this.deps.drafts.stamp(row.id);
      return stamp ? toIso(stamp.updated_at) : null;
    };
    const singleton = <V>(kind: 'ai_response' | 'idle_action', parse: (value: unknown) => V | null) => {
      const row = this.deps.drafts.singleton(tenantId, kind);
      if (!row) return null;
      const draft = parse(safeJson(row.draft_json)) ?? (SINGLETON_DEFINITIONS[kind].defaults as V);
      return { documentId: row.id, base: row.base_json === null ? null : parse(safeJson(row.base_json)), draft, updatedAt: stampOf(row), holdBack: holdBack(row.id) };
    };
    const ai = singleton<AiResponse>('ai_response', (value) => parsed(aiResponseSchema, value));
    const idle = singleton<IdleAction>('idle_action', (value) => parsed(idleActionSchema, value));

    const connections: ApiConnectionInput[] = this.deps.drafts.ofKind(tenantId, API_CONNECTION_KIND).map((row) => {
      const draft = readPublicPart(row.draft_json, row);
      const base: ApiConnectionPublic | null = row.base_json === null ? null : readPublicPart(row.base_json, row);
      const changedSecrets: SecretSection[] = base !== null && row.vault_owner !== row.base_vault_owner ? presentSecretSections(draft) : [];
      return { documentId: row.id, base, draft, updatedAt: stampOf(row), holdBack: holdBack(row.id), deleted: row.deleted === 1, changedSecrets };
    });
    const deals: Array<ListDocumentInput<DealSetting>> = this.deps.drafts.ofKind(tenantId, DEAL_SETTING_KIND).map((row) => ({
      documentId: row.id,
      base: row.base_json === null ? null : readDealSetting(row.base_json, row),
      draft: readDealSetting(row.draft_json, row),
      updatedAt: stampOf(row),
      holdBack: holdBack(row.id),
      deleted: row.deleted === 1,
    }));

    const sheet = buildChangeSheet({
      tenantId,
      tenantName: tenant.name,
      generatedAt: toIso(this.deps.clock()),
      names: this.namesOf(tenantId),
      aiResponse: ai ?? untouched(SINGLETON_DEFINITIONS.ai_response.defaults as AiResponse),
      idleAction: idle ?? untouched(SINGLETON_DEFINITIONS.idle_action.defaults as IdleAction),
      apiConnections: connections,
      dealSettings: deals,
    });
    return sheet;
  }

  private namesOf(tenantId: string): SheetNames {
    const catalog = this.deps.catalog.get(tenantId);
    const crm = this.deps.crmCatalog.get(tenantId);
    const lookup = (entries: ReadonlyArray<{ id: string; name: string }>) => {
      const byId = new Map(entries.map((entry) => [entry.id, entry.name]));
      return (id: string) => byId.get(id) ?? null;
    };
    const names: Record<SheetCatalog, (id: string) => string | null> = {
      division: lookup(catalog.divisions),
      agent: lookup(catalog.agents.map((agent) => ({ id: agent.id, name: agent.name }))),
      pipeline: lookup(crm.pipelines),
      stage: lookup(crm.stages),
      owner: lookup(crm.owners),
      source: lookup(crm.sources),
      botResponse: lookup(crm.botResponses),
    };
    return names;
  }

  /**
   * `Mark as applied`: refused (CONFLICT) when a draft changed since the sheet was made; else each
   * document's draft becomes its base (a deleted one is removed), with a revision "applied by
   * hand" naming who, in one transaction.
   */
  markApplied(input: { tenantId: string; stamps: readonly SheetStamp[] }): { applied: number } {
    this.deps.tenants.get(input.tenantId);
    const who = (this.deps.who ?? defaultWho)();
    const now = this.deps.clock();
    this.deps.db.transaction(() => {
      for (const stamp of input.stamps) {
        const current = this.deps.drafts.stamp(stamp.documentId);
        if (!current || current.tenant_id !== input.tenantId) throw new RpcError('NOT_FOUND', 'A document of this change sheet no longer exists: make the sheet again.');
        if (stamp.updatedAt !== null && toIso(current.updated_at) !== stamp.updatedAt) {
          throw new RpcError('CONFLICT', 'A draft changed after this change sheet was made: nothing was marked as applied. Make the sheet again and apply the new changes.');
        }
      }
      for (const stamp of input.stamps) {
        const row = this.deps.drafts.byId(stamp.documentId)!;
        if (row.deleted === 1) {
          this.deps.drafts.remove(row.id);
          continue;
        }
        this.deps.drafts.markApplied(row.id);
        this.deps.drafts.revision(row.id, row.draft_json, now, { source: 'applied_by_hand', note: `Applied by hand in the web app by ${who}`, batchId: null });
      }
    })();
    this.deps.events.tenantChanged(input.tenantId);
    return { applied: input.stamps.length };
  }

  /**
   * `Copy` on a secret line: the section's value goes from the keychain to the system clipboard
   * (cleared after SECRET_CLIPBOARD_SECONDS if unchanged), never to the renderer.
   */
  async copySecret(input: { tenantId: string; documentId: string; section: SecretSection }): Promise<{ copied: true; clearsAfterSeconds: number }> {
    const row = this.deps.drafts.byId(input.documentId);
    if (!row || row.tenant_id !== input.tenantId || row.kind !== API_CONNECTION_KIND) throw new RpcError('NOT_FOUND', 'This API connection does not exist.');
    const publicPart = readPublicPart(row.draft_json, row);
    const connection = await this.deps.vaultQueue.run(() => loadApiConnection(this.deps.vault, input.tenantId, row.vault_owner, publicPart));
    const value = connection[input.section];
    if (value === null || value === undefined) throw new RpcError('NOT_FOUND', `This API connection has no ${input.section} to copy.`);
    await this.deps.clipboard.writeSecret(JSON.stringify(value, null, 2), SECRET_CLIPBOARD_SECONDS * 1000);
    return { copied: true, clearsAfterSeconds: SECRET_CLIPBOARD_SECONDS };
  }

  /** Whether this shell saves sheets as PDF. */
  pdfSupport(): { available: boolean } {
    return { available: this.deps.pdf !== null };
  }

  /** The sheet's standalone HTML (as `Save as HTML` writes it) to a PDF where the user chooses; null path when cancelled. */
  async savePdf(input: { html: string; fileName: string }): Promise<{ path: string | null }> {
    if (!this.deps.pdf) throw pdfUnavailable();
    return { path: await this.deps.pdf.save(input.html, input.fileName) };
  }
}

/** A tenant that never saved this document: its defaults, nothing to change (draft = base, so no step). */
function untouched<V>(defaults: V) {
  return { documentId: '00000000-0000-4000-8000-000000000000', base: defaults, draft: defaults, updatedAt: null, holdBack: null };
}

function defaultWho(): string {
  try {
    return userInfo().username || 'this computer’s user';
  } catch {
    return 'this computer’s user';
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function parsed<V>(schema: { safeParse(value: unknown): { success: boolean; data?: V } }, value: unknown): V | null {
  const result = schema.safeParse(value);
  return result.success ? (result.data as V) : null;
}
