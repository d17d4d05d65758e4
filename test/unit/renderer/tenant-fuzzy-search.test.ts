import { describe, expect, it } from 'vitest';
import { fuzzyTenantSearch } from '../../../shared/logic/fuzzy-tenant-search';

/** The switcher runs the shared search in the renderer: the same module, bundled for the browser (happy-dom here). */
describe('fuzzy tenant search in the renderer', () => {
  it('runs in a browser environment and finds by name, tag and host', () => {
    expect(typeof window).toBe('object');
    const tenants = [
      { id: 'a', name: 'PT Maju Jaya', tags: ['vip'], backendUrl: 'https://chat.maju.example/api' },
      { id: 'b', name: 'Klinik Sehat', tags: ['medan'], backendUrl: 'https://service-chat.qontak.com/api/open/v1' },
    ];
    expect(fuzzyTenantSearch(tenants, 'mj jy')[0]?.tenant.id).toBe('a');
    expect(fuzzyTenantSearch(tenants, 'medan')[0]).toMatchObject({ tenant: { id: 'b' }, field: 'tags' });
    expect(fuzzyTenantSearch(tenants, 'qontak')[0]).toMatchObject({ tenant: { id: 'b' }, field: 'host' });
  });
});
