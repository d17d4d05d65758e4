import { describe, expect, it } from 'vitest';
import type { TenantListItem } from '../../../shared/schemas/tenant-list';
import { nextSort, parseTenantSort, sortTenants, DEFAULT_TENANT_SORT } from '../../../renderer/src/lib/tenant-sort';
import { initialThemeChoice, resolveTheme } from '../../../renderer/src/lib/theme';

function tenant(name: string, lastPublishedAt: string | null, unpublishedCount: number): TenantListItem {
  return {
    id: `id-${name}`,
    name,
    backendUrl: null,
    backendKind: 'settings_api',
    requestsPerMinute: null,
    publishing: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    tags: [],
    issueCount: 0,
    conflictCount: 0,
    signedIn: false,
    online: null,
    lastPublishedAt,
    unpublishedCount,
  };
}

const items = [tenant('toko 10', null, 2), tenant('Toko 9', '2026-02-01T00:00:00.000Z', 0), tenant('apotek', '2026-03-01T00:00:00.000Z', 2)];
const names = (list: TenantListItem[]) => list.map((item) => item.name);

describe('the tenant list’s sort', () => {
  it('sorts by name (ignoring case, numbers as numbers), last publish and unpublished changes, ties by name', () => {
    expect(names(sortTenants(items, { key: 'name', direction: 'asc' }))).toEqual(['apotek', 'Toko 9', 'toko 10']);
    expect(names(sortTenants(items, { key: 'name', direction: 'desc' }))).toEqual(['toko 10', 'Toko 9', 'apotek']);
    expect(names(sortTenants(items, { key: 'published', direction: 'desc' }))).toEqual(['apotek', 'Toko 9', 'toko 10']);
    expect(names(sortTenants(items, { key: 'unpublished', direction: 'desc' }))).toEqual(['apotek', 'toko 10', 'Toko 9']);
    expect(names(items)).toEqual(['toko 10', 'Toko 9', 'apotek']); // the input is not changed
  });

  it('reverses the sorted column, starts another with its own direction, and reads only what it wrote', () => {
    expect(nextSort(DEFAULT_TENANT_SORT, 'name')).toEqual({ key: 'name', direction: 'desc' });
    expect(nextSort(DEFAULT_TENANT_SORT, 'published')).toEqual({ key: 'published', direction: 'desc' });
    expect(parseTenantSort(JSON.stringify({ key: 'unpublished', direction: 'asc' }))).toEqual({ key: 'unpublished', direction: 'asc' });
    for (const bad of [null, '', 'name', '{"key":"size","direction":"asc"}', '{"key":"name","direction":"up"}', 'null']) {
      expect(parseTenantSort(bad)).toEqual(DEFAULT_TENANT_SORT);
    }
  });
});

describe('the theme', () => {
  it('follows the system unless Light or Dark was chosen, and ignores a stored value it did not write', () => {
    expect(initialThemeChoice(null)).toBe('system');
    expect(initialThemeChoice('sepia')).toBe('system');
    expect(initialThemeChoice('dark')).toBe('dark');
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });
});
