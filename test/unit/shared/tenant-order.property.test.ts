import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { firstTenants, sortTenants, TENANT_SORT_KEYS, type TenantSort } from '../../../shared/logic/tenant-order';

const tenant = fc.record({
  id: fc.uuid(),
  name: fc.oneof(fc.constantFrom('Acme', 'acme', 'Tenant 2', 'Tenant 10', 'Ämter', 'zeta'), fc.string({ maxLength: 6 })),
  lastPublishedAt: fc.option(fc.constantFrom('2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z'), { nil: null }),
  unpublishedCount: fc.nat(3),
});
const sort: fc.Arbitrary<TenantSort> = fc.record({ key: fc.constantFrom(...TENANT_SORT_KEYS), direction: fc.constantFrom('asc' as const, 'desc' as const) });

describe('the first tenants of the list’s order', () => {
  it('are the first of the whole list sorted', () => {
    fc.assert(
      fc.property(fc.array(tenant, { maxLength: 60 }), sort, fc.nat(70), (items, order, count) => {
        expect(firstTenants(items, order, count)).toEqual(sortTenants(items, order).slice(0, count));
      }),
      { numRuns: 500 },
    );
  });
});
