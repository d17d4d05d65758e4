import { test, expect } from '../support/e2e/fixtures';
import { addTenant, openApp, tenantRow } from '../support/e2e/ui';

const BACKEND_URL = 'https://service-chat.qontak.com/api/open/v1';

test('adds, renames, searches and deletes tenants (with confirmation), and the list survives a reload', async ({ page, host }) => {
  await openApp(page, await host.start());
  await expect(page.getByRole('heading', { name: 'No tenants yet' })).toBeVisible();

  await addTenant(page, 'Toko Maju', BACKEND_URL);
  await expect(tenantRow(page, 'Toko Maju')).toContainText(BACKEND_URL);
  await addTenant(page, 'Warung Sejahtera');
  await expect(tenantRow(page, 'Warung Sejahtera')).toContainText('No backend URL yet');
  await expect(page.getByTestId('tenant-row')).toHaveCount(2);

  // A second tenant with the same name is refused on its field, and nothing is added.
  await page.getByRole('button', { name: 'Add tenant', exact: true }).click();
  const addDialog = page.getByRole('dialog', { name: 'Add tenant' });
  await addDialog.getByLabel('Tenant name').fill('toko maju');
  await addDialog.getByRole('button', { name: 'Add tenant', exact: true }).click();
  await expect(addDialog.getByLabel('Tenant name')).toHaveAttribute('aria-invalid', 'true');
  await expect(addDialog).toContainText('A tenant with this name already exists.');
  await addDialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(addDialog).toBeHidden();
  await expect(page.getByTestId('tenant-row')).toHaveCount(2);

  // Rename.
  await page.getByRole('button', { name: 'Rename Toko Maju', exact: true }).click();
  const renameDialog = page.getByRole('dialog', { name: 'Rename tenant' });
  await expect(renameDialog.getByLabel('Tenant name')).toHaveValue('Toko Maju');
  await renameDialog.getByLabel('Tenant name').fill('Toko Maju Jaya');
  await renameDialog.getByRole('button', { name: 'Rename', exact: true }).click();
  await expect(renameDialog).toBeHidden();
  await expect(tenantRow(page, 'Toko Maju Jaya')).toBeVisible();
  await expect(tenantRow(page, 'Toko Maju')).toHaveCount(0);

  // Search, by name and case-insensitively; then a search that matches nothing; then clear it.
  const search = page.getByRole('searchbox', { name: 'Search tenants' });
  await search.fill('WARUNG');
  await expect(page.getByTestId('tenant-row')).toHaveCount(1);
  await expect(tenantRow(page, 'Warung Sejahtera')).toBeVisible();
  await search.fill('jaya');
  await expect(page.getByTestId('tenant-row')).toHaveCount(1);
  await expect(tenantRow(page, 'Toko Maju Jaya')).toBeVisible();
  await search.fill('no such tenant');
  await expect(page.getByText('No tenant matches “no such tenant”.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear search' }).click();
  await expect(search).toHaveValue('');
  await expect(page.getByTestId('tenant-row')).toHaveCount(2);

  // Delete asks first: Cancel keeps the tenant, the confirmation deletes it.
  await page.getByRole('button', { name: 'Delete Warung Sejahtera', exact: true }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete “Warung Sejahtera”?' });
  await expect(confirm).toContainText('This cannot be undone.');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  await expect(tenantRow(page, 'Warung Sejahtera')).toBeVisible();

  await page.getByRole('button', { name: 'Delete Warung Sejahtera', exact: true }).click();
  await confirm.getByRole('button', { name: 'Delete tenant' }).click();
  await expect(confirm).toBeHidden();
  await expect(tenantRow(page, 'Warung Sejahtera')).toHaveCount(0);
  await expect(page.getByTestId('tenant-row')).toHaveCount(1);

  // All of it is in the store, not only on the page.
  await page.reload();
  await expect(page.getByTestId('tenant-row')).toHaveCount(1);
  await expect(tenantRow(page, 'Toko Maju Jaya')).toContainText(BACKEND_URL);
});
