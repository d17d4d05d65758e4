import { defineStore } from 'pinia';
import type { Tenant, TenantCreateInput } from '../../../shared/schemas/tenant';
import type { TenantListInput, TenantListItem } from '../../../shared/schemas/tenant-list';

/** The list's filters besides the search text (issue #7); a filter left out does not filter. */
export type TenantFilters = Omit<TenantListInput, 'query'>;

interface ListRequest {
  key: string;
  seq: number;
  done: Promise<void>;
}
/** The list request in flight, per store (one per app, one per test): a promise is no state to make reactive. */
const listInFlight = new WeakMap<object, ListRequest>();

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
    /**
     * Loads the list for a search and filters. Before the first list arrived, asking again for
     * exactly what the latest request in flight asks joins it: the app asks for the first screen's
     * list before the page mounts (main.ts), and the page's own request must not send it twice.
     * Later loads always ask anew (something may have changed since the one in flight was sent).
     */
    async hydrate(nextQuery?: string, nextFilters?: TenantFilters) {
      const query = nextQuery ?? this.query;
      const filters = nextFilters ?? this.filters;
      const input = { ...filters, ...(query.trim() ? { query: query.trim() } : {}) };
      const key = JSON.stringify(input);
      const pending = listInFlight.get(this);
      if (!this.loaded && pending && pending.key === key && pending.seq === this.requestSeq) return pending.done;
      const seq = ++this.requestSeq;
      this.query = query;
      this.filters = filters;
      this.loading = true;
      const done = (async () => {
        try {
          const items = await this.rpc.call('tenants.list', input);
          if (seq !== this.requestSeq) return;
          this.items = items;
          for (const tenant of items) this.byId[tenant.id] = tenant;
          this.loaded = true;
        } finally {
          if (seq === this.requestSeq) this.loading = false;
          if (listInFlight.get(this)?.seq === seq) listInFlight.delete(this);
        }
      })();
      listInFlight.set(this, { key, seq, done });
      return done;
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
      listInFlight.delete(this);
      this.$reset();
    },
  },
});
