import type { TenantListItem } from '../../../shared/schemas/tenant-list';

/** The tenant list's sort: by name, by last publish or by unpublished changes, either way. */
export const TENANT_SORT_KEYS = ['name', 'published', 'unpublished'] as const;
export type TenantSortKey = (typeof TENANT_SORT_KEYS)[number];
export type SortDirection = 'asc' | 'desc';
export interface TenantSort {
  key: TenantSortKey;
  direction: SortDirection;
}

export const DEFAULT_TENANT_SORT: TenantSort = { key: 'name', direction: 'asc' };
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

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function byName(a: TenantListItem, b: TenantListItem): number {
  return collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function primary(key: TenantSortKey, a: TenantListItem, b: TenantListItem): number {
  switch (key) {
    case 'name':
      return byName(a, b);
    case 'published':
      // ISO timestamps order as text; never published counts as the oldest.
      return (a.lastPublishedAt ?? '').localeCompare(b.lastPublishedAt ?? '');
    case 'unpublished':
      return a.unpublishedCount - b.unpublishedCount;
  }
}

/**
 * The list in the chosen order (a new array; the input is not changed). Ties fall back to the name,
 * always A→Z, so that the order is stable and predictable.
 */
export function sortTenants(items: readonly TenantListItem[], sort: TenantSort): TenantListItem[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...items].sort((a, b) => sign * primary(sort.key, a, b) || byName(a, b));
}
