import type { Division } from '../../../shared/schemas/catalog';
import type { CatalogView } from '../../../shared/schemas/catalog';
import type { BotResponse, CrmCatalogView, CrmOwner, CrmPipeline, CrmSource } from '../../../shared/schemas/crm';
import type { WireUser } from '../../../shared/wire/directory';
import type { SandboxDb } from './database';

/** The tenant's reference data the backend serves: directory, CRM catalog and bot responses. */
export const CATALOG_LISTS = ['divisions', 'users', 'pipelines', 'owners', 'sources', 'botResponses'] as const;
export type CatalogList = (typeof CATALOG_LISTS)[number];

export interface CatalogItems {
  divisions: Division;
  users: WireUser;
  pipelines: CrmPipeline;
  owners: CrmOwner;
  sources: CrmSource;
  botResponses: BotResponse;
}

export type TenantCatalog = { [L in CatalogList]: CatalogItems[L][] };

export class CatalogStore {
  constructor(private readonly db: SandboxDb) {}

  list<L extends CatalogList>(tenantId: string, list: L): CatalogItems[L][] {
    const rows = this.db
      .prepare(`SELECT data_json FROM catalog_items WHERE tenant_id = ? AND list = ? ORDER BY position`)
      .all(tenantId, list) as { data_json: string }[];
    return rows.map((row) => JSON.parse(row.data_json) as CatalogItems[L]);
  }

  all(tenantId: string): TenantCatalog {
    return Object.fromEntries(CATALOG_LISTS.map((list) => [list, this.list(tenantId, list)])) as TenantCatalog;
  }

  replace<L extends CatalogList>(tenantId: string, list: L, items: readonly CatalogItems[L][]): void {
    this.db.transaction(() => {
      this.db.prepare(`DELETE FROM catalog_items WHERE tenant_id = ? AND list = ?`).run(tenantId, list);
      const insert = this.db.prepare(`INSERT INTO catalog_items (tenant_id, list, id, position, data_json) VALUES (?, ?, ?, ?, ?)`);
      items.forEach((item, position) => insert.run(tenantId, list, item.id, position, JSON.stringify(item)));
    })();
  }

  remove(tenantId: string, list: CatalogList, id: string): boolean {
    return this.db.prepare(`DELETE FROM catalog_items WHERE tenant_id = ? AND list = ? AND id = ?`).run(tenantId, list, id).changes > 0;
  }

  /** Removes one stage from whichever pipeline lists it. */
  removeStage(tenantId: string, stageId: string): boolean {
    const pipelines = this.list(tenantId, 'pipelines');
    const owner = pipelines.find((pipeline) => pipeline.stages.some((stage) => stage.id === stageId));
    if (!owner) return false;
    owner.stages = owner.stages.filter((stage) => stage.id !== stageId);
    this.replace(tenantId, 'pipelines', pipelines);
    return true;
  }

  /** Agents and divisions as the shared reference check reads them (the backend forgets removed ones). */
  directoryView(tenantId: string): CatalogView {
    const agents = this.list(tenantId, 'users')
      .filter((user) => user.role === 'agent')
      .map(({ role: _role, ...agent }) => ({ ...agent, removed: false }));
    return { divisions: this.list(tenantId, 'divisions').map((d) => ({ ...d, removed: false })), agents, fetchedAt: null };
  }

  crmView(tenantId: string, connected: boolean): CrmCatalogView {
    const pipelines = this.list(tenantId, 'pipelines');
    const current = <T>(items: T[]) => items.map((item) => ({ ...item, removed: false }));
    return {
      connected,
      pipelines: current(pipelines.map(({ id, name }) => ({ id, name }))),
      stages: current(pipelines.flatMap((pipeline) => pipeline.stages)),
      owners: current(this.list(tenantId, 'owners')),
      sources: current(this.list(tenantId, 'sources')),
      botResponses: current(this.list(tenantId, 'botResponses')),
      fetchedAt: null,
    };
  }
}
