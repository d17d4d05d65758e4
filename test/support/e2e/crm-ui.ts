import { expect, type Locator, type Page } from '@playwright/test';

/**
 * The steps of the CRM end-to-end test that go through the workspace's sync panel (sign in, pull,
 * publish) and the CRM Integration page, as a user does them.
 */

function syncPanel(page: Page): Locator {
  return page.getByTestId('sync-panel');
}

/** Signs the open tenant in through `Sign in` (its backend URL is already set). */
export async function signIn(page: Page, account: { username: string; password: string }): Promise<void> {
  await syncPanel(page).getByRole('button', { name: 'Sign in', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Sign in to the backend' });
  await dialog.getByLabel('User name').fill(account.username);
  await dialog.getByLabel('Password').fill(account.password);
  await dialog.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('sync-account')).toHaveAttribute('data-signed-in', 'true');
}

/** `Pull`, and waits for the core's answer (a success) rather than for time. */
export async function pull(page: Page): Promise<void> {
  const answered = page.waitForResponse(
    async (response) => response.url().endsWith('/rpc/sync.pull') && ((await response.json()) as { ok?: unknown }).ok === true,
    { timeout: 15_000 },
  );
  await syncPanel(page).getByRole('button', { name: 'Pull', exact: true }).click();
  await answered;
  await expect(syncPanel(page).getByRole('button', { name: 'Pull', exact: true })).toBeEnabled();
}

/**
 * `Publish`: checks the plan has exactly the `expected` deal setting changes ready, confirms, waits
 * until the run finished with all of them published, and closes the dialog.
 */
export async function publishDealSettings(page: Page, expected: ('create' | 'update' | 'delete')[]): Promise<void> {
  await syncPanel(page).getByRole('button', { name: /^Publish/ }).click();
  const dialog = page.getByTestId('publish-dialog');
  const ready = dialog.locator('[data-testid="plan-entry"][data-status="ready"]');
  await expect(ready).toHaveCount(expected.length);
  const ops = { create: 'Create', update: 'Update', delete: 'Delete' };
  for (const [index, op] of expected.entries()) {
    await expect(ready.nth(index)).toHaveAttribute('data-kind', 'deal_setting');
    await expect(ready.nth(index).getByRole('cell').first()).toHaveText(ops[op]);
  }
  await dialog.getByRole('button', { name: `Publish ${expected.length}`, exact: true }).click();
  await expect(dialog.getByTestId('publish-summary')).toContainText(`Published: ${expected.length}. Failed: 0. Conflicts: 0.`);
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(dialog).toBeHidden();
}

export async function openCrmIntegration(page: Page): Promise<Locator> {
  await page.getByRole('navigation', { name: 'Settings areas' }).getByRole('link', { name: 'CRM Integration', exact: true }).click();
  const region = page.getByRole('region', { name: 'CRM Integration' });
  await expect(region).toBeVisible();
  await expect(region.getByText('Loading…')).toHaveCount(0);
  return region;
}

/** The list row of the deal setting of one bot response. */
export function dealRow(page: Page, botResponse: string): Locator {
  return page.getByTestId('deal-setting-row').filter({ has: page.getByRole('rowheader', { name: botResponse, exact: true }) });
}

/** The options a picker (a Reka Select) offers, in order; the list is closed again afterwards. */
export async function optionsOf(page: Page, picker: Locator): Promise<string[]> {
  await picker.click();
  const listbox = page.getByRole('listbox');
  await expect(listbox).toBeVisible();
  const names = await listbox.getByRole('option').allTextContents();
  await page.keyboard.press('Escape');
  await expect(listbox).toBeHidden();
  return names.map((name) => name.replace('✓', '').trim());
}
