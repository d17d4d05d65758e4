import { defineStore } from 'pinia';
import { nextSort, parseTenantSort, TENANT_SORT_STORAGE_KEY, type TenantSort, type TenantSortKey } from '../lib/tenant-sort';

function readStored(): string | null {
  try {
    return window.localStorage.getItem(TENANT_SORT_STORAGE_KEY);
  } catch {
    return null;
  }
}

/** The tenant list's sort, remembered on this computer like the language. */
export const useTenantSortStore = defineStore('tenantSort', {
  state: () => ({ sort: parseTenantSort(readStored()) as TenantSort }),
  actions: {
    /** The column's header was chosen: sort by it, or reverse it when it already sorts. */
    sortBy(key: TenantSortKey) {
      this.sort = nextSort(this.sort, key);
      try {
        window.localStorage.setItem(TENANT_SORT_STORAGE_KEY, JSON.stringify(this.sort));
      } catch {
        // Storage can be unavailable (private mode); the choice then lasts for this session.
      }
    },
  },
});
