import { test, expect } from '../support/e2e/fixtures';
import { createSeededTenant } from '../support/e2e/seed-catalog';
import { expectFieldError, openApp } from '../support/e2e/ui';

test('switching to Bahasa Indonesia changes the labels, the errors and html[lang], is remembered, and switches back', async ({ page, host }) => {
  createSeededTenant(host.dataDir, 'Toko Maju');
  await openApp(page, await host.start());
  const html = page.locator('html');
  const language = page.getByRole('group', { name: 'Language' });
  await expect(html).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1, name: 'Tenants', exact: true })).toBeVisible();

  await language.getByRole('button', { name: 'Bahasa Indonesia' }).click();
  await expect(html).toHaveAttribute('lang', 'id');
  await expect(page.getByRole('heading', { level: 1, name: 'Tenant', exact: true })).toBeVisible();
  await expect(page.getByRole('searchbox', { name: 'Cari tenant' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Tambah tenant', exact: true })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Bahasa' }).getByRole('button', { name: 'Bahasa Indonesia' })).toHaveAttribute('aria-pressed', 'true');

  // The settings form, and its validation messages, in Indonesian.
  await page.getByRole('link', { name: 'Toko Maju', exact: true }).click();
  // The platform's own names stay as it shows them (the glossary): AI Response, Idle Action.
  const form = page.getByRole('form', { name: 'AI Response' });
  await expect(form).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Area pengaturan' }).getByRole('link', { name: 'Idle Action' })).toBeVisible();
  const threshold = form.getByRole('spinbutton', { name: 'Ambang batas' });
  await expect(form.getByRole('radio', { name: 'Lanjutkan dengan bot' })).toBeChecked();
  await threshold.fill('0');
  await expectFieldError(threshold, 'Ambang batas harus bilangan bulat dari 1 sampai 100.');
  await expect(page.getByTestId('save-status')).toHaveText('Belum tersimpan: perbaiki kolom yang ditandai');

  // Back to English: the same controls and the error already shown, in English words.
  await page.getByRole('group', { name: 'Bahasa' }).getByRole('button', { name: 'English' }).click();
  await expect(html).toHaveAttribute('lang', 'en');
  const englishForm = page.getByRole('form', { name: 'AI Response' });
  await expect(englishForm).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Area pengaturan' })).toHaveCount(0);
  await expect(englishForm.getByRole('radio', { name: 'Continue with the bot' })).toBeChecked();
  await expectFieldError(englishForm.getByRole('spinbutton', { name: 'Threshold' }), 'Threshold must be a whole number from 1 to 100.');
  await expect(page.getByTestId('save-status')).toHaveText('Not saved: fix the highlighted fields');

  // The choice is remembered across a reload.
  await language.getByRole('button', { name: 'Bahasa Indonesia' }).click();
  await expect(html).toHaveAttribute('lang', 'id');
  await page.reload();
  await expect(html).toHaveAttribute('lang', 'id');
  await expect(form).toBeVisible();
  await page.getByRole('group', { name: 'Bahasa' }).getByRole('button', { name: 'English' }).click();
  await expect(englishForm).toBeVisible();
});
