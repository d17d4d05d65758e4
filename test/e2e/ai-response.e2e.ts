import { test, expect } from '../support/e2e/fixtures';
import { createSeededTenant, seedDemoCatalog } from '../support/e2e/seed-catalog';
import {
  addTenant,
  editAndExpectSaved,
  expectFieldError,
  expectInvalidStatus,
  expectNoFieldError,
  openApp,
  openTenant,
  pick,
  radio,
  saveStatus,
} from '../support/e2e/ui';

const WHEN_REACHED = 'When the threshold is reached';
const HANDOVER = 'Mohon tunggu sebentar, agen kami segera membantu Anda.';

test('a tenant added in the app gets its catalog seeded, then takes AI Response in each mode', async ({ page, host }) => {
  await openApp(page, await host.start());
  await addTenant(page, 'Toko Maju', 'https://service-chat.qontak.com/api/open/v1');
  await openTenant(page, 'Toko Maju');

  // No catalog yet: the division picker has nothing to offer and says why.
  await radio(page, WHEN_REACHED, 'Specific division').click();
  const division = page.getByRole('combobox', { name: 'Division' });
  await expect(division).toBeDisabled();
  await expect(division).toHaveAccessibleDescription(/No catalog yet/);

  // Seed the catalog through the core while the host (which holds the store's lock) is stopped.
  await host.stop();
  seedDemoCatalog(host.dataDir, 'Toko Maju');
  await openApp(page, await host.start());
  await openTenant(page, 'Toko Maju');

  const form = page.getByRole('form', { name: 'AI Response' });
  const threshold = form.getByRole('spinbutton', { name: 'Threshold' });
  const handover = form.getByRole('textbox', { name: 'Handover message' });
  await expect(threshold).toHaveValue('10');
  await expect(radio(form, WHEN_REACHED, 'Continue with the bot')).toBeChecked();
  await expect(handover).toBeHidden(); // no handover, no message

  // Continue with the bot, with a threshold.
  await editAndExpectSaved(page, 'ai_response', { threshold: 3, onThreshold: 'continue_with_bot' }, () => threshold.fill('3'));

  // Any available agent, with a handover message.
  await editAndExpectSaved(page, 'ai_response', { threshold: 5, onThreshold: 'any_available_agent', handoverMessage: HANDOVER }, async () => {
    await radio(form, WHEN_REACHED, 'Any available agent').click();
    await threshold.fill('5');
    await handover.fill(HANDOVER);
  });
  await expect(form.getByTestId('char-counter')).toHaveText(`${HANDOVER.length} / 1000 characters`);

  // Specific division: an error until a division is chosen, then saved.
  await radio(form, WHEN_REACHED, 'Specific division').click();
  await expect(division).toBeEnabled();
  // Choosing the mode paints nothing red; asking what to fix shows the picker's error.
  await expectNoFieldError(division);
  await page.getByRole('button', { name: 'Show what to fix' }).click();
  await expectFieldError(division, 'Choose a division.');
  await expectInvalidStatus(page);
  await editAndExpectSaved(page, 'ai_response', { onThreshold: 'specific_division', divisionId: 'div-support' }, () =>
    pick(page, division, 'Customer Support'),
  );
  await expectNoFieldError(division);

  // Specific agent: the same.
  await radio(form, WHEN_REACHED, 'Specific agent').click();
  const agent = form.getByRole('combobox', { name: 'Agent' });
  await expectFieldError(agent, 'Choose an agent.');
  await expectInvalidStatus(page);
  await editAndExpectSaved(page, 'ai_response', { onThreshold: 'specific_agent', agentId: 'agt-siti', threshold: 5, handoverMessage: HANDOVER }, () =>
    pick(page, agent, 'Siti Rahayu'),
  );
  await expectNoFieldError(agent);

  // What was saved is what comes back.
  await page.reload();
  await expect(radio(form, WHEN_REACHED, 'Specific agent')).toBeChecked();
  await expect(agent).toHaveText(/Siti Rahayu/);
  await expect(threshold).toHaveValue('5');
  await expect(handover).toHaveValue(HANDOVER);
});

test('a threshold of 0, 1.5 or 101 is an inline error and is not saved', async ({ page, host }) => {
  createSeededTenant(host.dataDir, 'Toko Maju');
  await openApp(page, await host.start());
  await openTenant(page, 'Toko Maju');
  const threshold = page.getByRole('spinbutton', { name: 'Threshold' });

  await editAndExpectSaved(page, 'ai_response', { threshold: 100 }, () => threshold.fill('100'));
  await expectNoFieldError(threshold);

  for (const bad of ['0', '1.5', '101']) {
    // From a valid value each time, so that each bad one must raise the error itself.
    await threshold.fill('100');
    await expectNoFieldError(threshold);
    await threshold.fill(bad);
    await expectFieldError(threshold, 'Threshold must be a whole number from 1 to 100.');
    await expectInvalidStatus(page);
  }

  // The store still has the last valid value.
  await page.reload();
  await expect(threshold).toHaveValue('100');
  await expectNoFieldError(threshold);
  await expect(saveStatus(page)).not.toHaveAttribute('data-status', 'invalid');
});
