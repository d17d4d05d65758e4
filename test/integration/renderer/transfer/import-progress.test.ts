import { describe, expect, it } from 'vitest';
import { appOnRealCore } from '../../../support/renderer/app-on-real-core';
import { previewImportOf } from '../../../support/renderer/import-dialog';
import { buttonByText, click, getByLabel, queryAllByRole, waitFor } from '../../../support/renderer/dom';

/** A large export file applied against the real core: the progress bar with its counts, and `Cancel import` between two batches. */
const harness = appOnRealCore();

const COUNT = 2000;

describe('an import in batches, in the import dialog', () => {
  it('shows a progress bar with counts while it applies, and Cancel import stops it: the toast says how many were imported and how many not', async () => {
    await harness.mount();
    const dialog = await previewImportOf(COUNT);
    expect(dialog.querySelector('[data-testid="import-progress"]')).toBeNull();

    click(buttonByText(`Import (${COUNT})`, dialog));
    const progress = await waitFor(() => dialog.querySelector<HTMLElement>('[data-testid="import-progress"][data-state="running"]'));
    const bar = getByLabel<HTMLProgressElement>('Import progress');
    expect(bar.max).toBe(COUNT);
    expect(bar.value).toBeGreaterThan(0);
    expect(progress.querySelector('[role="status"]')?.textContent).toMatch(new RegExp(`^\\d+ of ${COUNT} tenants gone through$`));
    // While it applies, the only action is to cancel it.
    expect(() => buttonByText(`Import (${COUNT})`, dialog)).toThrow();

    click(buttonByText('Cancel import', dialog));
    await waitFor(() => queryAllByRole('dialog').length === 0, 20_000);
    const toast = await waitFor(() => [...document.querySelectorAll('[role="status"], [role="alert"], li')].find((node) => node.textContent?.includes('Import cancelled.')));
    const match = /Tenants imported as drafts: (\d+) \(new: (\d+), changed: 0\)\. Not imported: (\d+)\./.exec(toast.textContent ?? '');
    expect(match).not.toBeNull();
    const [imported, created, notImported] = match!.slice(1).map(Number) as [number, number, number];
    expect(created).toBe(imported);
    expect(imported + notImported).toBe(COUNT);
    expect(notImported).toBeGreaterThan(0);
    expect(harness.real.core.services.tenants.list()).toHaveLength(imported);
  });
});
