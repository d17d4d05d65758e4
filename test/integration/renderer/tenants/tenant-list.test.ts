import { describe, expect, it } from 'vitest';
import { appOnRealCore, tenantRowNames as rowNames, tenantRows as rows } from '../../../support/renderer/tenant-list';
import { chooseOption, click, describedText, getByLabel, getByRole, queryAllByRole, type, waitFor } from '../../../support/renderer/dom';
import { useTenantsStore } from '../../../../renderer/src/stores/tenants';

const harness = appOnRealCore();

async function addTenant(name: string, backendUrl = '') {
  click(getByRole('button', 'Add tenant'));
  const dialog = await waitFor(() => getByRole('dialog'));
  type(getByLabel('Tenant name'), name);
  // These tenants speak the settings API (the form proposes Qontak).
  await chooseOption(getByLabel('Connects to'), 'Chatbot Settings API');
  if (backendUrl) type(await waitFor(() => getByLabel('Backend URL')), backendUrl);
  click(getByRole('button', 'Add tenant', dialog));
  return dialog;
}

describe('tenant list', () => {
  it('shows the empty state, then adds a tenant through the dialog', async () => {
    await harness.mount();
    await waitFor(() => getByRole('heading', 'No tenants yet'));

    await addTenant('Acme Retail', 'https://service-chat.qontak.com/api/open/v1');
    await waitFor(() => rowNames().includes('Acme Retail'));
    expect(queryAllByRole('dialog')).toHaveLength(0);
    const stored = harness.real.core.services.tenants.list();
    expect(stored.map((tenant) => tenant.name)).toEqual(['Acme Retail']);
    expect(stored[0]?.backendUrl).toBe('https://service-chat.qontak.com/api/open/v1');
  });

  it('refuses an empty name and a bad URL inline, with aria links, and saves nothing', async () => {
    await harness.mount();
    await waitFor(() => getByRole('heading', 'No tenants yet'));
    await addTenant('   ', 'ftp://example.com');

    const name = await waitFor(() => {
      const input = getByLabel('Tenant name');
      return input.getAttribute('aria-invalid') === 'true' ? input : null;
    });
    expect(describedText(name)).toContain('Tenant name is required.');
    // Both fields are checked by the same submit; the second may be painted a tick later.
    const url = await waitFor(() => {
      const input = getByLabel('Backend URL');
      return input.getAttribute('aria-invalid') === 'true' ? input : null;
    });
    expect(url.getAttribute('aria-invalid')).toBe('true');
    expect(describedText(url)).toContain('Backend URL must start with http:// or https://.');
    expect(harness.real.core.services.tenants.list()).toHaveLength(0);
  });

  it('shows the core’s duplicate-name refusal on the name field', async () => {
    harness.real.core.services.tenants.create({ name: 'Acme' });
    await harness.mount();
    await waitFor(() => rowNames().includes('Acme'));

    await addTenant('Acme');
    const name = await waitFor(() => {
      const input = getByLabel('Tenant name');
      return input.getAttribute('aria-invalid') === 'true' ? input : null;
    });
    expect(describedText(name)).toBe('! A tenant with this name already exists.');
    expect(harness.real.core.services.tenants.list()).toHaveLength(1);
  });

  it('filters as you type through the core, and says when nothing matches', async () => {
    for (const name of ['Acme Retail', 'Bakery Lima', 'Acme Logistics']) harness.real.core.services.tenants.create({ name });
    await harness.mount();
    await waitFor(() => rows().length === 3);

    type(getByLabel('Search tenants'), 'acme');
    await waitFor(() => rows().length === 2);
    expect(rowNames().sort()).toEqual(['Acme Logistics', 'Acme Retail']);

    type(getByLabel('Search tenants'), 'zzz');
    await waitFor(() => document.body.textContent?.includes('No tenant matches “zzz”.'));
    expect(rows()).toHaveLength(0);

    click(getByRole('button', 'Clear search'));
    await waitFor(() => rows().length === 3);
  });

  it('renames a tenant in a dialog', async () => {
    const tenant = harness.real.core.services.tenants.create({ name: 'Old Name' });
    await harness.mount();
    await waitFor(() => rowNames().includes('Old Name'));

    click(getByRole('button', 'Rename Old Name'));
    const dialog = await waitFor(() => getByRole('dialog'));
    expect(getByLabel('Tenant name').value).toBe('Old Name');
    type(getByLabel('Tenant name'), 'New Name');
    click(getByRole('button', 'Rename', dialog));

    await waitFor(() => rowNames().includes('New Name'));
    expect(harness.real.core.services.tenants.get(tenant.id).name).toBe('New Name');
  });

  it('deletes a tenant after a confirmation that names it and says its drafts go too', async () => {
    harness.real.core.services.tenants.create({ name: 'Keep Me' });
    const doomed = harness.real.core.services.tenants.create({ name: 'Delete Me' });
    await harness.mount();
    await waitFor(() => rows().length === 2);

    click(getByRole('button', 'Delete Delete Me'));
    const alert = await waitFor(() => getByRole('alertdialog'));
    expect(alert.textContent).toContain('Delete “Delete Me”?');
    expect(alert.textContent).toContain('all its drafts');

    click(getByRole('button', 'Cancel', alert));
    await waitFor(() => queryAllByRole('alertdialog').length === 0);
    expect(harness.real.core.services.tenants.list()).toHaveLength(2);

    click(getByRole('button', 'Delete Delete Me'));
    click(getByRole('button', 'Delete tenant', await waitFor(() => getByRole('alertdialog'))));
    await waitFor(() => rowNames().join() === 'Keep Me');
    expect(harness.real.core.services.tenants.list().map((tenant) => tenant.id)).not.toContain(doomed.id);
  });

  it('rolls back an optimistic rename or delete the core refuses', async () => {
    harness.real.core.services.tenants.create({ name: 'Alpha' });
    const beta = harness.real.core.services.tenants.create({ name: 'Beta' });
    const app = await harness.mount();
    await waitFor(() => rows().length === 2);
    const store = useTenantsStore(app.context.pinia);

    await expect(store.rename(beta.id, 'Alpha')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(store.items.find((tenant) => tenant.id === beta.id)?.name).toBe('Beta');

    harness.real.core.services.tenants.delete(beta.id); // gone behind the list's back
    await expect(store.remove(beta.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(store.items.map((tenant) => tenant.name)).toContain('Beta');
  });
});

describe('keyboard and navigation', () => {
  it('closes a dialog with Escape, without adding anything', async () => {
    await harness.mount();
    await waitFor(() => getByRole('heading', 'No tenants yet'));
    click(getByRole('button', 'Add tenant'));
    const dialog = await waitFor(() => getByRole('dialog'));
    type(getByLabel('Tenant name'), 'Never Saved');
    dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await waitFor(() => queryAllByRole('dialog').length === 0);
    expect(harness.real.core.services.tenants.list()).toHaveLength(0);
  });

  it('has a skip link that moves the focus to the main content', async () => {
    await harness.mount();
    const skip = await waitFor(() => getByRole('link', 'Skip to main content'));
    click(skip);
    expect(document.activeElement?.id).toBe('main');
  });

  it('shows a not-found page for an unknown address', async () => {
    await harness.mount({ path: '/no/such/page' });
    await waitFor(() => getByRole('heading', 'Page not found'));
    click(getByRole('link', 'Back to tenants'));
    await waitFor(() => getByRole('heading', 'No tenants yet'));
  });
});
