import { describe, expect, it } from 'vitest';
import { TENANTS_AT_SCALE_MESSAGES_EN } from '../../../../shared/validation/tenants-at-scale-messages';
import { encodeIssueMessage } from '../../../../shared/validation/issue-message';
import { TENANTS_AT_SCALE_MESSAGES_ID } from '../../../../renderer/src/i18n/tenants-at-scale-messages-id';
import { scaleIssueText } from '../../../../renderer/src/composables/use-scale-issue-text';
import { highlightSegments } from '../../../../renderer/src/components/switcher/highlight';
import { isSwitcherShortcut } from '../../../../renderer/src/components/switcher/shortcut';
import { rangeIds } from '../../../../renderer/src/components/tenant-list/selection';
import { resultsByTenant, summarisePlan } from '../../../../renderer/src/components/bulk-publish/bulk-plan';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('issue #7 validation messages in both languages', () => {
  it('the Indonesian table has exactly the English keys, none empty, with the same placeholders', () => {
    expect(Object.keys(TENANTS_AT_SCALE_MESSAGES_ID).sort()).toEqual(Object.keys(TENANTS_AT_SCALE_MESSAGES_EN).sort());
    for (const [key, text] of Object.entries(TENANTS_AT_SCALE_MESSAGES_ID)) {
      expect(text.trim(), key).not.toBe('');
      expect(placeholders(text), key).toEqual(placeholders(TENANTS_AT_SCALE_MESSAGES_EN[key as keyof typeof TENANTS_AT_SCALE_MESSAGES_EN]));
    }
  });

  it('renders the core’s keys, translating the English word the core puts in {what}; other keys go to the domain table', () => {
    const missing = encodeIssueMessage('apply.ref.missing', { what: 'Division', name: 'Sales' });
    expect(scaleIssueText('en', missing)).toBe('Division “Sales” is not in this tenant’s catalog.');
    expect(scaleIssueText('id', missing)).toBe('Divisi “Sales” tidak ada di katalog tenant ini.');
    expect(scaleIssueText('id', encodeIssueMessage('apply.ref.ambiguous', { what: 'agent', name: 'Ana' }))).toBe('Katalog tenant ini punya lebih dari satu Agen bernama “Ana”.');
    expect(scaleIssueText('en', 'tenant.name.required')).toBe('Tenant name is required.');
    expect(scaleIssueText('id', 'tenant.name.required')).toBe('Nama tenant wajib diisi.');
    expect(scaleIssueText('en', 'not a key at all')).toBe('not a key at all');
  });
});

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
