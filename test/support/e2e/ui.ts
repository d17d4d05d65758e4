import { expect, type Locator, type Page, type Response } from '@playwright/test';

/** Opens the address the host printed and waits for the tenant list (in whatever language). */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.locator('#tenants-heading')).toBeVisible();
  await expect(page.getByRole('main').getByText(/Loading…|Memuat…/)).toHaveCount(0);
}

/** The list entry of one tenant, found by its exact name. */
export function tenantRow(page: Page, name: string): Locator {
  return page.getByTestId('tenant-row').filter({ has: page.getByRole('link', { name, exact: true }) });
}

/** Adds a tenant through the `Add tenant` dialog and waits until the list shows it. */
export async function addTenant(page: Page, name: string, backendUrl?: string): Promise<void> {
  await page.getByRole('button', { name: 'Add tenant', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Add tenant' });
  await dialog.getByLabel('Tenant name').fill(name);
  // These tenants speak the settings API of the sandbox (the form proposes Qontak).
  await pick(page, dialog.getByLabel('Connects to'), 'Chatbot Settings API');
  if (backendUrl !== undefined) await dialog.getByLabel('Backend URL').fill(backendUrl);
  await dialog.getByRole('button', { name: 'Add tenant', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(tenantRow(page, name)).toBeVisible();
}

/** From the tenant list, opens a tenant's workspace on its AI Response page. */
export async function openTenant(page: Page, name: string): Promise<void> {
  await page.getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name, exact: true })).toBeVisible();
  await expect(page.getByRole('form', { name: 'AI Response' })).toBeVisible();
}

/** Goes to one settings area through the workspace's navigation. */
export async function openArea(page: Page, area: 'AI Response' | 'Idle Action'): Promise<Locator> {
  await page.getByRole('navigation', { name: 'Settings areas' }).getByRole('link', { name: area, exact: true }).click();
  const form = page.getByRole('form', { name: area });
  await expect(form).toBeVisible();
  return form;
}

export function saveStatus(page: Page): Locator {
  return page.getByTestId('save-status');
}

export async function expectSavedStatus(page: Page): Promise<void> {
  await expect(saveStatus(page)).toHaveAttribute('data-status', 'saved');
  await expect(saveStatus(page)).toHaveText('Saved as draft');
}

export async function expectInvalidStatus(page: Page): Promise<void> {
  await expect(saveStatus(page)).toHaveAttribute('data-status', 'invalid');
  await expect(saveStatus(page)).toHaveText('Not saved: fix the highlighted fields');
}

type SettingsKind = 'ai_response' | 'idle_action';

/**
 * Resolves with the host's answer to the autosave whose draft has every value in `expected`
 * (and succeeded): waiting for that exact save, not for time, tells that an edit reached the store.
 */
export function waitForDraftSave(page: Page, kind: SettingsKind, expected: Record<string, unknown>): Promise<Response> {
  return page.waitForResponse(
    async (response) => {
      if (!response.url().endsWith('/rpc/settings.saveDraft') || response.request().method() !== 'POST') return false;
      const input = response.request().postDataJSON() as { kind?: unknown; draft?: Record<string, unknown> } | null;
      if (input?.kind !== kind || !input.draft) return false;
      const draft = input.draft;
      if (!Object.entries(expected).every(([key, value]) => JSON.stringify(draft[key]) === JSON.stringify(value))) return false;
      const body = (await response.json()) as { ok?: unknown };
      return body.ok === true;
    },
    { timeout: 10_000 },
  );
}

/** Runs `edit`, then waits until the draft with `expected` was saved and the page says so. */
export async function editAndExpectSaved(page: Page, kind: SettingsKind, expected: Record<string, unknown>, edit: () => Promise<void>): Promise<void> {
  const saved = waitForDraftSave(page, kind, expected);
  await edit();
  await saved;
  await expectSavedStatus(page);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The control shows `message` as its error: `aria-invalid="true"`, and `aria-describedby` names
 * the id of a visible element holding that text (so the text is inline and announced).
 */
export async function expectFieldError(control: Locator, message: string): Promise<void> {
  await expect(control).toHaveAttribute('aria-invalid', 'true');
  await expect(control).toHaveAccessibleDescription(new RegExp(escapeRegExp(message)));
  const ids = ((await control.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  expect(ids.length, 'aria-describedby names the error').toBeGreaterThan(0);
  const described = control.page().locator(ids.map((id) => `[id="${id}"]`).join(', '));
  const inline = described.filter({ hasText: message });
  await expect(inline).toHaveCount(1);
  await expect(inline).toBeVisible();
}

export async function expectNoFieldError(control: Locator): Promise<void> {
  await expect(control).not.toHaveAttribute('aria-invalid', 'true');
}

/** Chooses an entry of a catalog picker (a listbox under a combobox) with the mouse. */
export async function pick(page: Page, combobox: Locator, option: string): Promise<void> {
  await combobox.click();
  await page.getByRole('listbox').getByRole('option', { name: option, exact: true }).click();
  await expect(page.getByRole('listbox')).toBeHidden();
  await expect(combobox).toHaveText(new RegExp(escapeRegExp(option)));
}

/** A radio of the group named `group`, by its exact label. */
export function radio(scope: Page | Locator, group: string, label: string): Locator {
  return scope.getByRole('radiogroup', { name: group }).getByRole('radio', { name: label, exact: true });
}
