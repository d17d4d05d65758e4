import type { TenantListInput, TenantListPageInput } from '../../../shared/schemas/tenant-list';
import { parseTenantSort, TENANT_SORT_STORAGE_KEY, type TenantSort } from './tenant-sort';

/** Rows in the list's first screen: a tall window shows about 25; the rest follows in the whole list. */
export const FIRST_SCREEN_ROWS = 50;

/** The sort the list shows, as remembered on this computer (the sort store reads the same). */
export function storedTenantSort(): TenantSort {
  try {
    return parseTenantSort(window.localStorage.getItem(TENANT_SORT_STORAGE_KEY));
  } catch {
    return parseTenantSort(null);
  }
}

/**
 * The first screen of a list: the same search and filters, sorted as shown. Built in one place so
 * that the call sent before the app loaded (boot) and the store's own are the same call.
 */
export function firstPageInput(input: TenantListInput, sort: TenantSort): TenantListPageInput {
  return { ...input, sort: { key: sort.key, direction: sort.direction }, limit: FIRST_SCREEN_ROWS };
}
