import { describe, expect, it } from 'vitest';
import { fieldDiff } from '../../../shared/logic/field-diff';
import { backendHost, createTenantSearchIndex, fuzzyTenantSearch, searchTenantIndex } from '../../../shared/logic/fuzzy-tenant-search';
import { normaliseTag, tagSchema } from '../../../shared/schemas/tags';

const TENANTS = [
  { id: '1', name: 'PT Maju Jaya', tags: ['jakarta', 'vip'], backendUrl: 'https://chat.majujaya.example/api/open/v1' },
  { id: '2', name: 'Klinik Sehat Sentosa', tags: ['medan'], backendUrl: 'https://service-chat.qontak.com/api/open/v1' },
  { id: '3', name: 'Toko Berkah', tags: [], backendUrl: null },
  { id: '4', name: 'Koperasi Sejahtera', tags: ['surabaya'], backendUrl: 'not a url' },
];

describe('fuzzy tenant search (shared/logic/fuzzy-tenant-search)', () => {
  it('finds by name with typos of omission, by tag and by backend host, best first', () => {
    expect(fuzzyTenantSearch(TENANTS, 'klnk sht')[0]).toMatchObject({ tenant: { id: '2' }, field: 'name' });
    expect(fuzzyTenantSearch(TENANTS, 'mj jy')[0]).toMatchObject({ tenant: { id: '1' }, field: 'name' });
    expect(fuzzyTenantSearch(TENANTS, 'surabaya')[0]).toMatchObject({ tenant: { id: '4' }, field: 'tags' });
    expect(fuzzyTenantSearch(TENANTS, 'qontak.com')[0]).toMatchObject({ tenant: { id: '2' }, field: 'host' });
    expect(fuzzyTenantSearch(TENANTS, 'berkah').map((hit) => hit.tenant.id)).toEqual(['3']);
    expect(fuzzyTenantSearch(TENANTS, 'xyzzy')).toEqual([]);
  });

  it('gives the matched name positions for highlighting', () => {
    const [hit] = fuzzyTenantSearch(TENANTS, 'toko');
    expect(hit!.nameIndexes).toEqual([0, 1, 2, 3]);
  });

  it('an empty query lists the tenants in the given order, up to the limit', () => {
    expect(fuzzyTenantSearch(TENANTS, '  ', { limit: 2 }).map((hit) => hit.tenant.id)).toEqual(['1', '2']);
  });

  it('reuses the index of the same array, and a new array is searched afresh', () => {
    const list = [...TENANTS];
    expect(fuzzyTenantSearch(list, 'baru')).toEqual([]);
    const next = [...list, { id: '5', name: 'Toko Baru', tags: [], backendUrl: null }];
    expect(fuzzyTenantSearch(next, 'baru')[0]).toMatchObject({ tenant: { id: '5' } });
    const index = createTenantSearchIndex(next);
    expect(searchTenantIndex(index, 'baru', { limit: 1 })).toHaveLength(1);
  });

  it('finds the right tenant among 10,000 (speed is measured by the bench, not asserted here)', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => ({ id: String(i), name: `PT Tenant ${i} Nusantara`, tags: i % 3 ? ['jakarta'] : ['vip'], backendUrl: `https://chat-${i}.example/api` }));
    const hits = fuzzyTenantSearch(many, 'tnt 4242');
    expect(hits[0]!.tenant.name).toBe('PT Tenant 4242 Nusantara');
  });

  it('takes the host out of a backend URL, and nothing out of what is not one', () => {
    expect(backendHost('https://service-chat.qontak.com/api/open/v1')).toBe('service-chat.qontak.com');
    expect(backendHost('http://127.0.0.1:8080/x')).toBe('127.0.0.1:8080');
    expect(backendHost('not a url')).toBe('');
    expect(backendHost(null)).toBe('');
  });
});

describe('field diff (shared/logic/field-diff)', () => {
  it('lists changed leaves with before and after; arrays are one field; absent is null', () => {
    expect(fieldDiff({ a: 1, b: { c: 'x', d: [1, 2] }, e: true }, { a: 1, b: { c: 'y', d: [1, 3] }, f: 'new' })).toEqual([
      { pointer: '/b/c', path: ['b', 'c'], before: 'x', after: 'y' },
      { pointer: '/b/d', path: ['b', 'd'], before: [1, 2], after: [1, 3] },
      { pointer: '/e', path: ['e'], before: true, after: null },
      { pointer: '/f', path: ['f'], before: null, after: 'new' },
    ]);
    expect(fieldDiff({ a: { b: 1 } }, { a: { b: 1 } })).toEqual([]);
    expect(fieldDiff({ 'x/y': 1 }, { 'x/y': 2 })[0]!.pointer).toBe('/x~1y');
  });
});

describe('tags (shared/schemas/tags)', () => {
  it('normalises: NFC, trimmed, inner whitespace collapsed, lower case', () => {
    expect(normaliseTag('  Jakarta \t Selatan ')).toBe('jakarta selatan');
    expect(normaliseTag('Cafe\u0301')).toBe('café');
    expect(tagSchema.parse(' VIP ')).toBe('vip');
  });

  it('refuses empty, too long, and separator characters', () => {
    expect(tagSchema.safeParse('  ').success).toBe(false);
    expect(tagSchema.safeParse('x'.repeat(41)).success).toBe(false);
    expect(tagSchema.safeParse('x'.repeat(40)).success).toBe(true);
    for (const bad of ['a;b', 'a,b', 'a|b']) expect(tagSchema.safeParse(bad).success).toBe(false);
  });
});
