import { DEFAULT_TENANT_SORT, TENANT_SORT_KEYS, type SortDirection, type TenantSort, type TenantSortKey } from '../../../shared/logic/tenant-order';

/** The tenant list's sort: by name, by last publish or by unpublished changes, either way (the order itself is shared with the core). */
export { DEFAULT_TENANT_SORT, sortTenants, TENANT_SORT_KEYS, type SortDirection, type TenantSort, type TenantSortKey } from '../../../shared/logic/tenant-order';

/** Where the choice is kept, like the language's (`chatbot-settings.locale`). */
export const TENANT_SORT_STORAGE_KEY = 'chatbot-settings.tenant-sort';

/** The direction a column starts with when first chosen: names A→Z, the newest publish and the most changes first. */
export function firstDirection(key: TenantSortKey): SortDirection {
  return key === 'name' ? 'asc' : 'desc';
}

/** Choosing the sorted column again reverses it; another column starts with its own first direction. */
export function nextSort(current: TenantSort, key: TenantSortKey): TenantSort {
  if (current.key === key) return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { key, direction: firstDirection(key) };
}

/** The same order. */
export function sameSort(a: TenantSort, b: TenantSort): boolean {
  return a.key === b.key && a.direction === b.direction;
}

/** A stored choice, or the default when there is none or it is not one this app writes. */
export function parseTenantSort(stored: string | null): TenantSort {
  if (!stored) return DEFAULT_TENANT_SORT;
  try {
    const value = JSON.parse(stored) as Partial<TenantSort> | null;
    if (value && (TENANT_SORT_KEYS as readonly unknown[]).includes(value.key) && (value.direction === 'asc' || value.direction === 'desc')) {
      return { key: value.key!, direction: value.direction };
    }
  } catch {
    // Not JSON: fall through to the default.
  }
  return DEFAULT_TENANT_SORT;
}
