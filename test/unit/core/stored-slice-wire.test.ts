import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StoredTenant } from '../../../electron/core/transfer/import-slice-query';
import { decodeStoredSlice, encodeStoredSlice } from '../../../electron/core/transfer/stored-slice-wire';

const text = fc.string({ maxLength: 12 });
const maybeText = fc.option(text, { nil: null });
const flag = fc.constantFrom(0, 1);
const entry = fc.record({ id: text, name: text, removed: fc.boolean() });

const storedTenant: fc.Arbitrary<StoredTenant> = fc.record({
  row: fc.record({
    id: text,
    name: text,
    backend_url: maybeText,
    backend_kind: fc.constantFrom('qontak', 'qontak_legacy', 'settings_api' as const),
    requests_per_minute: fc.option(fc.integer({ min: 1, max: 6000 }), { nil: null }),
  }),
  tags: fc.array(text, { maxLength: 4 }),
  drafts: fc.array(
    fc.record({ id: text, tenant_id: text, kind: text, draft_json: text, base_json: maybeText, dirty: flag, deleted: flag, vault_owner: maybeText, base_vault_owner: maybeText }),
    { maxLength: 4 },
  ),
  catalog: fc.record({ divisions: fc.array(entry, { maxLength: 3 }), agents: fc.array(entry, { maxLength: 3 }), fetchedAt: maybeText }),
});

describe('a stored slice as it crosses to the import thread (stored-slice-wire.ts)', () => {
  it('comes out as it went in, whatever the tenants hold (none, empty lists, nulls)', () => {
    fc.assert(
      fc.property(fc.array(fc.option(storedTenant, { nil: null }), { maxLength: 6 }), (slice) => {
        expect(decodeStoredSlice(encodeStoredSlice(slice))).toEqual(slice);
      }),
      { numRuns: 300 },
    );
  });

  it('carries values only, no keys', () => {
    const tenant: StoredTenant = {
      row: { id: 't1', name: 'PT Ada', backend_url: null, backend_kind: 'qontak', requests_per_minute: 600 },
      tags: ['vip'],
      drafts: [{ id: 'd1', tenant_id: 't1', kind: 'ai_response', draft_json: '{}', base_json: null, dirty: 1, deleted: 0, vault_owner: null, base_vault_owner: null }],
      catalog: { divisions: [{ id: 'div-1', name: 'Support', removed: false }], agents: [], fetchedAt: '2026-01-15T09:00:00.000Z' },
    };
    expect(encodeStoredSlice([null, tenant])).toEqual([
      0,
      1, 't1', 'PT Ada', null, 'qontak', 600,
      1, 'vip',
      1, 'd1', 't1', 'ai_response', '{}', null, 1, 0, null, null,
      '2026-01-15T09:00:00.000Z', 1, 'div-1', 'Support', false, 0,
    ]);
  });
});
