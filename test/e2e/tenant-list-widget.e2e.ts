import { openCore } from '../../electron/core/open-core';
import { seedTenants } from '../bench/bench-data';
import { test, expect } from '../support/e2e/fixtures';
import { openApp } from '../support/e2e/ui';
import type { Page } from '@playwright/test';

/**
 * The tenant list as the screen people spend the day on: it fills the window at any size, its rows
 * stay one line, it sorts (remembered), and it is one keyboard widget. Also the header's theme
 * switch (remembered) and diagnostics export.
 */
const COUNT = 200;

function seed(dataDir: string, extra: string[] = []): void {
  const core = openCore({ dataDir, appVersion: '0.0.0-e2e', transport: 'host' });
  try {
    seedTenants(core, COUNT);
    for (const name of extra) core.services.tenants.create({ name });
  } finally {
    void core.close();
  }
}

function focusedRowName(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { activeElement: { closest(s: string): { querySelector(s: string): { textContent: string | null } | null } | null } | null } }).document;
    return doc.activeElement?.closest('[data-testid="tenant-row"]')?.querySelector('.tenant-row__name')?.textContent ?? null;
  });
}

test.describe.configure({ timeout: 120_000 });

const LONG_NAME = 'PT Perusahaan Dengan Nama Yang Sangat Panjang Sekali Untuk Menguji Elipsis Di Daftar Tenant Tbk';

for (const size of [
  { width: 1280, height: 800 },
  { width: 800, height: 600 },
]) {
  test(`fills the window and keeps every row on one line at ${size.width}×${size.height}`, async ({ page, host }) => {
    seed(host.dataDir, [LONG_NAME]);
    await page.setViewportSize(size);
    await openApp(page, await host.start());
    const scroller = page.getByTestId('tenant-list-scroller');
    const box = (await scroller.boundingBox())!;
    // The list reaches down to the window's bottom (its padding aside), whatever the window's height.
    expect(box.y + box.height).toBeGreaterThan(size.height - 40);
    expect(box.y + box.height).toBeLessThanOrEqual(size.height);
    const rows = page.getByTestId('tenant-row');
    expect(await rows.count()).toBeGreaterThan(Math.floor((size.height - box.y) / 60));
    // One line per row: no cell is taller than its row, no text wraps, and the long name ends in an ellipsis.
    const overflow = await rows.evaluateAll((elements) =>
      elements.flatMap((row) => {
        const r = row as unknown as { getBoundingClientRect(): { top: number; bottom: number }; querySelectorAll(s: string): ArrayLike<unknown> };
        const { top, bottom } = r.getBoundingClientRect();
        return Array.from(r.querySelectorAll('[role="gridcell"], .tenant-row__name, .badge, .tag-chip'))
          .map((cell) => cell as { getBoundingClientRect(): { top: number; bottom: number; width: number }; className: string; checkVisibility(options: object): boolean })
          // A column given up in a narrow window (the tags, still in the row's text) is hidden, not squeezed.
          .filter((cell) => cell.checkVisibility({ visibilityProperty: true }))
          .filter((cell) => cell.getBoundingClientRect().top < top - 0.5 || cell.getBoundingClientRect().bottom > bottom + 0.5 || cell.getBoundingClientRect().width < 12)
          .map((cell) => cell.className);
      }),
    );
    expect(overflow).toEqual([]);
    await page.getByRole('searchbox', { name: 'Search tenants' }).fill('Sangat Panjang');
    const long = page.getByRole('link', { name: LONG_NAME, exact: true });
    await expect(long).toBeVisible();
    expect(await long.evaluate((link) => (link as unknown as { scrollWidth: number; clientWidth: number }).scrollWidth > (link as unknown as { clientWidth: number }).clientWidth)).toBe(true);
    await expect(page.getByTestId('tenant-row').getByRole('gridcell').nth(1)).toHaveAttribute('title', new RegExp(`^${LONG_NAME}`));
  });
}

test('one Tab stop: arrows move, Home/End jump, Space selects, Shift extends, Enter opens; sorting is remembered', async ({ page, host }) => {
  seed(host.dataDir);
  await openApp(page, await host.start());
  const grid = page.getByRole('grid', { name: 'Tenants' });
  const rows = grid.getByTestId('tenant-row');
  const firstName = await rows.nth(0).locator('.tenant-row__name').textContent();

  // Into the list with one Tab from the search box's neighbours, out of it with one more.
  await page.getByTestId('select-all').focus();
  await page.keyboard.press('Tab');
  expect(await focusedRowName(page)).toBe(firstName);
  await expect(rows.nth(0)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(2)).toBeFocused();
  await page.keyboard.press('Space');
  await expect(rows.nth(2)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(page.getByRole('toolbar', { name: 'Actions on the selected tenants' })).toContainText('Selected: 3');
  await page.keyboard.press('End');
  expect(await focusedRowName(page)).toBe(await rows.last().locator('.tenant-row__name').textContent());
  await page.keyboard.press('Home');
  expect(await focusedRowName(page)).toBe(firstName);
  // Tab leaves the list at once, Shift+Tab comes back to the same row.
  await page.keyboard.press('Tab');
  expect(await focusedRowName(page)).toBeNull();
  await page.keyboard.press('Shift+Tab');
  expect(await focusedRowName(page)).toBe(firstName);
  // The row's own actions with the right arrow, without Tab.
  await page.keyboard.press('ArrowRight');
  await expect(rows.nth(0).getByRole('link')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(rows.nth(0).getByRole('button', { name: `Rename ${firstName}` })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(rows.nth(0)).toBeFocused();

  // Sort by name, reversed, from the column header (reached with the up arrow); kept after a reload.
  await page.keyboard.press('ArrowUp');
  const byName = grid.getByRole('button', { name: 'Name', exact: true });
  await expect(byName).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(grid.getByRole('columnheader', { name: 'Name', exact: true })).toHaveAttribute('aria-sort', 'descending');
  const lastFirst = await rows.nth(0).locator('.tenant-row__name').textContent();
  expect(lastFirst).not.toBe(firstName);
  await page.reload();
  await expect(grid.getByRole('columnheader', { name: 'Name', exact: true })).toHaveAttribute('aria-sort', 'descending');
  await expect(rows.nth(0).locator('.tenant-row__name')).toHaveText(lastFirst!);

  // Enter opens the focused tenant.
  await rows.nth(0).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: lastFirst!, exact: true })).toBeVisible();
});

test('the theme switch follows the system by default, and a choice is remembered; diagnostics download from the header', async ({ page, host }) => {
  seed(host.dataDir);
  await page.emulateMedia({ colorScheme: 'dark' });
  await openApp(page, await host.start());
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  const themes = page.getByRole('group', { name: 'Theme' });
  await themes.getByRole('button', { name: 'Theme: light' }).click();
  await expect(html).toHaveAttribute('data-theme', 'light');
  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'light');
  await page.getByRole('group', { name: 'Theme' }).getByRole('button', { name: 'Theme: as the system' }).click();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(html).toHaveAttribute('data-theme', 'light');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export diagnostics' }).click();
  const download = await downloading;
  const report = JSON.parse(await (await import('node:fs/promises')).readFile((await download.path())!, 'utf8')) as { format: string };
  expect(report.format).toBe('chatbot-settings-diagnostics');
});
