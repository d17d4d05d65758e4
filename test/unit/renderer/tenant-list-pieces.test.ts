import { describe, expect, it } from 'vitest';
import { highlightSegments } from '../../../renderer/src/components/switcher/highlight';
import { isSwitcherShortcut } from '../../../renderer/src/components/switcher/shortcut';
import { rangeIds } from '../../../renderer/src/lib/range-selection';
import { resultsByTenant, summarisePlan } from '../../../renderer/src/components/sync/bulk-plan';

describe('pure pieces of the tenant list, switcher and bulk publish', () => {
  it('cuts a name into matched and unmatched runs', () => {
    expect(highlightSegments('Klinik', [0, 1, 3])).toEqual([
      { text: 'Kl', match: true },
      { text: 'i', match: false },
      { text: 'n', match: true },
      { text: 'ik', match: false },
    ]);
    expect(highlightSegments('Abc', [])).toEqual([{ text: 'Abc', match: false }]);
  });

  it('takes Cmd+K on macOS and Ctrl+K elsewhere, nothing else', () => {
    const key = (init: Partial<KeyboardEvent>) => ({ key: 'k', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...init });
    expect(isSwitcherShortcut(key({ ctrlKey: true }), false)).toBe(true);
    expect(isSwitcherShortcut(key({ key: 'K', ctrlKey: true }), false)).toBe(true);
    expect(isSwitcherShortcut(key({ metaKey: true }), false)).toBe(false);
    expect(isSwitcherShortcut(key({ metaKey: true }), true)).toBe(true);
    expect(isSwitcherShortcut(key({ ctrlKey: true }), true)).toBe(false);
    expect(isSwitcherShortcut(key({ ctrlKey: true, shiftKey: true }), false)).toBe(false);
    expect(isSwitcherShortcut(key({ key: 'j', ctrlKey: true }), false)).toBe(false);
  });

  it('selects the range between the anchor and the clicked row, either way round', () => {
    const ids = ['a', 'b', 'c', 'd', 'e'];
    expect(rangeIds(ids, 'b', 'd')).toEqual(['b', 'c', 'd']);
    expect(rangeIds(ids, 'd', 'b')).toEqual(['b', 'c', 'd']);
    expect(rangeIds(ids, null, 'c')).toEqual(['c']);
    expect(rangeIds(ids, 'gone', 'c')).toEqual(['c']);
  });

  it('skips a tenant with any invalid or conflicting document, or not signed in, and groups results per tenant', () => {
    const entry = (status: 'ready' | 'invalid' | 'conflict') => ({ kind: 'ai_response' as const, documentId: 'd', op: 'update' as const, fields: [], status, issues: [] });
    const plan = (signedIn: boolean, ...statuses: Array<'ready' | 'invalid' | 'conflict'>) => ({ tenantId: 't', name: 'T', signedIn, entries: statuses.map(entry) });
    expect(summarisePlan(plan(true, 'ready', 'ready')).verdict).toBe('publish');
    expect(summarisePlan(plan(true, 'ready', 'invalid')).verdict).toBe('invalid');
    expect(summarisePlan(plan(true, 'ready', 'conflict', 'invalid')).verdict).toBe('conflict');
    expect(summarisePlan(plan(false, 'ready')).verdict).toBe('signedOut');
    expect(summarisePlan(plan(true)).verdict).toBe('nothing');

    const result = (tenantId: string, state: 'done' | 'failed' | 'cancelled' | 'conflict') => ({ tenantId, kind: 'ai_response' as const, documentId: `${tenantId}-${state}`, op: 'update' as const, state, error: null });
    expect(resultsByTenant([result('a', 'done'), result('b', 'done'), result('b', 'failed'), result('c', 'cancelled'), result('d', 'conflict')]).map((r) => [r.tenantId, r.outcome])).toEqual([
      ['a', 'published'],
      ['b', 'failed'],
      ['c', 'cancelled'],
      ['d', 'failed'],
    ]);
  });
});
