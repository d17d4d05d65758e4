import type { Page } from '@playwright/test';
import { test, expect } from '../support/e2e/sandbox-fixture';
import { addTenant, editAndExpectSaved, openApp, openTenant, pick, radio } from '../support/e2e/ui';

// A demo account of the sandbox (test/sandbox/README.md): default settings, the demo catalog.
const ACCOUNT = { username: 'admin@borneo-travel.test', password: 'borneo-sandbox-1' };
const WHEN_REACHED = 'When the threshold is reached';
const HANDOVER = 'Mohon tunggu, tim Billing kami segera membantu.';

/** Another admin's edit, straight on the backend: sign in, read the ETag, replace the AI response. */
async function changeOnBackend(baseUrl: string, value: Record<string, unknown>): Promise<void> {
  const token = (await (
    await fetch(`${baseUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ grant_type: 'password', ...ACCOUNT }),
    })
  ).json()) as { access_token: string };
  const auth = { Authorization: `Bearer ${token.access_token}` };
  const current = await fetch(`${baseUrl}/chatbot/settings/ai-response`, { headers: auth });
  const etag = current.headers.get('etag');
  expect(etag).toBeTruthy();
  const put = await fetch(`${baseUrl}/chatbot/settings/ai-response`, {
    method: 'PUT',
    headers: { ...auth, 'Content-Type': 'application/json', 'If-Match': etag! },
    body: JSON.stringify(value),
  });
  expect(put.status).toBe(200);
}

function syncPanel(page: Page) {
  return page.getByRole('region', { name: 'Sync with the backend' });
}

test('sign in, pull the catalog, publish AI Response to the sandbox, then take theirs in a conflict', async ({ page, host, sandbox }) => {
  await openApp(page, await host.start());
  await addTenant(page, 'Borneo Travel', sandbox.baseUrl);
  await openTenant(page, 'Borneo Travel');
  const panel = syncPanel(page);
  await expect(panel.getByTestId('sync-account')).toHaveText('Not signed in');
  await expect(panel.getByTestId('sync-last')).toHaveText('Never');

  // Sign in: a wrong password first (inline error), then the right one.
  await panel.getByRole('button', { name: 'Sign in', exact: true }).click();
  const signIn = page.getByRole('dialog', { name: 'Sign in to the backend' });
  await expect(signIn.getByLabel('Backend URL')).toHaveValue(sandbox.baseUrl);
  await signIn.getByLabel('User name').fill(ACCOUNT.username);
  await signIn.getByLabel('Password').fill('wrong-password');
  await signIn.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(signIn.getByRole('alert')).toContainText('The backend refused the user name or password.');
  await expect(signIn.getByLabel('Password')).toHaveValue('');
  await signIn.getByLabel('Password').fill(ACCOUNT.password);
  await signIn.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(signIn).toBeHidden();
  await expect(panel.getByTestId('sync-account')).toHaveText(`Signed in as ${ACCOUNT.username}`);
  await expect(panel.getByTestId('sync-online')).toHaveText('Online');

  // Pull: the backend's catalog reaches the Division picker, which says how old it is.
  const form = page.getByRole('form', { name: 'AI Response' });
  await radio(form, WHEN_REACHED, 'Specific division').click();
  const division = form.getByRole('combobox', { name: 'Division' });
  await expect(division).toBeDisabled();
  await panel.getByRole('button', { name: 'Pull', exact: true }).click();
  await expect(division).toBeEnabled();
  await expect(division).toHaveAccessibleDescription(/Catalog updated just now\./);
  await expect(panel.getByTestId('sync-last')).toHaveText('just now');

  // Edit AI Response.
  const threshold = form.getByRole('spinbutton', { name: 'Threshold' });
  const draft = { threshold: 4, onThreshold: 'specific_division', divisionId: 'div-billing', agentId: null, handoverMessage: HANDOVER };
  await editAndExpectSaved(page, 'ai_response', draft, async () => {
    await pick(page, division, 'Billing');
    await threshold.fill('4');
    await form.getByRole('textbox', { name: 'Handover message' }).fill(HANDOVER);
  });
  await expect(panel.getByTestId('sync-unpublished')).toHaveText('1');

  // The plan first, then publish, then the result per document.
  await panel.getByRole('button', { name: 'Publish', exact: true }).click();
  const publish = page.getByRole('dialog', { name: 'Publish' });
  const entry = publish.getByTestId('plan-entry');
  await expect(entry).toHaveCount(1);
  await expect(entry).toHaveAttribute('data-kind', 'ai_response');
  await expect(entry).toContainText('Update');
  for (const field of ['Threshold', WHEN_REACHED, 'Division', 'Handover message']) await expect(entry).toContainText(field);
  await expect(entry).toContainText('Ready');
  await publish.getByRole('button', { name: 'Publish 1', exact: true }).click();
  const results = page.getByRole('dialog', { name: 'Publish results' });
  await expect(results.getByTestId('publish-result')).toHaveAttribute('data-state', 'done');
  await expect(results.getByTestId('publish-counts')).toHaveText('1 of 1 done');
  await expect(results.getByTestId('publish-summary')).toContainText('Published: 1. Failed: 0.');
  await results.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(panel.getByTestId('sync-unpublished')).toHaveText('0');

  // The backend now holds exactly the draft.
  expect((await sandbox.admin.state(ACCOUNT.username)).aiResponse.value).toEqual(draft);

  // Someone changes the threshold on the backend while it is changed here too.
  await changeOnBackend(sandbox.baseUrl, { ...draft, threshold: 30 });
  await editAndExpectSaved(page, 'ai_response', { ...draft, threshold: 6 }, () => threshold.fill('6'));
  await panel.getByRole('button', { name: 'Pull', exact: true }).click();
  const conflicts = page.getByRole('dialog', { name: 'Conflicts' });
  const row = conflicts.getByTestId('conflict-field');
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('rowheader')).toHaveText('Threshold');
  await expect(row.getByTestId('conflict-mine')).toHaveText('6');
  await expect(row.getByTestId('conflict-theirs')).toHaveText('30');
  await expect(page.getByTestId('sync-conflicts')).toHaveText('1'); // behind the modal: not in the accessibility tree now
  await conflicts.getByRole('button', { name: 'Take theirs: Threshold' }).click();
  await expect(conflicts.getByText('No conflicts left.')).toBeVisible();
  await conflicts.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(threshold).toHaveValue('30');
  await expect(panel.getByTestId('sync-conflicts')).toHaveText('0');
  await expect(panel.getByTestId('sync-unpublished')).toHaveText('0');
  expect((await sandbox.admin.state(ACCOUNT.username)).aiResponse.value).toEqual({ ...draft, threshold: 30 });
});
