import { describe, expect, it } from 'vitest';
import { appOnRealCore, isChecked, rowCheckbox as checkbox, tenantRow as row, tenantRows as rows } from '../../../support/renderer/tenant-list';
import { click, keydown, waitFor } from '../../../support/renderer/dom';

/**
 * The tenant list's checkboxes are the app's one checkbox (role checkbox, aria-checked): each row's
 * is named after its tenant and adds no Tab stop; the select-all shows "some" as mixed.
 */
const harness = appOnRealCore();

function selectAll(): HTMLElement {
  return document.querySelector<HTMLElement>('[data-testid="select-all"]')!;
}

describe('tenant list checkboxes', () => {
  it('names each row checkbox after its tenant, keeps it out of the Tab order and the arrow keys', async () => {
    for (const name of ['Alpha', 'Bravo', 'Charlie']) harness.real.core.services.tenants.create({ name });
    await harness.mount();
    await waitFor(() => rows().length === 3);
    for (const name of ['Alpha', 'Bravo', 'Charlie']) {
      const box = checkbox(name);
      expect(box.getAttribute('role')).toBe('checkbox');
      expect(box.getAttribute('aria-label')).toBe(`Select ${name}`);
      expect(box.getAttribute('tabindex')).toBe('-1');
      expect(isChecked(box)).toBe(false);
    }
    // Nothing in a row but the row itself (when it holds the list's Tab stop) is reachable with Tab.
    const tabStops = rows().flatMap((candidate) => [...candidate.querySelectorAll<HTMLElement>('a, button, input, [tabindex]')].filter((element) => element.tabIndex >= 0));
    expect(tabStops).toEqual([]);
    // The right arrow goes from the row to its link, not to its checkbox.
    const first = row('Alpha');
    first.focus();
    keydown(first, 'ArrowRight');
    expect(document.activeElement).toBe(first.querySelector('a'));
  });

  it('shows the select-all as mixed while some rows are selected, and a click then selects every row', async () => {
    for (const name of ['Alpha', 'Bravo', 'Charlie']) harness.real.core.services.tenants.create({ name });
    await harness.mount();
    await waitFor(() => rows().length === 3);
    expect(selectAll().getAttribute('role')).toBe('checkbox');
    expect(selectAll().getAttribute('aria-checked')).toBe('false');
    expect(selectAll().getAttribute('aria-label')).toBe('Select all shown (3)');

    click(checkbox('Bravo'));
    await waitFor(() => isChecked(checkbox('Bravo')));
    await waitFor(() => selectAll().getAttribute('aria-checked') === 'mixed');

    click(selectAll());
    await waitFor(() => isChecked(selectAll()));
    expect(['Alpha', 'Bravo', 'Charlie'].every((name) => isChecked(checkbox(name)))).toBe(true);

    click(selectAll());
    await waitFor(() => selectAll().getAttribute('aria-checked') === 'false');
    expect(['Alpha', 'Bravo', 'Charlie'].some((name) => isChecked(checkbox(name)))).toBe(false);
  });
});
