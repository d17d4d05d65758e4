import { existsSync } from 'node:fs';
import { storePaths } from '../../electron/core/store/store-paths';
import { expect, test as sandboxTest } from '../support/e2e/sandbox-fixture';
import { dealRow, openCrmIntegration, optionsOf, publishDealSettings, pull, signIn } from '../support/e2e/crm-ui';
import { readStoreKeychain } from '../support/e2e/store-keychain';
import { addTenant, openApp, openTenant, pick } from '../support/e2e/ui';

/**
 * CRM Integration end to end: the real host and the real sandbox backend over HTTP, in
 * Chromium. Sign in, pull the CRM catalog and the deal settings, add one, publish it, find it on
 * the backend, delete it and publish again; a tenant without CRM gets an explanation and no form;
 * a stage the CRM drops is named on the deal setting that uses it after the next pull.
 */
const test = sandboxTest.extend<{ keychainCleanup: void }>({
  // The session tokens of the sign-ins stay in the keyring, which outlives the data directory.
  keychainCleanup: [
    async ({ host }, use) => {
      await use();
      await host.stop();
      if (existsSync(storePaths(host.dataDir).db)) await (await readStoreKeychain(host.dataDir)).clear();
    },
    { auto: true },
  ],
});

/** Demo accounts of the sandbox (test/sandbox/README.md). */
const ACME = { username: 'admin@acme-retail.test', password: 'acme-sandbox-1' };
const CENDANA = { username: 'admin@cendana-clinic.test', password: 'cendana-sandbox-1' };

const SALES_STAGES = ['New lead', 'Qualified', 'Proposal sent', 'Won', 'Lost'];
const PARTNER_STAGES = ['Lead', 'Negotiation', 'Signed'];

test('deal settings: pull, create, publish, delete, CRM not connected, a removed stage named', async ({ page, host, sandbox }) => {
  await host.start();
  await openApp(page, host.url);
  await addTenant(page, 'Acme Retail', sandbox.baseUrl);
  await addTenant(page, 'Cendana Clinic', sandbox.baseUrl);

  // ---- connect and pull: the backend's deal setting (Book a demo) and catalog arrive
  await openTenant(page, 'Acme Retail');
  await signIn(page, ACME);
  await pull(page);
  const crm = await openCrmIntegration(page);
  await expect(dealRow(page, 'Book a demo')).toContainText('Sales pipeline');
  await expect(dealRow(page, 'Book a demo')).toContainText('Qualified');
  await expect(dealRow(page, 'Book a demo')).toContainText('Published');

  // ---- a new deal setting for a bot response without one
  const addPicker = crm.getByRole('combobox', { name: 'Bot response without a deal setting' });
  expect(await optionsOf(page, addPicker)).toEqual(['Ask for pricing', 'Track an order', 'File a complaint']);
  await pick(page, addPicker, 'Ask for pricing');
  await crm.getByRole('button', { name: 'Add deal setting', exact: true }).click();
  const sheet = page.getByRole('dialog', { name: 'Edit deal settings' });
  await expect(sheet).toBeVisible();
  await expect(sheet).toContainText('Bot response: Ask for pricing');

  await sheet.getByRole('switch', { name: 'Deal setting' }).click();
  await expect(sheet.getByRole('switch', { name: 'Deal setting' })).toBeChecked();
  const pipeline = sheet.getByRole('combobox', { name: 'Pipeline', exact: true });
  const stage = sheet.getByRole('combobox', { name: 'Stage', exact: true });
  await expect(stage).toBeDisabled(); // no pipeline yet: no stages
  await pick(page, pipeline, 'Sales pipeline');
  expect(await optionsOf(page, stage)).toEqual(SALES_STAGES);
  await pick(page, stage, 'Proposal sent');

  // The stage list follows the pipeline; a stage of the other pipeline is cleared, and it says so.
  await pick(page, pipeline, 'Partnerships');
  await expect(sheet.getByTestId('stage-notice')).toHaveText(
    'Stage “Proposal sent” was cleared: it is not a stage of pipeline “Partnerships”. Choose a stage again.',
  );
  await expect(stage).toHaveText(/Choose a stage/);
  expect(await optionsOf(page, stage)).toEqual(PARTNER_STAGES);
  await pick(page, stage, 'Negotiation');

  await sheet.getByLabel('Deal name', { exact: true }).fill('Pricing enquiry');
  await pick(page, sheet.getByRole('combobox', { name: 'Owner', exact: true }), 'Dewi Kartika');
  await pick(page, sheet.getByRole('combobox', { name: 'Source', exact: true }), 'WhatsApp');
  await sheet.getByRole('checkbox', { name: 'Customer contact association' }).click();
  await sheet.getByRole('button', { name: 'Save changes', exact: true }).click();
  await expect(sheet).toBeHidden();

  const pricing = dealRow(page, 'Ask for pricing');
  await expect(pricing).toContainText('Partnerships');
  await expect(pricing).toContainText('Negotiation');
  await expect(pricing).toContainText('Dewi Kartika');
  await expect(pricing).toContainText('Enabled');
  await expect(pricing).toContainText('Draft');

  // ---- publish it, and find it on the backend
  await publishDealSettings(page, ['create']);
  await expect(pricing).toContainText('Published');
  const published = (await sandbox.admin.state(ACME.username)).dealSettings.map((doc) => doc.value);
  expect(published).toHaveLength(2);
  expect(published).toContainEqual({
    botResponseId: 'br-pricing',
    enabled: true,
    pipelineId: 'pl-partner',
    stageId: 'st-partner-nego',
    dealName: 'Pricing enquiry',
    ownerId: 'owner-dewi',
    sourceId: 'src-whatsapp',
    customerContactAssociation: true,
  });

  // ---- delete it (confirmed), publish: gone from the backend and from the list
  await pricing.getByRole('button', { name: 'Action for Ask for pricing' }).click();
  await page.getByRole('menuitem', { name: 'Delete deal settings' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete the deal settings of “Ask for pricing”?' });
  await confirm.getByRole('button', { name: 'Delete deal settings', exact: true }).click();
  await expect(pricing).toContainText('Deleted, not published');
  await publishDealSettings(page, ['delete']);
  await expect(pricing).toHaveCount(0);
  const remaining = (await sandbox.admin.state(ACME.username)).dealSettings.map((doc) => doc.value.botResponseId);
  expect(remaining).toEqual(['br-demo']);

  // ---- the CRM drops the stage Book a demo uses: after a pull it is named, and held back
  await sandbox.admin.removeCatalogEntry(ACME.username, 'stages', 'st-qualified');
  await pull(page);
  await expect(crm.getByText('Held back from publishing: Stage “Qualified” of pipeline “Sales pipeline” is no longer in the CRM.')).toBeVisible();
  await dealRow(page, 'Book a demo').getByRole('button', { name: 'Action for Book a demo' }).click();
  await page.getByRole('menuitem', { name: 'Edit deal settings' }).click();
  await expect(sheet).toBeVisible();
  await expect(stage).toHaveAccessibleDescription(/Stage “Qualified” of pipeline “Sales pipeline” is no longer in the CRM\./);
  expect(await optionsOf(page, stage)).toEqual(['New lead', 'Proposal sent', 'Won', 'Lost', 'Qualified (no longer in the catalog)']);
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();

  // ---- a tenant whose CRM is not connected: the explanation, nothing to edit
  await page.getByRole('link', { name: 'All tenants' }).click();
  await expect(page.locator('#tenants-heading')).toBeVisible();
  await openTenant(page, 'Cendana Clinic');
  await signIn(page, CENDANA);
  await pull(page);
  const cendana = await openCrmIntegration(page);
  await expect(cendana.getByRole('heading', { name: 'The CRM is not connected' })).toBeVisible();
  await expect(cendana).toContainText('Activate the CRM and connect it');
  await expect(cendana.locator('form, table, input, button, [role="combobox"]')).toHaveCount(0);
});
