import { expect, type Locator, type Page } from '@playwright/test';

/** What the add form takes; JSON sections as the text typed into their code editors. */
export interface ConnectionInput {
  name: string;
  description: string;
  code: string;
  baseUrl: string;
  settings?: string;
  headers?: string;
  token?: string;
}

/** The seed's examples (the platform's own help text). */
export const SEED = {
  settings: '{"owner_email":"sandbox@qontak.com"}',
  headers: '{"apikey":"xxxxxxxx"}',
  /** Created 2024-11-24T00:00:00Z, valid two hours: long expired. */
  token: '{"token_type":"bearer","access_token":"…","expires_in":7200,"refresh_token":"…","created_at":1732406400}',
} as const;

/** From anywhere in a tenant's workspace, opens its API Integration list. */
export async function openApiIntegration(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Settings areas' }).getByRole('link', { name: 'API Integration', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'API Integration', exact: true })).toBeVisible();
  await expect(page.getByRole('main').getByText('Loading…', { exact: true })).toHaveCount(0);
}

/** The list's row of one connection, by its exact name. */
export function connectionRow(page: Page, name: string): Locator {
  return page.getByTestId('api-connection-row').filter({ has: page.getByRole('rowheader').getByText(name, { exact: true }) });
}

/** The add or edit form. */
export function connectionForm(page: Page, mode: 'add' | 'edit'): Locator {
  return page.getByRole('form', { name: mode === 'add' ? 'Add API connection' : 'Edit API connection' });
}

/** A JSON section's code editor (CodeMirror's content element, labelled like any field). */
export function jsonEditor(form: Locator, section: 'Settings' | 'Headers' | 'Token'): Locator {
  return form.getByRole('textbox', { name: section, exact: true });
}

/** Opens the add form from the list (its header button, or the empty list's). */
export async function openAddForm(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Add API connection', exact: true }).first().click();
  const form = connectionForm(page, 'add');
  await expect(form).toBeVisible();
  return form;
}

/** Replaces a code editor's whole text (CodeMirror takes the text as one insertion: no auto-closed brackets). */
export async function setEditorText(editor: Locator, text: string): Promise<void> {
  await editor.fill(text);
  await expect(editor).toHaveText(text.replace(/\n/g, ''));
}

/** A plain field of the form by its label (`Connection name`, `Code` …). */
export function textField(form: Locator, label: 'Connection name' | 'Description' | 'Code' | 'Base URL'): Locator {
  // By label text rather than exact accessible name: the name of a required field's control
  // also carries the label's CSS `*` (checked on its own in api-integration.e2e.ts).
  return form.getByLabel(label);
}

/** Types every given field of the add form (the JSON sections only when given). */
export async function fillConnection(form: Locator, input: Partial<ConnectionInput>): Promise<void> {
  if (input.name !== undefined) await textField(form, 'Connection name').fill(input.name);
  if (input.description !== undefined) await textField(form, 'Description').fill(input.description);
  if (input.code !== undefined) await textField(form, 'Code').fill(input.code);
  if (input.baseUrl !== undefined) await textField(form, 'Base URL').fill(input.baseUrl);
  if (input.settings !== undefined) await setEditorText(jsonEditor(form, 'Settings'), input.settings);
  if (input.headers !== undefined) await setEditorText(jsonEditor(form, 'Headers'), input.headers);
  if (input.token !== undefined) await setEditorText(jsonEditor(form, 'Token'), input.token);
}

/** Adds a connection through the form and waits until the list shows it. */
export async function addConnection(page: Page, input: ConnectionInput): Promise<void> {
  const form = await openAddForm(page);
  await fillConnection(form, input);
  await form.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(form).toBeHidden();
  await acknowledgeToast(page, `API connection “${input.name}” added`);
  await expect(connectionRow(page, input.name)).toBeVisible();
}

/** Opens a connection's edit form with its pencil button. */
export async function openEditForm(page: Page, name: string): Promise<Locator> {
  await connectionRow(page, name).getByRole('button', { name: `Edit ${name}`, exact: true }).click();
  const form = connectionForm(page, 'edit');
  await expect(form).toBeVisible();
  await expect(textField(form, 'Connection name')).toHaveValue(name);
  return form;
}

/** The notifications region's message (toasts). */
export function toast(page: Page, text: string): Locator {
  return page.getByRole('region', { name: /Notifications/ }).getByText(text, { exact: true });
}

/**
 * Sees a toast, then dismisses it as a person would: it sits over the bottom right corner, where
 * the form's buttons are, for five seconds.
 */
export async function acknowledgeToast(page: Page, text: string): Promise<void> {
  const title = toast(page, text);
  await expect(title).toBeVisible();
  await page.getByRole('region', { name: /Notifications/ }).locator('li').filter({ hasText: text }).getByRole('button', { name: 'Dismiss' }).click();
  await expect(title).toBeHidden();
}
