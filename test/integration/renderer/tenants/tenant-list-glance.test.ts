import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../../support/renderer/real-core';
import { appOnRealCore, isChecked, rowCheckbox as checkbox, tenantRow as row, tenantRowNames as rowNames, tenantRows as rows } from '../../../support/renderer/tenant-list';
import { chooseOption, click, getByLabel, getByRole, queryAllByRole, type, waitFor } from '../../../support/renderer/dom';
import { TENANT_ROW_HEIGHT } from '../../../../renderer/src/components/tenants/tenant-list-layout';

/** The tenant list at a glance against the real core: virtualised rows, state per row, filters, selection, bulk tags. */
const harness = appOnRealCore();

function shiftClick(element: HTMLElement) {
  element.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, shiftKey: true }));
}
function chip(name: string): HTMLElement {
  return getByRole('button', name);
}
/** Chooses a filter's option by its text, with the keyboard. */
async function choose(select: HTMLElement, option: string) {
  await chooseOption(select, option);
}
function selectedCount(): string {
  return document.querySelector('.bulk-bar__count')?.textContent?.trim() ?? '';
}

describe('tenant list at scale', () => {
  it('renders 1,000 tenants virtualised: a bounded number of rows, all counted', async () => {
    for (let i = 0; i < 1000; i++) harness.real.core.services.tenants.create({ name: `Tenant ${String(i).padStart(4, '0')}` });
    await harness.mount();
    await waitFor(() => rows().length > 0);
    expect(document.body.textContent).toContain('Tenants shown: 1000');
    expect(rows().length).toBeGreaterThan(5);
    expect(rows().length).toBeLessThan(60);
    expect(rowNames()[0]).toBe('Tenant 0000');
    // A grid counts its rows (the column headers' row included): 1,000 tenants, the first at row 2.
    expect(document.querySelector('[role="grid"]')!.getAttribute('aria-rowcount')).toBe('1001');
    expect(rows()[0]!.getAttribute('aria-rowindex')).toBe('2');
    // The scroller is as tall as all the rows, so scrolling reaches every tenant.
    const inner = document.querySelector<HTMLElement>('.glance-list__rows')!;
    expect(inner.style.height).toBe(`${1000 * TENANT_ROW_HEIGHT}px`);
  });

  it('shows per row the tags, sign-in and online state, unpublished changes, errors and last publish; filters on each', async () => {
    const { tenants, catalog, documents, tags } = harness.real.core.services;
    tenants.create({ name: 'Clean Tenant' });
    const broken = tenants.create({ name: 'Broken Tenant' });
    const tagged = tenants.create({ name: 'Tagged Tenant' });
    catalog.replace(broken.id, CATALOG);
    documents.saveDraft({ tenantId: broken.id, kind: 'ai_response', draft: { threshold: 5, onThreshold: 'specific_division', divisionId: 'div-sales', agentId: null, handoverMessage: '' } });
    // The backend dropped the division since: the draft has a validation error, and something to publish.
    catalog.replace(broken.id, { divisions: CATALOG.divisions.filter((division) => division.id !== 'div-sales'), agents: [] });
    tags.add({ tenantIds: [tagged.id], tags: ['Jakarta', 'vip'] });
    await harness.mount();
    await waitFor(() => rows().length === 3);

    expect([...row('Tagged Tenant').querySelectorAll('[data-testid="row-tag"]')].map((node) => node.textContent)).toEqual(['jakarta', 'vip']);
    expect(row('Broken Tenant').querySelector('[data-testid="row-issues"]')?.textContent).toBe('Errors: 1');
    expect(row('Broken Tenant').querySelector('[data-testid="row-unpublished"]')?.textContent).toBe('1 unpublished');
    expect(row('Clean Tenant').querySelector('[data-testid="row-issues"]')).toBeNull();
    expect(row('Clean Tenant').querySelector('[data-testid="row-signed-in"]')?.textContent).toBe('Signed out');
    expect(row('Clean Tenant').querySelector('[data-testid="row-online"]')?.textContent).toBe('Not checked');
    expect(row('Clean Tenant').querySelector('[data-testid="row-published"]')?.textContent).toBe('Never published');

    click(chip('Validation errors'));
    await waitFor(() => rowNames().join() === 'Broken Tenant');
    expect(chip('Validation errors').getAttribute('aria-pressed')).toBe('true');
    click(chip('Validation errors'));
    await waitFor(() => rows().length === 3);

    click(chip('Unpublished changes'));
    await waitFor(() => rowNames().join() === 'Broken Tenant');
    click(chip('Unpublished changes'));

    await choose(getByLabel('Tag'), 'vip (1)');
    await waitFor(() => rowNames().join() === 'Tagged Tenant');
    await choose(getByLabel('Sign-in'), 'Signed in');
    await waitFor(() => document.body.textContent?.includes('No tenant matches these filters.'));
    click(getByRole('button', 'Clear filters', document.querySelector('.empty-state')!));
    await waitFor(() => rows().length === 3);
    expect(getByLabel<HTMLSelectElement>('Tag').value).toBe('');

    await choose(getByLabel('Connection'), 'Offline or not checked');
    await waitFor(() => rows().length === 3); // nobody has been online yet
    await choose(getByLabel('Connection'), 'Online');
    await waitFor(() => rows().length === 0);
  });

  it('folds the filters behind a “Filters” button that says how many are on (shown in a short window)', async () => {
    harness.real.core.services.tenants.create({ name: 'Solo Tenant' });
    await harness.mount();
    await waitFor(() => rows().length === 1);
    const toggle = () => document.querySelector<HTMLElement>('[data-testid="filters-toggle"]')!;
    expect(toggle().textContent?.trim()).toBe('Filters');
    const panel = document.getElementById(toggle().getAttribute('aria-controls')!)!;
    expect(panel.contains(getByLabel('Tag'))).toBe(true);
    expect(toggle().getAttribute('aria-expanded')).toBe('false');
    click(toggle());
    await waitFor(() => toggle().getAttribute('aria-expanded') === 'true');

    click(chip('Conflicts'));
    await waitFor(() => toggle().textContent?.trim() === 'Filters (1)');
    click(getByRole('button', 'Clear filters', panel));
    await waitFor(() => toggle().textContent?.trim() === 'Filters');
  });

  it('selects rows (click, shift-click range, all shown), adds and removes tags in bulk, then filters by the tag', async () => {
    const names = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot'];
    const ids = Object.fromEntries(names.map((name) => [name, harness.real.core.services.tenants.create({ name }).id]));
    await harness.mount();
    await waitFor(() => rows().length === 6);
    expect(document.querySelector('[data-testid="bulk-bar"]')).toBeNull();

    click(checkbox('Bravo'));
    await waitFor(() => selectedCount() === 'Selected: 1');
    shiftClick(checkbox('Delta'));
    await waitFor(() => selectedCount() === 'Selected: 3');
    expect(['Bravo', 'Charlie', 'Delta'].every((name) => isChecked(checkbox(name)))).toBe(true);
    expect(isChecked(checkbox('Alpha'))).toBe(false);
    click(checkbox('Charlie'));
    await waitFor(() => selectedCount() === 'Selected: 2');

    // A tag the core refuses: said at the field, nothing changed.
    click(getByRole('button', 'Add tags…'));
    let dialog = await waitFor(() => getByRole('dialog'));
    type(getByLabel('Tags'), 'x'.repeat(41));
    click(getByRole('button', 'Add tags', dialog));
    await waitFor(() => getByLabel('Tags').getAttribute('aria-invalid') === 'true');
    expect(dialog.textContent).toContain('A tag can be at most 40 characters.');
    expect(harness.real.core.services.tags.list()).toEqual([]);

    type(getByLabel('Tags'), 'VIP, jakarta');
    click(getByRole('button', 'Add tags', dialog));
    await waitFor(() => queryAllByRole('dialog').length === 0);
    expect(harness.real.core.services.tags.tagsOf(ids.Bravo!)).toEqual(['jakarta', 'vip']);
    expect(harness.real.core.services.tags.tagsOf(ids.Delta!)).toEqual(['jakarta', 'vip']);
    expect(harness.real.core.services.tags.tagsOf(ids.Charlie!)).toEqual([]);
    await waitFor(() => document.body.textContent?.includes('added to the selected tenants (2)'));
    await waitFor(() => row('Bravo').querySelectorAll('[data-testid="row-tag"]').length === 2);

    await choose(getByLabel('Tag'), 'vip (2)');
    await waitFor(() => rowNames().join() === 'Bravo,Delta');
    // Selection follows what is shown; both are still selected.
    expect(selectedCount()).toBe('Selected: 2');

    click(getByRole('button', 'Remove tags…'));
    dialog = await waitFor(() => getByRole('dialog'));
    click(getByRole('button', 'jakarta', dialog));
    await waitFor(() => getByLabel<HTMLInputElement>('Tags').value === 'jakarta');
    click(getByRole('button', 'Remove tags', dialog));
    await waitFor(() => queryAllByRole('dialog').length === 0);
    expect(harness.real.core.services.tags.tagsOf(ids.Bravo!)).toEqual(['vip']);

    await choose(getByLabel('Tag'), 'Any tag');
    await waitFor(() => rows().length === 6);
    const all = document.querySelector<HTMLElement>('[data-testid="select-all"]')!;
    click(all);
    await waitFor(() => selectedCount() === 'Selected: 6');
    click(getByRole('button', 'Clear selection'));
    await waitFor(() => document.querySelector('[data-testid="bulk-bar"]') === null);
  });
});
