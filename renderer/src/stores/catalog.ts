import { defineStore } from 'pinia';
import type { CatalogView } from '../../../shared/schemas/catalog';

/** Each tenant's cached catalog (divisions, agents), as the core has it. */
export const useCatalogStore = defineStore('catalogStore', {
  state: () => ({ byTenant: {} as Record<string, CatalogView> }),
  actions: {
    async hydrate(tenantId: string): Promise<CatalogView> {
      const catalog = await this.rpc.call('catalog.get', { tenantId });
      this.byTenant[tenantId] = catalog;
      return catalog;
    },
    forget(tenantId: string) {
      delete this.byTenant[tenantId];
    },
    dehydrate() {
      this.$reset();
    },
  },
});
