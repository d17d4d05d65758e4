import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRealCore, type RealCore } from '../../../support/renderer/real-core';
import { mountApp, type MountedApp } from '../../../support/renderer/mount-app';
import { click, describedText, getByLabel, getByRole, type, waitFor } from '../../../support/renderer/dom';
import { LOCALE_STORAGE_KEY } from '../../../../renderer/src/i18n/locale';

let real: RealCore;
let app: MountedApp | null = null;

beforeEach(() => {
  real = openRealCore();
  window.localStorage.clear();
});
afterEach(async () => {
  app?.unmount();
  app = null;
  await real.close();
});

describe('language switch', () => {
  it('switches labels and validation messages to Bahasa Indonesia, remembers it, and sets <html lang>', async () => {
    const tenantId = real.core.services.tenants.create({ name: 'Acme' }).id;
    app = await mountApp(real.client, { path: `/tenants/${tenantId}/idle-action` });
    await waitFor(() => getByRole('radio', 'Resolve conversation'));
    click(getByRole('radio', 'Resolve conversation'));
    // Choosing the action paints nothing red: the errors show once the user asks what to fix.
    click(await waitFor(() => getByRole('button', 'Show what to fix')));
    const message = await waitFor(() => {
      const control = getByLabel('Closing message');
      return control.getAttribute('aria-invalid') === 'true' ? control : null;
    });
    expect(describedText(message)).toContain('Closing message is required.');
    expect(document.documentElement.lang).toBe('en');

    click(getByRole('button', 'Bahasa Indonesia'));
    await waitFor(() => getByRole('radio', 'Selesaikan percakapan'));
    expect(getByRole('radio', 'Selesaikan percakapan').getAttribute('aria-checked')).toBe('true');
    // The platform's own names stay as the platform shows them (the glossary): the message around them is Indonesian.
    expect(describedText(getByLabel('Closing message'))).toContain('Closing message wajib diisi.');
    expect(getByRole('link', 'AI Response')).toBeTruthy();
    expect(document.documentElement.lang).toBe('id');
    expect(window.localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('id');

    click(getByRole('button', 'English'));
    await waitFor(() => getByRole('radio', 'Resolve conversation'));
    expect(document.documentElement.lang).toBe('en');
  });

  it('translates the tenant dialog, including the core’s duplicate-name error', async () => {
    real.core.services.tenants.create({ name: 'Acme' });
    app = await mountApp(real.client, { locale: 'id' });
    await waitFor(() => getByRole('heading', 'Tenant'));
    click(getByRole('button', 'Tambah tenant'));
    const dialog = await waitFor(() => getByRole('dialog'));
    type(getByLabel('Nama tenant'), 'Acme');
    // A new tenant connects to Qontak (Mekari API) unless another kind is chosen: its URL field keeps the platform's name.
    expect(getByLabel('API base URL')).toBeTruthy();
    click(getByRole('button', 'Tambah tenant', dialog));
    await waitFor(() => describedText(getByLabel('Nama tenant')).includes('Tenant dengan nama ini sudah ada.'));
  });
});
