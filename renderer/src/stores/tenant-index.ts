import { markRaw } from 'vue';
import { defineStore } from 'pinia';
import type { TenantListItem } from '../../../shared/schemas/tenant-list';

/** Every tenant, unfiltered: what the Ctrl+K switcher searches and apply to many picks a source from. */
export const useTenantIndexStore = defineStore('tenantIndex', {
  state: () => ({
    /**
     * Every tenant; null until first loaded. Kept raw (not deeply reactive): the switcher's search
     * indexes it by identity, and a new array is a new index.
     */
    all: null as readonly TenantListItem[] | null,
    allSeq: 0,
  }),

  actions: {
    async loadAll(): Promise<readonly TenantListItem[]> {
      const seq = ++this.allSeq;
      const items = await this.rpc.call('tenants.list', {});
      if (seq === this.allSeq) this.all = markRaw(Object.freeze(items));
      return items;
    },

    dehydrate() {
      this.$reset();
    },
  },
});
