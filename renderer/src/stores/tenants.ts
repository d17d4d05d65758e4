import { defineStore } from 'pinia';
import type { Tenant, TenantCreateInput } from '../../../shared/schemas/tenant';
import type { TenantListInput, TenantListItem } from '../../../shared/schemas/tenant-list';

/** The list's filters besides the search text (issue #7); a filter left out does not filter. */
export type TenantFilters = Omit<TenantListInput, 'query'>;

/**
 * Tenants, Directus style: `hydrate` loads, `dehydrate` forgets. Rename and delete are applied at
 * once and rolled back when the core refuses them.
 */
export const useTenantsStore = defineStore('tenantsStore', {
  state: () => ({
    items: [] as TenantListItem[],
    /** The search the list shows. */
    query: '',
    /** The filters the list shows. */
    filters: {} as TenantFilters,
    loading: false,
    loaded: false,
    /** Tenants fetched one by one (the workspace), by id. */
    byId: {} as Record<string, Tenant>,
    /** Drops answers to searches that were overtaken by a newer one. */
    requestSeq: 0,
  }),
  actions: {
    async hydrate(nextQuery?: string, nextFilters?: TenantFilters) {
      const query = nextQuery ?? this.query;
      const filters = nextFilters ?? this.filters;
      const seq = ++this.requestSeq;
      this.query = query;
      this.filters = filters;
      this.loading = true;
      try {
        const items = await this.rpc.call('tenants.list', { ...filters, ...(query.trim() ? { query: query.trim() } : {}) });
        if (seq !== this.requestSeq) return;
        this.items = items;
        for (const tenant of items) this.byId[tenant.id] = tenant;
        this.loaded = true;
      } finally {
        if (seq === this.requestSeq) this.loading = false;
      }
    },

    async fetchOne(id: string): Promise<Tenant> {
      const tenant = await this.rpc.call('tenants.get', { id });
      this.byId[id] = tenant;
      return tenant;
    },

    async create(input: TenantCreateInput): Promise<Tenant> {
      const tenant = await this.rpc.call('tenants.create', input);
      this.byId[tenant.id] = tenant;
      await this.hydrate();
      return tenant;
    },

    async rename(id: string, name: string): Promise<Tenant> {
      const item = this.items.find((tenant) => tenant.id === id);
      const previous = item?.name;
      if (item) item.name = name.trim();
      try {
        const updated = await this.rpc.call('tenants.update', { id, name });
        this.replace(updated);
        return updated;
      } catch (error) {
        const current = this.items.find((tenant) => tenant.id === id);
        if (current && previous !== undefined) current.name = previous;
        throw error;
      }
    },

    async remove(id: string): Promise<void> {
      const index = this.items.findIndex((tenant) => tenant.id === id);
      const removed = index === -1 ? undefined : this.items.splice(index, 1)[0];
      try {
        await this.rpc.call('tenants.delete', { id });
        delete this.byId[id];
      } catch (error) {
        if (removed && !this.items.some((tenant) => tenant.id === id)) this.items.splice(Math.min(index, this.items.length), 0, removed);
        throw error;
      }
    },

    replace(tenant: Tenant) {
      this.byId[tenant.id] = tenant;
      const index = this.items.findIndex((item) => item.id === tenant.id);
      // The list's own facts (tags, states) stay until the next load.
      if (index !== -1) this.items[index] = { ...this.items[index]!, ...tenant };
    },

    dehydrate() {
      this.$reset();
    },
  },
});
