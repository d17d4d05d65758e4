import { defineStore } from 'pinia';
import type { CrmCatalogView, DealSetting } from '../../../shared/schemas/crm';
import type { DealSettingDocument } from '../../../shared/schemas/deal-setting-document';

export interface CrmTenantState {
  catalog: CrmCatalogView;
  dealSettings: DealSettingDocument[];
}

/**
 * CRM Integration per tenant: the cached CRM catalog and the deal settings, as the core has them.
 * Every change goes through the core (which validates it) and the answer replaces the row here.
 */
export const useCrmStore = defineStore('crmStore', {
  state: () => ({ byTenant: {} as Record<string, CrmTenantState> }),
  actions: {
    async hydrate(tenantId: string): Promise<CrmTenantState> {
      const [catalog, dealSettings] = await Promise.all([this.rpc.call('crm.catalog', { tenantId }), this.rpc.call('dealSettings.list', { tenantId })]);
      this.byTenant[tenantId] = { catalog, dealSettings };
      return this.byTenant[tenantId];
    },

    /** Refetches a tenant this session shows (another window or a sync changed it). */
    async refresh(tenantId: string): Promise<void> {
      if (this.byTenant[tenantId]) await this.hydrate(tenantId);
    },

    /** Names a bot response as the web app shows it (for a backend that lists none); the catalog comes back with it. */
    async addLocalBotResponse(tenantId: string, name: string): Promise<void> {
      const catalog = await this.rpc.call('crm.addLocalBotResponse', { tenantId, name });
      const current = this.byTenant[tenantId];
      if (current) this.byTenant[tenantId] = { ...current, catalog };
    },

    async create(tenantId: string, draft: DealSetting): Promise<DealSettingDocument> {
      return this.keep(tenantId, await this.rpc.call('dealSettings.create', { tenantId, draft }));
    },

    async update(tenantId: string, id: string, draft: DealSetting): Promise<DealSettingDocument> {
      return this.keep(tenantId, await this.rpc.call('dealSettings.update', { tenantId, id, draft }));
    },

    async remove(tenantId: string, id: string): Promise<DealSettingDocument> {
      return this.keep(tenantId, await this.rpc.call('dealSettings.delete', { tenantId, id }));
    },

    async undoDelete(tenantId: string, id: string): Promise<DealSettingDocument> {
      return this.keep(tenantId, await this.rpc.call('dealSettings.undoDelete', { tenantId, id }));
    },

    /** Puts the core's answer in place of the row (or at the end, for a new one). */
    keep(tenantId: string, doc: DealSettingDocument): DealSettingDocument {
      const state = this.byTenant[tenantId];
      if (state) {
        const index = state.dealSettings.findIndex((item) => item.id === doc.id);
        if (index === -1) state.dealSettings.push(doc);
        else state.dealSettings.splice(index, 1, doc);
      }
      return doc;
    },

    forget(tenantId: string) {
      delete this.byTenant[tenantId];
    },

    dehydrate() {
      this.$reset();
    },
  },
});
