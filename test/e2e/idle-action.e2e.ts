import { test, expect } from '../support/e2e/fixtures';
import { createSeededTenant } from '../support/e2e/seed-catalog';
import {
  editAndExpectSaved,
  expectFieldError,
  expectInvalidStatus,
  expectNoFieldError,
  openApp,
  openArea,
  openTenant,
  pick,
  radio,
} from '../support/e2e/ui';

const ACTION = 'When the customer stops replying';
const CLOSING = 'Terima kasih telah menghubungi Toko Maju. Percakapan ini kami tutup.';

test('Idle Action takes each action, and Assign conversation each target', async ({ page, host }) => {
  createSeededTenant(host.dataDir, 'Toko Maju');
  await openApp(page, await host.start());
  await openTenant(page, 'Toko Maju');
  const form = await openArea(page, 'Idle Action');

  const hours = form.getByRole('spinbutton', { name: 'Hours' });
  const minutes = form.getByRole('spinbutton', { name: 'Minutes' });
  const closing = form.getByRole('textbox', { name: 'Closing message' });
  await expect(radio(form, ACTION, 'None')).toBeChecked();
  await expect(hours).toBeHidden();
  await expect(closing).toBeHidden();

  // Resolve conversation: idle time and closing message.
  await editAndExpectSaved(
    page,
    'idle_action',
    { action: 'resolve_conversation', idleHours: 1, idleMinutes: 30, closingMessage: CLOSING },
    async () => {
      await radio(form, ACTION, 'Resolve conversation').click();
      await hours.fill('1');
      await minutes.fill('30');
      await closing.fill(CLOSING);
    },
  );
  await expect(form.getByRole('radiogroup', { name: 'Assign to' })).toHaveCount(0);

  // None: nothing else to fill.
  await editAndExpectSaved(page, 'idle_action', { action: 'none' }, () => radio(form, ACTION, 'None').click());
  await expect(hours).toBeHidden();

  // Assign conversation, Auto.
  await editAndExpectSaved(page, 'idle_action', { action: 'assign_conversation', assignTo: 'auto', idleHours: 1, idleMinutes: 30 }, () =>
    radio(form, ACTION, 'Assign conversation').click(),
  );
  await expect(radio(form, 'Assign to', 'Auto')).toBeChecked();

  // Division: an error until one is chosen.
  await radio(form, 'Assign to', 'Division').click();
  const division = form.getByRole('combobox', { name: 'Division' });
  // Choosing the target paints nothing red; asking what to fix shows the picker's error.
  await expectNoFieldError(division);
  await page.getByRole('button', { name: 'Show what to fix' }).click();
  await expectFieldError(division, 'Choose a division.');
  await expectInvalidStatus(page);
  await editAndExpectSaved(page, 'idle_action', { assignTo: 'division', divisionId: 'div-billing' }, () => pick(page, division, 'Billing'));

  // Agent: the same.
  await radio(form, 'Assign to', 'Agent').click();
  const agent = form.getByRole('combobox', { name: 'Agent' });
  await expectFieldError(agent, 'Choose an agent.');
  await expectInvalidStatus(page);
  await editAndExpectSaved(page, 'idle_action', { action: 'assign_conversation', assignTo: 'agent', agentId: 'agt-budi', closingMessage: CLOSING }, () =>
    pick(page, agent, 'Budi Santoso'),
  );

  await page.reload();
  await expect(radio(form, ACTION, 'Assign conversation')).toBeChecked();
  await expect(radio(form, 'Assign to', 'Agent')).toBeChecked();
  await expect(agent).toHaveText(/Budi Santoso/);
  await expect(hours).toHaveValue('1');
  await expect(minutes).toHaveValue('30');
  await expect(closing).toHaveValue(CLOSING);
});

test('an idle time of 0 h 0 min, 60 minutes, or a closing message of spaces is an inline error and is not saved', async ({ page, host }) => {
  createSeededTenant(host.dataDir, 'Toko Maju');
  await openApp(page, await host.start());
  await openTenant(page, 'Toko Maju');
  const form = await openArea(page, 'Idle Action');
  const hours = form.getByRole('spinbutton', { name: 'Hours' });
  const minutes = form.getByRole('spinbutton', { name: 'Minutes' });
  const closing = form.getByRole('textbox', { name: 'Closing message' });

  await editAndExpectSaved(page, 'idle_action', { action: 'resolve_conversation', idleHours: 0, idleMinutes: 45, closingMessage: CLOSING }, async () => {
    await radio(form, ACTION, 'Resolve conversation').click();
    await minutes.fill('45');
    await closing.fill(CLOSING);
  });
  for (const control of [hours, minutes, closing]) await expectNoFieldError(control);

  // 0 h 0 min.
  await minutes.fill('0');
  await expectFieldError(hours, 'Customer idle time must be more than 0 minutes.');
  await expectInvalidStatus(page);
  await minutes.fill('45');
  await expectNoFieldError(hours);

  // Minutes 60 (an hour is written as 1 h 0 min).
  await minutes.fill('60');
  await expectFieldError(minutes, 'Minutes must be a whole number from 0 to 59.');
  await expectInvalidStatus(page);
  await minutes.fill('45');
  await expectNoFieldError(minutes);

  // A closing message of spaces only.
  await closing.fill('   ');
  await expectFieldError(closing, 'This message cannot be only spaces.');
  await expectInvalidStatus(page);

  // None of the bad values reached the store.
  await page.reload();
  await expect(radio(form, ACTION, 'Resolve conversation')).toBeChecked();
  await expect(hours).toHaveValue('0');
  await expect(minutes).toHaveValue('45');
  await expect(closing).toHaveValue(CLOSING);
  for (const control of [hours, minutes, closing]) await expectNoFieldError(control);
});
