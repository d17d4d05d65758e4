import { describe, expect, it } from 'vitest';
import { appOnRealCore } from '../../../support/renderer/app-on-real-core';
import { exportFileOf } from '../../../support/transfer/export-file';
import { previewImportOf } from '../../../support/renderer/import-dialog';
import { buttonByText, click, getByLabel, getByRole, queryAllByRole, waitFor } from '../../../support/renderer/dom';

/** A file of more tenants than a page of the preview: the dialog pages through the preview the core keeps, and lets it go when it closes. */
const harness = appOnRealCore();

const COUNT = 230;

function shownNames(dialog: HTMLElement): string[] {
  return [...dialog.querySelectorAll('[data-testid="import-row"] th')].map((cell) => cell.textContent?.trim() ?? '');
}

function numbered(from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, i) => `Toko ${from + i}`);
}

describe('the import preview of a large file, page by page', () => {
  it('shows the first 100 tenants, moves with Next and Previous through all of them, and the core forgets the preview when the dialog closes', async () => {
    // The preview's id, as the core answered it to the dialog.
    const previewIds: string[] = [];
    const dispatch = harness.real.core.dispatcher.dispatch.bind(harness.real.core.dispatcher);
    harness.real.core.dispatcher.dispatch = async (channel, input) => {
      const result = await dispatch(channel, input);
      if (channel === 'transfer.previewImport' && result.ok) previewIds.push((result.value as { previewId: string }).previewId);
      return result;
    };
    await harness.mount();
    const dialog = await previewImportOf(COUNT);

    const pages = getByRole('navigation', 'Preview pages');
    const shown = () => pages.querySelector('[role="status"]')?.textContent?.trim();
    expect(shown()).toBe(`Tenants 1–100 of ${COUNT}`);
    expect(shownNames(dialog)).toEqual(numbered(1, 100));
    expect(buttonByText('Previous tenants', dialog).disabled).toBe(true);

    click(buttonByText('Next tenants', dialog));
    await waitFor(() => shown() === `Tenants 101–200 of ${COUNT}`);
    expect(shownNames(dialog)).toEqual(numbered(101, 200));
    click(buttonByText('Next tenants', dialog));
    await waitFor(() => shown() === `Tenants 201–230 of ${COUNT}`);
    expect(shownNames(dialog)).toEqual(numbered(201, 230));
    expect(buttonByText('Next tenants', dialog).disabled).toBe(true);
    click(buttonByText('Previous tenants', dialog));
    await waitFor(() => shown() === `Tenants 101–200 of ${COUNT}`);
    expect(shownNames(dialog)).toEqual(numbered(101, 200));
    // The whole file is still what `Import` applies.
    expect(buttonByText(`Import (${COUNT})`, dialog).disabled).toBe(false);

    // Closing the dialog lets the core's preview go: it can no longer be paged.
    expect(previewIds).toHaveLength(1);
    const page = { previewId: previewIds[0]!, offset: 0, limit: 1 };
    expect(await dispatch('transfer.previewRows', page)).toMatchObject({ ok: true, value: { total: COUNT } });
    click(buttonByText('Cancel', dialog));
    await waitFor(() => queryAllByRole('dialog').length === 0);
    for (let i = 0; i < 50 && (await dispatch('transfer.previewRows', page)).ok; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await dispatch('transfer.previewRows', page)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('a file within one page shows no page controls', async () => {
    await harness.mount();
    await waitFor(() => getByRole('heading', 'No tenants yet'));
    click(buttonByText('Import file…'));
    const dialog = await waitFor(() => getByRole('dialog'));
    const input = getByLabel<HTMLInputElement>('Export file (.json)');
    Object.defineProperty(input, 'files', { configurable: true, value: [new File([exportFileOf(3)], 'few.json', { type: 'application/json' })] });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await waitFor(() => dialog.querySelector('[data-testid="import-counts"]')?.textContent === 'New tenants: 3. Changed: 0. Unchanged: 0.');
    expect(shownNames(dialog)).toEqual(numbered(1, 3));
    expect(dialog.querySelector('[data-testid="import-pages"]')).toBeNull();
  });
});
