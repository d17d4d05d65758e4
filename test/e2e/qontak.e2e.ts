import { test, expect } from '../support/e2e/sandbox-fixture';
import { editAndExpectSaved, openApp, openTenant, pick, radio, tenantRow } from '../support/e2e/ui';

// A demo HMAC credential of the sandbox's Qontak mode (test/sandbox/README.md): settings routes off.
const BORNEO = { clientId: 'qontak-demo-borneo', clientSecret: 'borneo-hmac-secret-1' };
const WHEN_REACHED = 'When the threshold is reached';

test('a Qontak tenant: sign in with Client ID and secret, pull the real catalog, publish by change sheet, mark applied, then only the new change', async ({ page, host, sandbox }) => {
  await openApp(page, await host.start());

  // Add the tenant: Qontak (Mekari API) is proposed, with Mekari's URL; the sandbox stands in for it.
  await page.getByRole('button', { name: 'Add tenant', exact: true }).click();
  const add = page.getByRole('dialog', { name: 'Add tenant' });
  await add.getByLabel('Tenant name').fill('Borneo via Mekari');
  await expect(add.getByLabel('Connects to')).toHaveAttribute('value', 'qontak');
  await expect(add.getByLabel('API base URL')).toHaveValue('https://api.mekari.com');
  await add.getByLabel('API base URL').fill(sandbox.process.origin);
  await add.getByRole('button', { name: 'Add tenant', exact: true }).click();
  await expect(tenantRow(page, 'Borneo via Mekari')).toBeVisible();
  await openTenant(page, 'Borneo via Mekari');

  // Sign in with the HMAC pair: a wrong secret first, then the right one.
  const panel = page.getByRole('region', { name: 'Sync with the backend' });
  await panel.getByRole('button', { name: 'Sign in', exact: true }).click();
  const signIn = page.getByRole('dialog', { name: 'Sign in to the Mekari API' });
  await signIn.getByLabel('Client ID').fill(BORNEO.clientId);
  await signIn.getByLabel('Client secret').fill('not-the-secret');
  await signIn.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(signIn.getByRole('alert')).toBeVisible();
  await expect(signIn.getByLabel('Client secret')).toHaveValue('');
  await signIn.getByLabel('Client secret').fill(BORNEO.clientSecret);
  await signIn.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(signIn).toBeHidden();
  await expect(panel.getByTestId('sync-account')).toHaveText(`Signed in as ${BORNEO.clientId}`);
  await expect(panel.getByTestId('publishing-capability')).toContainText('Publishing: by change sheet — this backend offers no settings API');

  // Pull: Mekari's divisions reach the picker; pick a real one.
  await panel.getByRole('button', { name: 'Pull', exact: true }).click();
  // Requests are paced at Mekari's documented 60 a minute (a burst of 5, then about one a second).
  await expect(panel.getByRole('button', { name: 'Pull', exact: true })).toBeEnabled({ timeout: 60_000 });
  await expect(panel.getByTestId('sync-last')).toHaveText('just now');
  const form = page.getByRole('form', { name: 'AI Response' });
  await radio(form, WHEN_REACHED, 'Specific division').click();
  const division = form.getByRole('combobox', { name: 'Division' });
  await expect(division).toBeEnabled();
  await editAndExpectSaved(page, 'ai_response', { onThreshold: 'specific_division', handoverMessage: 'Mohon tunggu sebentar.' }, async () => {
    await pick(page, division, 'Customer Support');
    await form.getByRole('textbox', { name: 'Handover message' }).fill('Mohon tunggu sebentar.');
  });

  // Publish opens the change sheet: the web app's path, its labels, names (never ids).
  await panel.getByTestId('sync-publish').click();
  const sheet = page.getByRole('dialog', { name: 'Change sheet' });
  const step = sheet.getByTestId('change-sheet-step').filter({ hasText: 'Chatbot › Chatbot settings › AI Response' });
  await expect(step).toBeVisible();
  await expect(step.locator('[data-field="division"]')).toContainText('Division: Customer Support');
  await expect(step.locator('[data-field="handoverMessage"]')).toContainText('Mohon tunggu sebentar.');
  await step.locator('[data-field="division"]').getByRole('checkbox').check();
  await sheet.getByRole('button', { name: 'Mark as applied' }).click();
  await expect(sheet.getByTestId('change-sheet-nothing')).toBeVisible();
  await sheet.getByRole('button', { name: 'Close', exact: true }).last().click();
  await expect(sheet).toBeHidden();
  await expect(panel.getByTestId('sync-unpublished')).toHaveText('0');

  // Edit again: the next sheet holds only the new change.
  await editAndExpectSaved(page, 'ai_response', { threshold: 6 }, async () => {
    await form.getByRole('spinbutton', { name: 'Threshold' }).fill('6');
  });
  await panel.getByTestId('sync-publish').click();
  await expect(sheet.getByTestId('change-sheet-line')).toHaveCount(1);
  await expect(sheet.getByTestId('change-sheet-line')).toHaveAttribute('data-field', 'threshold');
});
