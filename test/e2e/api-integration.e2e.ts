import type { Page } from '@playwright/test';
import { test, expect } from '@playwright/test';
import {
  acknowledgeToast,
  addConnection,
  connectionForm,
  connectionRow,
  fillConnection,
  jsonEditor,
  openAddForm,
  openApiIntegration,
  openEditForm,
  SEED,
  setEditorText,
  textField,
} from '../support/e2e/api-integration-ui';
import { startEchoServer, type EchoServer } from '../support/e2e/echo-server';
import { fileHost } from '../support/e2e/file-host';
import type { HostControl } from '../support/e2e/host-control';
import { createTenant, hostRpc } from '../support/e2e/host-rpc';
import { expectFieldError, expectNoFieldError, openApp, openTenant } from '../support/e2e/ui';

// One host for the file (tests run in order in one worker; after a failure the next worker gets
// a fresh host): each test works in a tenant of its own, and the restart test comes last.
const host = fileHost();

const now = () => Math.floor(Date.now() / 1000);

/** A tenant of its own, opened on its API Integration page. */
async function openNewTenant(page: Page, name: string): Promise<string> {
  const tenantId = await createTenant(host(), name);
  await openApp(page, host().url);
  await openTenant(page, name);
  await openApiIntegration(page);
  return tenantId;
}

async function listOf(server: HostControl, tenantId: string) {
  return hostRpc(server, 'apiConnections.list', { tenantId });
}

test('the form has exactly the seed’s fields, labelled and announced as such', async ({ page }) => {
  await openNewTenant(page, 'Labels');
  await expect(page.getByRole('heading', { name: 'No API connections yet' })).toBeVisible();
  const form = await openAddForm(page);

  for (const label of ['Connection name', 'Description', 'Code', 'Base URL'] as const) {
    const control = textField(form, label);
    await expect(control).toHaveAttribute('aria-required', 'true');
    // The `*` is a visual mark: assistive technology announces the field's name (and "required").
    await expect(control, `the accessible name of ${label}`).toHaveAccessibleName(label);
  }
  // Each JSON section is a real code editor, labelled like any other field.
  for (const section of ['Settings', 'Headers', 'Token'] as const) {
    const editor = jsonEditor(form, section);
    await expect(editor).toHaveAttribute('contenteditable', 'true');
    await expect(editor).toHaveClass(/cm-content/);
    await expect(editor).not.toHaveAttribute('aria-required', 'true');
  }
  await expect(form.getByRole('button', { name: 'Add', exact: true })).toBeVisible();
  await expect(form.getByRole('textbox')).toHaveCount(8); // the seven fields and the test path
});

test('adds connections with the seed’s examples: the list shows them as drafts and flags the expired token', async ({ page }) => {
  const tenantId = await openNewTenant(page, 'Seed Examples');

  const form = await openAddForm(page);
  await fillConnection(form, {
    name: 'Qontak API',
    description: 'Customer data in Qontak CRM',
    code: 'QONTAK_CRM',
    baseUrl: 'https://api.jurnal.id',
    ...SEED,
  });
  // The typed token's expiry (created_at + expires_in) shows at once, flagged.
  const typedExpiry = form.getByTestId('token-expiry');
  await expect(typedExpiry).toHaveAttribute('data-expired', 'true');
  await expect(typedExpiry).toContainText('Expired');
  await expect(typedExpiry).toContainText('Token expired on');
  await expect(typedExpiry.locator('time')).toHaveAttribute('datetime', '2024-11-24T02:00:00.000Z');
  await form.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(form).toBeHidden();
  await acknowledgeToast(page, 'API connection “Qontak API” added');

  const qontak = connectionRow(page, 'Qontak API');
  await expect(qontak).toHaveAttribute('data-state', 'draft');
  await expect(qontak).toContainText('Customer data in Qontak CRM');
  await expect(qontak.getByRole('cell', { name: 'QONTAK_CRM', exact: true })).toBeVisible();
  await expect(qontak.getByRole('cell', { name: 'https://api.jurnal.id', exact: true })).toBeVisible();
  await expect(qontak.getByText('Draft', { exact: true })).toBeVisible();
  await expect(qontak.getByText('Token expired', { exact: true })).toBeVisible();

  // The seed's other code (with a space), and a token that is still valid.
  const fresh = JSON.stringify({ token_type: 'bearer', access_token: 'jurnal-access', expires_in: 7200, refresh_token: '', created_at: now() });
  await addConnection(page, { name: 'Jurnal API', description: 'Invoices in Jurnal', code: 'JURNAL API', baseUrl: 'https://api.jurnal.id', token: fresh });
  const jurnal = connectionRow(page, 'Jurnal API');
  await expect(jurnal.getByRole('cell', { name: 'JURNAL API', exact: true })).toBeVisible();
  await expect(jurnal).toHaveAttribute('data-state', 'draft');
  await expect(jurnal.getByText('Token expired', { exact: true })).toHaveCount(0);

  // The edit form shows what is stored — names, non-secret token fields, the expiry — never a secret.
  const edit = await openEditForm(page, 'Qontak API');
  await expect(textField(edit, 'Code')).toHaveValue('QONTAK_CRM');
  await expect(textField(edit, 'Base URL')).toHaveValue('https://api.jurnal.id');
  const settings = edit.getByRole('group', { name: 'Settings' });
  await expect(settings).toContainText('owner_email');
  const headers = edit.getByRole('group', { name: 'Headers' });
  await expect(headers).toContainText('apikey');
  const token = edit.getByRole('group', { name: 'Token' });
  await expect(token).toContainText('bearer');
  await expect(token).toContainText('7200');
  await expect(token).toContainText('1732406400');
  await expect(token.getByTestId('token-expiry')).toHaveAttribute('data-expired', 'true');
  // (The hints under the editors quote the seed's examples: only the stored summaries count.)
  await expect(settings).not.toContainText('sandbox@qontak.com');
  await expect(headers).not.toContainText('xxxxxxxx');

  const stored = await listOf(host(), tenantId);
  expect(stored.map((item) => [item.code, item.published, item.deleted, item.tokenExpired])).toEqual([
    ['QONTAK_CRM', false, false, true],
    ['JURNAL API', false, false, false],
  ]);
});

test('each bad input gets its error on its own field, and nothing is saved', async ({ page }) => {
  const tenantId = await openNewTenant(page, 'Bad Input');
  await hostRpc(host(), 'apiConnections.create', {
    tenantId,
    name: 'Qontak API',
    description: 'Customer data',
    code: 'QONTAK_CRM',
    baseUrl: 'https://api.jurnal.id',
    settings: null,
    headers: null,
    token: null,
  });
  await expect(connectionRow(page, 'Qontak API')).toBeVisible();

  const form = await openAddForm(page);
  const name = textField(form, 'Connection name');
  const description = textField(form, 'Description');
  const code = textField(form, 'Code');
  const baseUrl = textField(form, 'Base URL');
  const add = form.getByRole('button', { name: 'Add', exact: true });

  // Everything blank (the name only spaces): each required field says so, the first one has the focus.
  await name.fill('   ');
  await add.click();
  await expectFieldError(name, 'Connection name is required.');
  await expectFieldError(description, 'Description is required.');
  await expectFieldError(code, 'Code is required.');
  await expectFieldError(baseUrl, 'Base URL is required.');
  await expect(name).toBeFocused();
  for (const section of ['Settings', 'Headers', 'Token'] as const) await expectNoFieldError(jsonEditor(form, section));

  await fillConnection(form, { name: 'Second', description: 'Another connection', code: 'QONTAK/CRM!', baseUrl: 'javascript:alert(1)' });
  await expectNoFieldError(name);
  await expectNoFieldError(description);
  await expectFieldError(code, 'Code may use letters, digits, spaces, “_”, “-” and “.”, and must start with a letter or digit.');
  await expectFieldError(baseUrl, 'Base URL must start with https://.');

  await code.fill('qontak_crm');
  await expectFieldError(code, 'Another API connection of this tenant already uses this code (codes ignore upper and lower case).');
  await baseUrl.fill('https://api.jurnal.id');
  await expectNoFieldError(baseUrl);

  const settings = jsonEditor(form, 'Settings');
  await setEditorText(settings, '["owner_email"]');
  await add.click();
  await expectFieldError(settings, 'Settings must be a JSON object, such as {"owner_email":"sandbox@qontak.com"}.');
  await setEditorText(settings, '{\n  "owner_email": "sandbox@qontak.com",\n  oops\n}');
  await expectFieldError(settings, 'This is not valid JSON: check line 3, column 3.');

  const headers = jsonEditor(form, 'Headers');
  await setEditorText(headers, '{"api key":"xxxxxxxx"}');
  await add.click();
  await expectFieldError(headers, 'A header name may use only letters, digits and !#$%&\'*+-.^_`|~ (no spaces or colons), at most');
  await expect(code).toBeFocused(); // the first field in error
  await expect(form).toBeVisible();
  expect(await listOf(host(), tenantId)).toHaveLength(1);

  // Everything fixed but the code, which another window takes meanwhile: the core's refusal lands on Code.
  await code.fill('JURNAL API');
  await setEditorText(settings, SEED.settings);
  await setEditorText(headers, SEED.headers);
  await expectNoFieldError(code);
  await expectNoFieldError(settings);
  await expectNoFieldError(headers);
  await hostRpc(host(), 'apiConnections.create', {
    tenantId,
    name: 'Taken meanwhile',
    description: 'Created elsewhere',
    code: 'jurnal api',
    baseUrl: 'https://api.jurnal.id',
    settings: null,
    headers: null,
    token: null,
  });
  await add.click();
  await expectFieldError(code, 'Another API connection of this tenant already uses this code (codes ignore upper and lower case).');
  await expect(form).toBeVisible();
  expect((await listOf(host(), tenantId)).map((item) => item.code)).toEqual(['QONTAK_CRM', 'jurnal api']);
});

test.describe('Test connection reaches a local server', () => {
  let server: EchoServer;
  let status = 200;
  test.beforeEach(async () => {
    status = 200;
    server = await startEchoServer(() => ({ status, body: '{"ok":true}' }));
  });
  test.afterEach(async () => {
    await server.close();
  });

  test('with the stored header and bearer token; an edit keeps the secrets it did not touch', async ({ page }) => {
    const tenantId = await openNewTenant(page, 'Test Connection');
    await hostRpc(host(), 'apiConnections.create', {
      tenantId,
      name: 'Local API',
      description: 'A server on this computer',
      code: 'LOCAL',
      baseUrl: server.origin,
      settings: { owner_email: 'sandbox@qontak.com' },
      headers: { apikey: 'apikey-4f1c2a' },
      token: { token_type: 'bearer', access_token: 'access-9d8e7f', expires_in: 7200, refresh_token: 'refresh-1a2b3c', created_at: now() },
    });

    // Edit only the description: every secret section stays as stored.
    let form = await openEditForm(page, 'Local API');
    await textField(form, 'Description').fill('The local test server');
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(form).toBeHidden();
    await acknowledgeToast(page, 'API connection “Local API” saved');
    await expect(connectionRow(page, 'Local API')).toContainText('The local test server');

    form = await openEditForm(page, 'Local API');
    await expect(form.getByRole('group', { name: 'Headers' })).toContainText('apikey');
    await expect(form.getByRole('group', { name: 'Token' })).toContainText('bearer');
    await expect(form.getByRole('status').filter({ hasText: 'no longer holds' })).toHaveCount(0);

    const result = form.getByTestId('test-result');
    await form.getByLabel('Path to test').fill('/v1/status');
    const received = server.nextRequest();
    await form.getByRole('button', { name: 'Test connection', exact: true }).click();
    const request = await received;
    expect(request.method).toBe('GET');
    expect(request.url).toBe('/v1/status');
    expect(request.headers.apikey).toBe('apikey-4f1c2a');
    expect(request.headers.authorization).toBe('Bearer access-9d8e7f');
    await expect(result).toHaveText(/^Connected: HTTP 200 in \d+ ms\.$/);

    // An answer that is not 2xx, then no server at all.
    status = 401;
    await form.getByRole('button', { name: 'Test connection', exact: true }).click();
    await expect(result).toHaveText(/^The server answered HTTP 401 in \d+ ms\./);
    await server.close();
    await form.getByRole('button', { name: 'Test connection', exact: true }).click();
    await expect(result).toContainText(/No answer after \d+ ms\./);
    await expect(result).toContainText('The connection was refused');
    await expect(form).not.toContainText('apikey-4f1c2a');
    await expect(form).not.toContainText('access-9d8e7f');
  });

  test('from the add form before anything is saved, with what was typed', async ({ page }) => {
    const tenantId = await openNewTenant(page, 'Test Unsaved');
    const form = await openAddForm(page);
    await fillConnection(form, {
      baseUrl: `${server.origin}/api`,
      headers: '{"X-Api-Key":"typed-key-77"}',
      token: JSON.stringify({ token_type: 'bearer', access_token: 'typed-access-88', expires_in: 60, refresh_token: '', created_at: now() }),
    });
    const received = server.nextRequest();
    await form.getByRole('button', { name: 'Test connection', exact: true }).click();
    const request = await received;
    expect(request.url).toBe('/api');
    expect(request.headers['x-api-key']).toBe('typed-key-77');
    expect(request.headers.authorization).toBe('Bearer typed-access-88');
    await expect(form.getByTestId('test-result')).toHaveText(/^Connected: HTTP 200 in \d+ ms\.$/);
    expect(await listOf(host(), tenantId)).toHaveLength(0);
  });
});

test('delete asks first and can be undone; the list is right after a reload and after a host restart', async ({ page }) => {
  const tenantId = await openNewTenant(page, 'Delete Undo');
  const create = (name: string, code: string) =>
    hostRpc(host(), 'apiConnections.create', {
      tenantId,
      name,
      description: `${name} connection`,
      code,
      baseUrl: 'https://api.jurnal.id',
      settings: null,
      headers: { apikey: `${code.toLowerCase()}-secret-value` },
      token: null,
    });
  await create('Keep Me', 'KEEP');
  await create('Undo Me', 'UNDO');
  await create('Gone', 'GONE');
  await expect(page.getByTestId('api-connection-row')).toHaveCount(3);

  const undoMe = connectionRow(page, 'Undo Me');
  const confirm = page.getByRole('alertdialog', { name: 'Delete “Undo Me”?' });
  await undoMe.getByRole('button', { name: 'Delete Undo Me', exact: true }).click();
  await expect(confirm).toContainText('You can undo this until the app restarts.');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  await expect(undoMe).toHaveAttribute('data-state', 'draft');

  await undoMe.getByRole('button', { name: 'Delete Undo Me', exact: true }).click();
  await confirm.getByRole('button', { name: 'Delete connection', exact: true }).click();
  await expect(confirm).toBeHidden();
  await expect(undoMe).toHaveAttribute('data-state', 'deleted');
  await expect(undoMe.getByText('Deleted', { exact: true })).toBeVisible();
  const undo = undoMe.getByRole('button', { name: 'Undo deleting Undo Me', exact: true });
  await expect(undo).toBeFocused(); // the row stays, flagged: the focus goes to its Undo
  await acknowledgeToast(page, 'API connection “Undo Me” deleted');
  await undo.click();
  await acknowledgeToast(page, 'API connection “Undo Me” restored');
  await expect(undoMe).toHaveAttribute('data-state', 'draft');

  const gone = connectionRow(page, 'Gone');
  await gone.getByRole('button', { name: 'Delete Gone', exact: true }).click();
  await page.getByRole('alertdialog', { name: 'Delete “Gone”?' }).getByRole('button', { name: 'Delete connection', exact: true }).click();
  await expect(gone).toHaveAttribute('data-state', 'deleted');

  const expectRows = async (states: Record<string, string>) => {
    await expect(page.getByTestId('api-connection-row')).toHaveCount(Object.keys(states).length);
    for (const [name, state] of Object.entries(states)) await expect(connectionRow(page, name)).toHaveAttribute('data-state', state);
  };
  await page.reload();
  await expectRows({ 'Keep Me': 'draft', 'Undo Me': 'draft', Gone: 'deleted' });

  // A deletion that was never published is final once the app restarts.
  await host().restart();
  await openApp(page, host().url);
  await openTenant(page, 'Delete Undo');
  await openApiIntegration(page);
  await expectRows({ 'Keep Me': 'draft', 'Undo Me': 'draft' });
  expect((await listOf(host(), tenantId)).map((item) => [item.code, item.deleted])).toEqual([
    ['KEEP', false],
    ['UNDO', false],
  ]);
  // The restored connection kept its credentials.
  const form = await openEditForm(page, 'Undo Me');
  await expect(form.getByRole('group', { name: 'Headers' })).toContainText('apikey');
  await expect(form.getByText(/no longer holds|cannot be previewed/)).toHaveCount(0);
  await expect(connectionForm(page, 'edit')).not.toContainText('undo-secret-value');
});
