/**
 * The tenant list's orders, one function for both sides: the core sorts the first screen it sends
 * and the renderer sorts the whole list the same way, so the rows painted first stay where they are.
 */
export const TENANT_SORT_KEYS = ['name', 'published', 'unpublished'] as const;
export type TenantSortKey = (typeof TENANT_SORT_KEYS)[number];
export type SortDirection = 'asc' | 'desc';
export interface TenantSort {
  key: TenantSortKey;
  direction: SortDirection;
}

export const DEFAULT_TENANT_SORT: TenantSort = { key: 'name', direction: 'asc' };

/**
 * A fixed locale: the core (Node) and the renderer (Chromium) must compare names alike. Made at the
 * first comparison: building a collator loads the locale's collation data (tens of milliseconds in
 * a fresh page), which the renderer's first request must not wait for.
 */
let collator: Intl.Collator | undefined;
function nameCollator(): Intl.Collator {
  return (collator ??= new Intl.Collator('en', { sensitivity: 'base', numeric: true }));
}

/** Makes the collator now (a caller with time to spare), so that the first sort does not pay for it. */
export function prepareTenantOrder(): void {
  nameCollator();
}

/** What the orders read of a tenant in the list. */
interface Sortable {
  id: string;
  name: string;
  lastPublishedAt: string | null;
  unpublishedCount: number;
}

function byName(a: Sortable, b: Sortable): number {
  return nameCollator().compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function primary(key: TenantSortKey, a: Sortable, b: Sortable): number {
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
export function sortTenants<T extends Sortable>(items: readonly T[], sort: TenantSort): T[] {
  return [...items].sort(tenantComparator(sort));
}

/** The comparison `sortTenants` sorts by. */
export function tenantComparator(sort: TenantSort): (a: Sortable, b: Sortable) => number {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return (a, b) => sign * primary(sort.key, a, b) || byName(a, b);
}

/**
 * The first `count` tenants of `sortTenants(items, sort)`, without sorting them all: one pass that
 * keeps the best so far (a first screen of ten thousand tenants compares each about once).
 */
export function firstTenants<T extends Sortable>(items: Iterable<T>, sort: TenantSort, count: number): T[] {
  const compare = tenantComparator(sort);
  const best: T[] = [];
  if (count <= 0) return best;
  for (const item of items) {
    if (best.length === count && compare(item, best[count - 1]!) >= 0) continue;
    let low = 0;
    let high = best.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compare(item, best[middle]!) < 0) high = middle;
      else low = middle + 1;
    }
    best.splice(low, 0, item);
    if (best.length > count) best.pop();
  }
  return best;
}
