import { readFileSync } from 'node:fs';
import { openCore } from '../../electron/core/open-core';
import { seedTenants, tenantName } from '../bench/bench-data';
import { test, expect } from '../support/e2e/fixtures';
import { rpcAt } from '../support/e2e/rpc-from-url';
import { openApp, pick, tenantRow } from '../support/e2e/ui';
import type { Page } from '@playwright/test';

/**
 * Many tenants, end to end in Chromium against the real host: 1,000 tenants seeded through the
 * core's services before the host starts, then the switcher, bulk tags and the tag filter, export →
 * import preview, and apply to many with preview → confirm → undo.
 */
const COUNT = 1000;
/** The tenant the switcher looks for: "Toko Berkah Abadi 338". */
const WANTED = 337;

function seed(dataDir: string): Array<{ id: string; name: string }> {
  const core = openCore({ dataDir, appVersion: '0.0.0-e2e', transport: 'host' });
  try {
    return seedTenants(core, COUNT).map(({ id, name }) => ({ id, name }));
  } finally {
    void core.close();
  }
}

async function rowNames(page: Page, count: number): Promise<string[]> {
  const names: string[] = [];
  for (let i = 0; i < count; i++) names.push((await page.getByTestId('tenant-row').nth(i).locator('.tenant-row__name').textContent()) ?? '');
  return names;
}

test.describe.configure({ timeout: 120_000 });

test('Ctrl+K finds one of 1,000 tenants by a fuzzy query, keyboard only, and Enter opens it', async ({ page, host }) => {
  const tenants = seed(host.dataDir);
  const wanted = tenants[WANTED]!;
  expect(wanted.name).toBe(tenantName(WANTED));
  const listRequests: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/rpc/tenants.list')) listRequests.push(request.postData() ?? '');
  });
  await openApp(page, await host.start());
  // Virtualised: a bounded number of rows in the page, however many tenants.
  await expect(page.getByText(`Tenants shown: ${COUNT}`)).toBeVisible();
  expect(await page.getByTestId('tenant-row').count()).toBeLessThan(60);
  // The list was asked for once, while the app's code loaded, and painted without a loading state
  // (the page's own first load took that answer).
  expect(listRequests).toEqual(['{}']);

  await page.keyboard.press('Control+k');
  const dialog = page.getByRole('dialog', { name: 'Switch tenant' });
  await expect(dialog).toBeVisible();
  const box = dialog.getByRole('combobox', { name: 'Find a tenant' });
  await expect(box).toBeFocused();
  await page.keyboard.type('tk brkh abd 338');
  const first = dialog.getByRole('option').first();
  await expect(first).toHaveAttribute('aria-selected', 'true');
  await expect(first.locator('.switcher__name')).toHaveText(wanted.name);
  await expect(first.locator('mark').first()).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: wanted.name, exact: true })).toBeVisible();
  await expect(page.getByRole('form', { name: 'AI Response' })).toBeVisible();

  // Esc closes without going anywhere.
  await page.keyboard.press('Control+k');
  await expect(dialog).toBeVisible();
  await page.keyboard.type('nusantara');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: wanted.name, exact: true })).toBeVisible();
});

test('selects several tenants, tags them, filters by the tag, exports them and previews the file’s import', async ({ page, host }) => {
  seed(host.dataDir);
  await openApp(page, await host.start());
  await expect(page.getByText(`Tenants shown: ${COUNT}`)).toBeVisible();

  const names = await rowNames(page, 4);
  await page.getByRole('checkbox', { name: `Select ${names[0]}`, exact: true }).check();
  await page.getByRole('checkbox', { name: `Select ${names[2]}`, exact: true }).click({ modifiers: ['Shift'] });
  await page.getByRole('checkbox', { name: `Select ${names[3]}`, exact: true }).check();
  const bar = page.getByRole('toolbar', { name: 'Actions on the selected tenants' });
  await expect(bar).toContainText('Selected: 4');

  await bar.getByRole('button', { name: 'Add tags…' }).click();
  const tagsDialog = page.getByRole('dialog');
  await tagsDialog.getByLabel('Tags').fill('pilot-e2e');
  await tagsDialog.getByRole('button', { name: 'Add tags', exact: true }).click();
  await expect(tagsDialog).toBeHidden();
  await expect(tenantRow(page, names[1]!).getByTestId('row-tag')).toHaveText(['pilot-e2e']);

  await pick(page, page.getByLabel('Tag', { exact: true }), 'pilot-e2e (4)');
  await expect(page.getByTestId('tenant-row')).toHaveCount(4);
  await expect(page.getByText('Tenants shown: 4')).toBeVisible();
  expect((await rowNames(page, 4)).sort()).toEqual([...names].sort());

  // Export the four (still selected), then preview that very file's import: nothing would change.
  const downloading = page.waitForEvent('download');
  await bar.getByRole('button', { name: 'Export', exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^chatbot-settings-.*\.json$/);
  const file = await download.path();
  const exported = JSON.parse(readFileSync(file, 'utf8')) as { format: string; tenants: Array<{ name: string; tags: string[] }> };
  expect(exported.format).toBe('chatbot-settings-export');
  expect(exported.tenants.map((tenant) => tenant.name).sort()).toEqual([...names].sort());
  expect(exported.tenants.every((tenant) => tenant.tags.includes('pilot-e2e'))).toBe(true);

  await page.getByRole('button', { name: 'Import file…' }).click();
  const importDialog = page.getByRole('dialog', { name: 'Import an export file' });
  await importDialog.getByLabel('Export file (.json)').setInputFiles(file);
  await expect(importDialog.getByTestId('import-counts')).toHaveText('New tenants: 0. Changed: 0. Unchanged: 4.');
  await expect(importDialog.getByRole('button', { name: 'Import (0)' })).toBeDisabled();

  // The same file with one tenant renamed: one to create, applied on confirmation.
  const renamed = { ...exported, tenants: exported.tenants.map((tenant, i) => (i === 0 ? { ...tenant, name: 'Imported Copy' } : tenant)) };
  await importDialog.getByLabel('Export file (.json)').setInputFiles({ name: 'renamed.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(renamed)) });
  await expect(importDialog.getByTestId('import-counts')).toHaveText('New tenants: 1. Changed: 0. Unchanged: 3.');
  await importDialog.getByRole('button', { name: 'Import (1)' }).click();
  await expect(importDialog).toBeHidden();
  await expect(page.getByTestId('tenant-row')).toHaveCount(5);
  await expect(tenantRow(page, 'Imported Copy')).toBeVisible();
});

test('applies one AI Response to 3 tenants with a preview, confirms, and undoes it from the toast', async ({ page, host }) => {
  const tenants = seed(host.dataDir);
  const url = await host.start();
  await openApp(page, url);
  const source = tenants[WANTED]!;
  await rpcAt(url, 'settings.saveDraft', {
    tenantId: source.id,
    kind: 'ai_response',
    draft: { threshold: 19, onThreshold: 'specific_division', divisionId: 'div-billing', agentId: null, handoverMessage: 'Tim Billing akan membantu Anda.' },
  });
  const names = await rowNames(page, 3);
  const targets = names.map((name) => tenants.find((tenant) => tenant.name === name)!);
  const before = await Promise.all(targets.map((target) => rpcAt(url, 'settings.get', { tenantId: target.id, kind: 'ai_response' })));
  for (const name of names) await page.getByRole('checkbox', { name: `Select ${name}`, exact: true }).check();

  await page.getByRole('toolbar', { name: 'Actions on the selected tenants' }).getByRole('button', { name: 'Apply to many…' }).click();
  const dialog = page.getByTestId('apply-dialog');
  await expect(dialog).toContainText('Apply to many (3 tenants)');
  await pick(page, dialog.getByLabel('Copy from'), source.name);
  await dialog.getByRole('radio', { name: 'AI Response' }).check();
  await dialog.getByRole('button', { name: 'Preview' }).click();
  await expect(dialog.getByTestId('apply-counts')).toHaveText('Will change: 3. Already the same: 0. Skipped with errors: 0.');
  await expect(dialog.getByTestId('apply-target')).toHaveCount(3);
  const firstTarget = dialog.getByTestId('apply-target').first();
  await firstTarget.getByRole('button', { name: 'Show changes' }).click();
  await expect(firstTarget.locator('[data-pointer="/threshold"] .field-changes__after')).toHaveText('19');
  await expect(firstTarget.locator('[data-pointer="/divisionId"] .field-changes__after')).toHaveText('Billing');
  // Nothing changed before the confirmation.
  expect((await rpcAt(url, 'settings.get', { tenantId: targets[0]!.id, kind: 'ai_response' })).draft).toEqual(before[0]!.draft);

  await dialog.getByRole('button', { name: 'Apply to 3 tenants' }).click();
  await expect(dialog).toBeHidden();
  const toast = page.locator('.toast').filter({ hasText: `Applied from “${source.name}” to 3 tenants as drafts` });
  await expect(toast).toBeVisible();
  for (const target of targets) {
    const view = await rpcAt(url, 'settings.get', { tenantId: target.id, kind: 'ai_response' });
    expect(view.draft).toMatchObject({ threshold: 19, onThreshold: 'specific_division', divisionId: 'div-billing' });
  }

  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(page.locator('.toast').filter({ hasText: 'Undone: 3 settings are as they were' })).toBeVisible();
  for (const [i, target] of targets.entries()) {
    expect((await rpcAt(url, 'settings.get', { tenantId: target.id, kind: 'ai_response' })).draft).toEqual(before[i]!.draft);
  }
});
