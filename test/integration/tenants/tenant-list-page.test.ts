import { describe, expect, it } from 'vitest';
import type { TenantListItem, TenantListPage } from '../../../shared/schemas/tenant-list';
import { sortTenants } from '../../../shared/logic/tenant-order';
import { catalogWith, useRpcCore } from '../../support/core/rpc-core';

/** A page of the tenant list (its first screen): the same query and filters, in the order shown. */
describe('a page of the tenant list', () => {
  const open = useRpcCore();

  it('is a slice of the whole list in the chosen order, with the count of matches and of all tenants', async () => {
    const { core, rpc } = open();
    // Numbered names: the order is the list's (numbers compare as numbers), not SQLite's.
    for (const n of [3, 12, 1, 25, 7, 100, 2]) await rpc.tenant(`Tenant ${n}`);
    // Figures on the first page's tenants: read for those tenants alone, they must be the list's.
    const early = await rpc.ok<TenantListItem[]>('tenants.list', {});
    const [one, two] = [early.find((tenant) => tenant.name === 'Tenant 1')!, early.find((tenant) => tenant.name === 'Tenant 2')!];
    core.services.tags.add({ tenantIds: [one.id], tags: ['vip', 'jakarta'] });
    core.services.catalog.replace(two.id, catalogWith('two', ['Sales'], []));
    core.services.documents.saveDraft({ tenantId: two.id, kind: 'ai_response', draft: { threshold: 5, onThreshold: 'specific_division', divisionId: 'two-div-0', agentId: null, handoverMessage: '' } });
    // The backend dropped the division since: a validation error.
    core.services.catalog.replace(two.id, catalogWith('two', [], []));
    const whole = await rpc.ok<TenantListItem[]>('tenants.list', {});

    const first = await rpc.ok<TenantListPage>('tenants.listPage', { limit: 3 });
    expect(first.items.map((tenant) => tenant.name)).toEqual(['Tenant 1', 'Tenant 2', 'Tenant 3']);
    expect([first.total, first.all]).toEqual([7, 7]);
    // The items are the list's own, field for field.
    expect(first.items).toEqual(first.items.map((item) => whole.find((tenant) => tenant.id === item.id)));
    expect(first.items[0]!.tags).toEqual(['jakarta', 'vip']);
    expect([first.items[1]!.unpublishedCount, first.items[1]!.issueCount]).toEqual([1, 1]);

    const next = await rpc.ok<TenantListPage>('tenants.listPage', { limit: 3, offset: 3 });
    expect(next.items.map((tenant) => tenant.name)).toEqual(['Tenant 7', 'Tenant 12', 'Tenant 25']);
    const end = await rpc.ok<TenantListPage>('tenants.listPage', { limit: 3, offset: 6 });
    expect(end.items.map((tenant) => tenant.name)).toEqual(['Tenant 100']);

    const reversed = await rpc.ok<TenantListPage>('tenants.listPage', { limit: 2, sort: { key: 'name', direction: 'desc' } });
    expect(reversed.items.map((tenant) => tenant.name)).toEqual(['Tenant 100', 'Tenant 25']);

    // Unpublished changes first, ties by name: the same order the renderer's sort gives.
    const tenant7 = whole.find((tenant) => tenant.name === 'Tenant 7')!;
    core.services.documents.saveDraft({ tenantId: tenant7.id, kind: 'ai_response', draft: { threshold: 5, onThreshold: 'continue_with_bot', divisionId: null, agentId: null, handoverMessage: '' } });
    const byChanges = await rpc.ok<TenantListPage>('tenants.listPage', { limit: 7, sort: { key: 'unpublished', direction: 'desc' } });
    const wholeAfter = await rpc.ok<TenantListItem[]>('tenants.list', {});
    expect(byChanges.items.slice(0, 2).map((tenant) => tenant.name)).toEqual(['Tenant 2', 'Tenant 7']);
    expect(byChanges.items.map((tenant) => tenant.id)).toEqual(sortTenants(wholeAfter, { key: 'unpublished', direction: 'desc' }).map((tenant) => tenant.id));
  });

  it('shows a tenant created, renamed or deleted since the last first screen', async () => {
    const { rpc } = open();
    const beta = await rpc.tenant('Beta');
    await rpc.tenant('Delta');
    const names = async (): Promise<string[]> => (await rpc.ok<TenantListPage>('tenants.listPage', { limit: 2 })).items.map((tenant) => tenant.name);
    expect(await names()).toEqual(['Beta', 'Delta']);
    await rpc.tenant('Alpha');
    expect(await names()).toEqual(['Alpha', 'Beta']);
    await rpc.ok('tenants.update', { id: beta.id, name: 'Zeta' });
    expect(await names()).toEqual(['Alpha', 'Delta']);
    const alpha = (await rpc.ok<TenantListPage>('tenants.listPage', { limit: 1 })).items[0]!;
    await rpc.ok('tenants.delete', { id: alpha.id });
    expect(await names()).toEqual(['Delta', 'Zeta']);
    const page = await rpc.ok<TenantListPage>('tenants.listPage', { limit: 2 });
    expect([page.total, page.all]).toEqual([2, 2]);
  });

  it('takes the same search and filters as the whole list', async () => {
    const { core, rpc } = open();
    const jakarta = await rpc.tenant('Jakarta Motors');
    await rpc.tenant('Bandung Foods');
    await rpc.tenant('Jakarta Retail');
    core.services.tags.add({ tenantIds: [jakarta.id], tags: ['vip'] });

    const searched = await rpc.ok<TenantListPage>('tenants.listPage', { query: 'jakarta', limit: 1 });
    expect(searched.items.map((tenant) => tenant.name)).toEqual(['Jakarta Motors']);
    expect([searched.total, searched.all]).toEqual([2, 3]);
    const tagged = await rpc.ok<TenantListPage>('tenants.listPage', { tag: 'vip', limit: 50 });
    expect(tagged.items.map((tenant) => tenant.name)).toEqual(['Jakarta Motors']);
    const none = await rpc.ok<TenantListPage>('tenants.listPage', { conflicts: true, limit: 50 });
    expect(none).toEqual({ items: [], total: 0, all: 3 });
  });

  it('refuses a page without a limit, too long a page, a negative offset and an unknown sort', async () => {
    const { rpc } = open();
    for (const input of [{}, { limit: 0 }, { limit: 501 }, { limit: 5, offset: -1 }, { limit: 5, sort: { key: 'created', direction: 'asc' } }, { limit: 5, page: 2 }]) {
      expect((await rpc.error('tenants.listPage', input)).code).toBe('INVALID_INPUT');
    }
  });
});
