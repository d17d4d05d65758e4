import type { Page } from '@playwright/test';
import { test, expect } from '../support/e2e/fixtures';
import { createSeededTenant } from '../support/e2e/seed-catalog';
import { editAndExpectSaved, openApp, openArea, openTenant, pick, radio, tenantRow } from '../support/e2e/ui';

const WHEN_REACHED = 'When the threshold is reached';
const ACTION = 'When the customer stops replying';
const HANDOVER = 'Agen kami akan segera membalas.';
const CLOSING = 'Percakapan ditutup karena tidak ada balasan.';

async function expectBothDrafts(page: Page): Promise<void> {
  const ai = await openArea(page, 'AI Response');
  await expect(ai.getByRole('spinbutton', { name: 'Threshold' })).toHaveValue('7');
  await expect(radio(ai, WHEN_REACHED, 'Specific division')).toBeChecked();
  await expect(ai.getByRole('combobox', { name: 'Division' })).toHaveText(/Onboarding/);
  await expect(ai.getByRole('textbox', { name: 'Handover message' })).toHaveValue(HANDOVER);
  await expect(ai.getByTestId('draft-banner')).toBeVisible();

  const idle = await openArea(page, 'Idle Action');
  await expect(radio(idle, ACTION, 'Resolve conversation')).toBeChecked();
  await expect(idle.getByRole('spinbutton', { name: 'Hours' })).toHaveValue('2');
  await expect(idle.getByRole('spinbutton', { name: 'Minutes' })).toHaveValue('15');
  await expect(idle.getByRole('textbox', { name: 'Closing message' })).toHaveValue(CLOSING);
  await expect(idle.getByTestId('draft-banner')).toBeVisible();
}

test('every autosaved draft is still there after a reload and after the host restarts', async ({ page, host }) => {
  createSeededTenant(host.dataDir, 'Toko Maju');
  await openApp(page, await host.start());
  await expect(tenantRow(page, 'Toko Maju').getByText(/unpublished/)).toHaveCount(0);
  await openTenant(page, 'Toko Maju');

  const ai = page.getByRole('form', { name: 'AI Response' });
  await editAndExpectSaved(
    page,
    'ai_response',
    { threshold: 7, onThreshold: 'specific_division', divisionId: 'div-onboarding', handoverMessage: HANDOVER },
    async () => {
      await ai.getByRole('spinbutton', { name: 'Threshold' }).fill('7');
      await radio(ai, WHEN_REACHED, 'Specific division').click();
      await pick(page, ai.getByRole('combobox', { name: 'Division' }), 'Onboarding');
      await ai.getByRole('textbox', { name: 'Handover message' }).fill(HANDOVER);
    },
  );

  const idle = await openArea(page, 'Idle Action');
  await editAndExpectSaved(page, 'idle_action', { action: 'resolve_conversation', idleHours: 2, idleMinutes: 15, closingMessage: CLOSING }, async () => {
    await radio(idle, ACTION, 'Resolve conversation').click();
    await idle.getByRole('spinbutton', { name: 'Hours' }).fill('2');
    await idle.getByRole('spinbutton', { name: 'Minutes' }).fill('15');
    await idle.getByRole('textbox', { name: 'Closing message' }).fill(CLOSING);
  });

  await page.reload();
  await expectBothDrafts(page);

  // A new host process on the same data directory: a new address (port and token).
  const before = host.url;
  const after = await host.restart();
  expect(after).not.toBe(before);
  await openApp(page, after);
  await expect(tenantRow(page, 'Toko Maju')).toContainText('2 unpublished');
  await openTenant(page, 'Toko Maju');
  await expectBothDrafts(page);
});

test('the draft banner offers to discard the draft, which (after a confirmation) brings the defaults back', async ({ page, host }) => {
  createSeededTenant(host.dataDir, 'Toko Maju');
  await openApp(page, await host.start());
  await openTenant(page, 'Toko Maju');
  const form = page.getByRole('form', { name: 'AI Response' });
  const threshold = form.getByRole('spinbutton', { name: 'Threshold' });
  const banner = form.getByTestId('draft-banner');
  await expect(banner).toBeHidden(); // a new tenant's settings are the defaults, not a draft

  await editAndExpectSaved(page, 'ai_response', { threshold: 25, onThreshold: 'any_available_agent', handoverMessage: HANDOVER }, async () => {
    await threshold.fill('25');
    await radio(form, WHEN_REACHED, 'Any available agent').click();
    await form.getByRole('textbox', { name: 'Handover message' }).fill(HANDOVER);
  });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('Draft — not yet published');

  // Cancel keeps the draft.
  await banner.getByRole('button', { name: 'Discard draft' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Discard the draft?' });
  await expect(confirm).toContainText('Your unpublished changes to AI Response will be lost');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  await expect(threshold).toHaveValue('25');
  await expect(banner).toBeVisible();

  // Confirming discards it.
  await banner.getByRole('button', { name: 'Discard draft' }).click();
  await confirm.getByRole('button', { name: 'Discard draft' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole('region', { name: /Notifications/ }).getByText('Draft discarded', { exact: true })).toBeVisible();
  await expect(threshold).toHaveValue('10');
  await expect(radio(form, WHEN_REACHED, 'Continue with the bot')).toBeChecked();
  await expect(form.getByRole('textbox', { name: 'Handover message' })).toBeHidden();
  await expect(banner).toBeHidden();

  // In the store too.
  await page.reload();
  await expect(threshold).toHaveValue('10');
  await expect(radio(form, WHEN_REACHED, 'Continue with the bot')).toBeChecked();
  await expect(banner).toBeHidden();
});
