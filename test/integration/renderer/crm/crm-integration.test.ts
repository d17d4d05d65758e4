import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DealSetting } from '../../../../shared/schemas/crm';
import { demoCrmCatalog, disconnectedCrmCatalog } from '../../../support/core/demo-crm-catalog';
import { openRealCore, type RealCore } from '../../../support/renderer/real-core';
import { mountApp, type MountedApp } from '../../../support/renderer/mount-app';
import { chooseOption, click, describedText, getByLabel, getByRole, keydown, queryAllByRole, queryByLabel, type, waitFor } from '../../../support/renderer/dom';

let real: RealCore;
let app: MountedApp | null = null;
let tenantId: string;

const complete: DealSetting = {
  botResponseId: 'br-demo',
  enabled: true,
  pipelineId: 'pl-sales',
  stageId: 'st-qualified',
  dealName: 'Demo request from chatbot',
  ownerId: 'owner-ayu',
  sourceId: 'src-chatbot',
  customerContactAssociation: true,
};

beforeEach(() => {
  real = openRealCore();
  tenantId = real.core.services.tenants.create({ name: 'Acme Retail' }).id;
});
afterEach(async () => {
  app?.unmount();
  app = null;
  await real.close();
});

const deals = () => real.core.services.dealSettings.list(tenantId);
const rows = () => [...document.querySelectorAll<HTMLElement>('[data-testid="deal-setting-row"]')];
const optionNames = () => queryAllByRole('option').map((option) => (option.textContent ?? '').replace(/\s+/g, ' ').replace('✓', '').trim());

async function openPage(locale: 'en' | 'id' = 'en') {
  app = await mountApp(real.client, { path: `/tenants/${tenantId}/crm-integration`, locale });
  await waitFor(() => !document.querySelector('.crm-page [role="status"]')?.textContent?.includes('Loading'));
}

/** Opens a Select's list with the keyboard, reads its options, and closes it again. */
async function optionsOf(trigger: HTMLElement): Promise<string[]> {
  trigger.focus();
  keydown(trigger, 'Enter');
  await waitFor(() => queryAllByRole('option').length > 0);
  const names = optionNames();
  keydown(document.activeElement as HTMLElement, 'Escape');
  await waitFor(() => trigger.getAttribute('aria-expanded') === 'false');
  return names;
}

/** Opens a row's `Action` menu and picks an item, as a keyboard user would. */
async function rowAction(botResponse: string, item: 'Edit deal settings' | 'Delete deal settings') {
  const trigger = getByRole('button', `Action for ${botResponse}`);
  trigger.focus();
  keydown(trigger, 'Enter');
  const menuItem = await waitFor(() => getByRole('menuitem', item));
  click(menuItem);
}

async function openEditor(botResponse: string) {
  await rowAction(botResponse, 'Edit deal settings');
  const sheet = await waitFor(() => getByRole('dialog', /Edit deal settings/));
  await waitFor(() => sheet.contains(document.activeElement));
  return sheet;
}

describe('CRM Integration page', () => {
  it('is in the navigation; with the CRM not connected it explains, and offers no form at all', async () => {
    real.core.services.crmCatalog.replace(tenantId, demoCrmCatalog());
    real.core.services.dealSettings.create({ tenantId, draft: complete });
    real.core.services.crmCatalog.replace(tenantId, disconnectedCrmCatalog());
    await openPage();

    expect(getByRole('link', 'CRM Integration').getAttribute('aria-current')).toBe('page');
    const explain = document.querySelector<HTMLElement>('[data-testid="crm-not-connected"]')!;
    expect(explain.textContent).toContain('The CRM is not connected');
    expect(explain.textContent).toContain('Activate the CRM and connect it');
    expect(document.querySelectorAll('form, input, textarea, [role="combobox"], [role="switch"], [role="checkbox"]')).toHaveLength(0);
    expect(queryAllByRole('button', /Action|Add deal setting|Save changes/)).toHaveLength(0);
    expect(document.querySelector('[data-testid="deal-settings"]')).toBeNull();
  });

  it('before the first fetch it says the connection is not known yet, also in Indonesian', async () => {
    await openPage('id');
    expect(getByRole('link', 'CRM Integration')).toBeTruthy();
    expect(document.querySelector('[data-testid="crm-not-connected"]')?.textContent).toContain('Koneksi CRM belum diketahui');
    expect(document.querySelectorAll('form')).toHaveLength(0);
  });

  it('lists the deal settings with bot response, pipeline, stage, owner, enabled and draft state, and names a dropped stage', async () => {
    real.core.services.crmCatalog.replace(tenantId, demoCrmCatalog());
    real.core.services.dealSettings.create({ tenantId, draft: { ...complete, stageId: 'st-won' } });
    const smaller = demoCrmCatalog();
    smaller.pipelines[0]!.stages = smaller.pipelines[0]!.stages.filter((stage) => stage.id !== 'st-won');
    real.core.services.crmCatalog.replace(tenantId, smaller);
    await openPage();

    const [row] = await waitFor(() => (rows().length === 1 ? rows() : null));
    const cells = [...row!.querySelectorAll('th, td')].map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim());
    expect(cells.slice(0, 6)).toEqual(['Book a demo', 'Sales pipeline', 'Won', 'Ayu Lestari', 'Enabled', 'Draft']);
    expect(document.querySelector('[data-testid="deal-settings"]')?.textContent).toContain(
      'Held back from publishing: Stage “Won” of pipeline “Sales pipeline” is no longer in the CRM.',
    );
  });

  it('a dropped stage is an error on Stage as soon as the sheet opens, and the stage is offered marked as gone', async () => {
    real.core.services.crmCatalog.replace(tenantId, demoCrmCatalog());
    real.core.services.dealSettings.create({ tenantId, draft: complete });
    const smaller = demoCrmCatalog();
    smaller.pipelines[0]!.stages = smaller.pipelines[0]!.stages.filter((stage) => stage.id !== 'st-qualified');
    real.core.services.crmCatalog.replace(tenantId, smaller);
    await openPage();
    await openEditor('Book a demo');

    const stage = await waitFor(() => (getByLabel('Stage').getAttribute('aria-invalid') === 'true' ? getByLabel('Stage') : null));
    expect(describedText(stage)).toContain('Stage “Qualified” of pipeline “Sales pipeline” is no longer in the CRM.');
    expect(await optionsOf(stage)).toEqual(['New lead', 'Proposal sent', 'Won', 'Lost', 'Qualified (no longer in the catalog)']);
  });

  it('Stage offers only the chosen pipeline’s stages in CRM order; another pipeline clears the stage and says so; Save changes stores it', async () => {
    real.core.services.crmCatalog.replace(tenantId, demoCrmCatalog());
    const created = real.core.services.dealSettings.create({ tenantId, draft: complete });
    await openPage();
    const sheet = await openEditor('Book a demo');

    const labels = [...sheet.querySelectorAll('label')].map((label) => label.textContent?.trim());
    expect(labels).toEqual(['Deal setting', 'Pipeline', 'Stage', 'Deal name', 'Owner', 'Source', 'Customer contact association']);
    expect(getByRole('button', 'Save changes', sheet)).toBeTruthy();
    expect(getByLabel('Deal setting').getAttribute('role')).toBe('switch');
    expect(getByLabel('Customer contact association').getAttribute('role')).toBe('checkbox');

    const stage = getByLabel<HTMLButtonElement>('Stage');
    expect(stage.textContent).toContain('Qualified');
    expect(await optionsOf(stage)).toEqual(['New lead', 'Qualified', 'Proposal sent', 'Won', 'Lost']);

    await chooseOption(getByLabel('Pipeline'), 'Partnerships');
    await waitFor(() => !getByLabel('Stage').textContent?.includes('Qualified'));
    const notice = sheet.querySelector('[data-testid="stage-notice"]')!;
    expect(notice.getAttribute('aria-live')).toBe('polite');
    expect(notice.textContent).toContain('Stage “Qualified” was cleared: it is not a stage of pipeline “Partnerships”.');
    expect(await optionsOf(getByLabel('Stage'))).toEqual(['Lead', 'Negotiation', 'Signed']);

    // Without a stage an enabled deal setting is not saved: the field says why.
    click(getByRole('button', 'Save changes', sheet));
    await waitFor(() => getByLabel('Stage').getAttribute('aria-invalid') === 'true');
    expect(describedText(getByLabel('Stage'))).toContain('Choose a stage.');
    expect(document.activeElement).toBe(getByLabel('Stage'));
    expect(deals()[0]!.draft.pipelineId).toBe('pl-sales');

    await chooseOption(getByLabel('Stage'), 'Negotiation');
    click(getByRole('button', 'Save changes', sheet));
    await waitFor(() => queryAllByRole('dialog').length === 0);
    expect(real.core.services.dealSettings.get({ tenantId, id: created.id }).draft).toEqual({ ...complete, pipelineId: 'pl-partner', stageId: 'st-partner-nego' });
    await waitFor(() => rows()[0]!.textContent?.includes('Negotiation'));
  });

  it('the sheet takes the focus, keeps the fields in order, and Esc gives the focus back to the row’s Action menu', async () => {
    real.core.services.crmCatalog.replace(tenantId, demoCrmCatalog());
    real.core.services.dealSettings.create({ tenantId, draft: complete });
    await openPage();
    const sheet = await openEditor('Book a demo');
    expect(sheet.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(sheet.getAttribute('aria-describedby')!)?.textContent).toBe('Bot response: Book a demo');

    keydown(document.activeElement as HTMLElement, 'Escape');
    await waitFor(() => queryAllByRole('dialog').length === 0);
    await waitFor(() => document.activeElement === getByRole('button', 'Action for Book a demo'));
    expect(deals()[0]!.draft).toEqual(complete);
  });

  it('a blank deal name of an enabled deal setting is an inline error and nothing is saved', async () => {
    real.core.services.crmCatalog.replace(tenantId, demoCrmCatalog());
    real.core.services.dealSettings.create({ tenantId, draft: complete });
    await openPage();
    const sheet = await openEditor('Book a demo');

    const name = getByLabel('Deal name');
    type(name, '   ');
    await waitFor(() => name.getAttribute('aria-invalid') === 'true');
    expect(describedText(name)).toContain('Deal name is required.');
    click(getByRole('button', 'Save changes', sheet));
    await waitFor(() => sheet.textContent?.includes('Not saved: fix the highlighted fields.'));
    expect(deals()[0]!.draft.dealName).toBe('Demo request from chatbot');
  });

  it('Owner is searchable: typing filters the long list', async () => {
    real.core.services.crmCatalog.replace(tenantId, demoCrmCatalog());
    real.core.services.dealSettings.create({ tenantId, draft: complete });
    await openPage();
    await openEditor('Book a demo');

    const owner = getByLabel('Owner');
    expect(owner.getAttribute('role')).toBe('combobox');
    expect((owner as HTMLInputElement).value).toBe('Ayu Lestari');
    type(owner, 'kart');
    await waitFor(() => optionNames().length > 0 && optionNames().every((name) => /kart/i.test(name)));
    expect(optionNames()).toEqual(['Dewi Kartika', 'Kartini Sari']);
  });

  it('creates a deal setting for a bot response that has none, and opens it', async () => {
    real.core.services.crmCatalog.replace(tenantId, demoCrmCatalog());
    real.core.services.dealSettings.create({ tenantId, draft: complete });
    await openPage();

    const picker = getByLabel('Bot response without a deal setting');
    expect(await optionsOf(picker)).toEqual(['Ask for pricing', 'Track an order', 'File a complaint']);
    await chooseOption(picker, 'Track an order');
    click(getByRole('button', 'Add deal setting'));
    const sheet = await waitFor(() => getByRole('dialog', /Edit deal settings/));
    expect(sheet.textContent).toContain('Bot response: Track an order');
    expect(deals().map((doc) => doc.draft.botResponseId)).toEqual(['br-demo', 'br-order']);
    expect(deals()[1]!.draft.enabled).toBe(false);
    expect(getByLabel('Deal setting').getAttribute('aria-checked')).toBe('false');

    // Turning it on asks for the rest; closing keeps the new (disabled) draft and focuses its row.
    click(getByLabel('Deal setting'));
    await waitFor(() => getByLabel('Pipeline').getAttribute('aria-invalid') === 'true');
    expect(describedText(getByLabel('Pipeline'))).toContain('Choose a pipeline.');
    expect(describedText(getByLabel('Stage'))).toContain('Choose a pipeline first.');
    keydown(document.activeElement as HTMLElement, 'Escape');
    await waitFor(() => document.activeElement === getByRole('button', 'Action for Track an order'));
    expect(deals()[1]!.draft.enabled).toBe(false);
  });

  it('Delete deal settings asks first; the deletion can be undone while unpublished', async () => {
    real.core.services.crmCatalog.replace(tenantId, demoCrmCatalog());
    real.core.services.dealSettings.create({ tenantId, draft: complete });
    await openPage();

    await rowAction('Book a demo', 'Delete deal settings');
    const confirm = await waitFor(() => getByRole('alertdialog', /Delete the deal settings of “Book a demo”/));
    click(getByRole('button', 'Delete deal settings', confirm));
    await waitFor(() => deals()[0]!.deleted);
    const undo = await waitFor(() => getByRole('button', 'Undo delete of Book a demo'));
    await waitFor(() => document.activeElement === undo);
    expect(rows()[0]!.textContent).toContain('Deleted, not published');

    click(undo);
    await waitFor(() => !deals()[0]!.deleted);
    await waitFor(() => document.activeElement === getByRole('button', 'Action for Book a demo'));
    expect(queryByLabel('Deal name')).toBeNull();
  });
});
