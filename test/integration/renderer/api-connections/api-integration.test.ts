import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startCoreProcess, type CoreProcess } from '../../../support/renderer/core-process';
import { mountApp, type MountedApp } from '../../../support/renderer/mount-app';
import { click, describedText, getByLabel, getByRole, keydown, queryAllByRole, type, waitFor } from '../../../support/renderer/dom';
import { editorText, getEditor, lintNow, typeInEditor } from '../../../support/renderer/code-editor';
import { diagnosticCount } from '@codemirror/lint';
import { flushPromises } from '@vue/test-utils';
import { EditorView } from '@codemirror/view';

/**
 * API Integration against the real core in its own process (SQLite in a temp dir, Node's HTTP
 * client). Nothing here needs the keychain: connections without secrets, validation, the list,
 * delete and undo, and Test connection with typed (unsaved) headers. The keychain parts are in
 * api-connection-secrets.test.ts.
 */
let core: CoreProcess;
let app: MountedApp | null = null;
let tenantId: string;

beforeAll(async () => {
  core = await startCoreProcess();
});
afterAll(async () => {
  await core?.stop();
});
beforeEach(async () => {
  tenantId = (await core.client.call('tenants.create', { name: `Tenant ${Math.random().toString(36).slice(2, 8)}` })).id;
  core.muteEvents(false);
});
afterEach(async () => {
  app?.unmount();
  app = null;
  await core.client.call('tenants.delete', { id: tenantId }).catch(() => undefined);
});

const listPath = () => `/tenants/${tenantId}/api-integration`;
const rows = () => [...document.querySelectorAll<HTMLElement>('[data-testid="api-connection-row"]')];
const rowOf = (name: string) => rows().find((row) => row.querySelector('th')?.textContent?.includes(name)) ?? null;

function fillRequired(values: { name?: string; description?: string; code?: string; baseUrl?: string } = {}) {
  type(getByLabel('Connection name'), values.name ?? 'Qontak CRM');
  type(getByLabel('Description'), values.description ?? 'Contacts and deals');
  type(getByLabel('Code'), values.code ?? 'QONTAK_CRM');
  type(getByLabel('Base URL'), values.baseUrl ?? 'https://api.jurnal.id');
}

async function openAddForm() {
  app = await mountApp(core.client, { path: listPath() });
  click(await waitFor(() => getByRole('button', 'Add API connection')));
  await waitFor(() => getByRole('heading', 'Add API connection'));
}

/** Waits for the control to be marked invalid, and gives the text it is described by. */
async function invalid(control: () => HTMLElement): Promise<string> {
  const element = await waitFor(() => {
    const found = control();
    return found.getAttribute('aria-invalid') === 'true' ? found : null;
  });
  return describedText(element);
}

describe('API Integration: navigation, list and states', () => {
  it('is an entry of the tenant workspace after AI Response and Idle Action, and shows the empty state', async () => {
    app = await mountApp(core.client, { path: `/tenants/${tenantId}/ai-response` });
    const nav = await waitFor(() => getByRole("navigation", "Settings areas"));
    const areas = queryAllByRole('link', undefined, nav).map((link) => link.textContent?.trim());
    expect(areas.slice(0, 3)).toEqual(['AI Response', 'Idle Action', 'API Integration']);

    click(getByRole('link', 'API Integration', nav));
    await waitFor(() => getByRole('heading', 'No API connections yet'));
    expect(getByRole('link', 'API Integration', nav).getAttribute('aria-current')).toBe('page');
    expect(queryAllByRole('button', 'Add API connection')).toHaveLength(1);
  });

  it('shows a loading state until the list arrives', async () => {
    app = await mountApp(core.client, { path: listPath() });
    // The first render happens before the core answered.
    expect(document.body.textContent).toContain('Loading…');
    await waitFor(() => getByRole('heading', 'No API connections yet'));
    expect(document.body.textContent).not.toContain('Loading…');
  });

  it('has exactly the seed’s fields and labels, with the required ones marked, and an Add button', async () => {
    await openAddForm();
    for (const label of ['Connection name', 'Description', 'Code', 'Base URL']) {
      expect(getByLabel(label).getAttribute('aria-required'), label).toBe('true');
      expect(document.querySelector(`label[for="${getByLabel(label).id}"]`)?.classList.contains('field__label--required')).toBe(true);
    }
    for (const label of ['Settings', 'Headers', 'Token']) {
      const editor = getEditor(label);
      expect(editor.getAttribute('contenteditable'), label).toBe('true');
      expect(editor.closest('.cm-editor'), label).not.toBeNull();
    }
    expect(getByRole('button', 'Add').getAttribute('type')).toBe('submit');
    expect(queryAllByRole('button', 'Save')).toHaveLength(0);
  });

  it('adds a connection without secrets: it is listed as a draft, and stays after a reload', async () => {
    await openAddForm();
    fillRequired({ code: 'JURNAL API', name: 'Jurnal' });
    click(getByRole('button', 'Add'));

    await waitFor(() => rowOf('Jurnal'));
    const row = rowOf('Jurnal')!;
    expect(row.textContent).toContain('JURNAL API');
    expect(row.textContent).toContain('https://api.jurnal.id');
    expect(row.getAttribute('data-state')).toBe('draft');
    expect(row.textContent).toContain('Draft');
    expect(document.body.textContent).toContain('API connection “Jurnal” added');

    app?.unmount();
    app = await mountApp(core.client, { path: listPath() });
    await waitFor(() => rowOf('Jurnal'));
    const listed = await core.client.call('apiConnections.list', { tenantId });
    expect(listed.map((item) => [item.code, item.published, item.deleted])).toEqual([['JURNAL API', false, false]]);
  });

  it('deletes after a confirmation, and the unpublished deletion can be undone', async () => {
    const created = await core.client.call('apiConnections.create', {
      tenantId,
      name: 'Jurnal',
      description: 'Accounting',
      code: 'JURNAL API',
      baseUrl: 'https://api.jurnal.id',
      settings: null,
      headers: null,
      token: null,
    });
    app = await mountApp(core.client, { path: listPath() });
    await waitFor(() => rowOf('Jurnal'));

    click(getByRole('button', 'Delete Jurnal'));
    let dialog = await waitFor(() => getByRole('alertdialog'));
    expect(dialog.textContent).toContain('Delete “Jurnal”?');
    expect(dialog.textContent).toContain('You can undo this until the app restarts.');
    click(getByRole('button', 'Cancel', dialog));
    await waitFor(() => queryAllByRole('alertdialog').length === 0);
    expect((await core.client.call('apiConnections.list', { tenantId }))[0]?.deleted).toBe(false);

    click(getByRole('button', 'Delete Jurnal'));
    dialog = await waitFor(() => getByRole('alertdialog'));
    click(getByRole('button', 'Delete connection', dialog));
    const undo = await waitFor(() => getByRole('button', 'Undo deleting Jurnal'));
    expect(rowOf('Jurnal')?.getAttribute('data-state')).toBe('deleted');
    expect(queryAllByRole('button', 'Edit Jurnal')).toHaveLength(0);
    expect((await core.client.call('apiConnections.list', { tenantId }))[0]?.deleted).toBe(true);
    await waitFor(() => document.activeElement === undo);

    click(undo);
    await waitFor(() => getByRole('button', 'Edit Jurnal'));
    expect(rowOf('Jurnal')?.getAttribute('data-state')).toBe('draft');
    const [item] = await core.client.call('apiConnections.list', { tenantId });
    expect({ id: item?.id, deleted: item?.deleted }).toEqual({ id: created.id, deleted: false });
  });

  it('edits a connection with the pencil button: Save sends the plain fields and keeps each section', async () => {
    await core.client.call('apiConnections.create', {
      tenantId,
      name: 'Jurnal',
      description: 'Accounting',
      code: 'JURNAL API',
      baseUrl: 'https://api.jurnal.id',
      settings: null,
      headers: null,
      token: null,
    });
    app = await mountApp(core.client, { path: listPath() });
    click(await waitFor(() => getByRole('button', 'Edit Jurnal')));
    await waitFor(() => getByRole('heading', 'Edit API connection'));
    expect(getByLabel('Code').value).toBe('JURNAL API');
    expect(queryAllByRole('button', 'Add')).toHaveLength(0);

    type(getByLabel('Description'), 'Accounting and invoices');
    click(getByRole('button', 'Save'));
    await waitFor(() => rowOf('Jurnal')?.textContent?.includes('Accounting and invoices'));
    const update = core.sent.find((request) => request.channel === 'apiConnections.update');
    expect(update?.input).toMatchObject({ settings: { action: 'keep' }, headers: { action: 'keep' }, token: { action: 'keep' } });
  });

  it('says when a connection does not exist', async () => {
    app = await mountApp(core.client, { path: `${listPath()}/00000000-0000-4000-8000-000000000000` });
    await waitFor(() => getByRole('heading', 'API connection not found'));
    expect(getByRole('link', 'Back to API Integration')).toBeTruthy();
  });
});

describe('API Integration: validation inline, with the shared rules', () => {
  it('marks each blank required field invalid, described by its error, and saves nothing', async () => {
    await openAddForm();
    type(getByLabel('Connection name'), '   ');
    click(getByRole('button', 'Add'));

    expect(await invalid(() => getByLabel('Connection name'))).toContain('Connection name is required.');
    expect(await invalid(() => getByLabel('Description'))).toContain('Description is required.');
    expect(await invalid(() => getByLabel('Code'))).toContain('Code is required.');
    expect(await invalid(() => getByLabel('Base URL'))).toContain('Base URL is required.');
    expect(document.activeElement).toBe(getByLabel('Connection name'));
    expect(await core.client.call('apiConnections.list', { tenantId })).toEqual([]);
  });

  it('refuses a code with characters outside the set and a javascript: URL', async () => {
    await openAddForm();
    fillRequired({ code: 'QONTAK/CRM', baseUrl: 'javascript:alert(1)' });
    click(getByRole('button', 'Add'));

    expect(await invalid(() => getByLabel('Code'))).toContain('Code may use letters, digits, spaces, “_”, “-” and “.”');
    expect(await invalid(() => getByLabel('Base URL'))).toContain('Base URL must start with https://.');
    expect(getByLabel('Connection name').getAttribute('aria-invalid')).toBeNull();

    type(getByLabel('Base URL'), 'http://api.jurnal.id');
    expect(await waitFor(() => describedText(getByLabel('Base URL')).includes('http:// is allowed only for localhost') && true)).toBe(true);
    expect(await core.client.call('apiConnections.list', { tenantId })).toEqual([]);
  });

  it('refuses Settings as an array and malformed JSON with its line and column, in the field and in the editor', async () => {
    await openAddForm();
    fillRequired();
    typeInEditor('Settings', '["owner_email"]');
    click(getByRole('button', 'Add'));
    expect(await invalid(() => getEditor('Settings'))).toContain('Settings must be a JSON object');

    typeInEditor('Settings', '{\n  "owner_email": "sandbox@qontak.com",\n  oops\n}');
    expect(await waitFor(() => describedText(getEditor('Settings')).match(/line 3, column 3/) && describedText(getEditor('Settings')))).toContain(
      'This is not valid JSON: check line 3, column 3.',
    );
    lintNow('Settings');
    await waitFor(() => diagnosticCount(EditorView.findFromDOM(getEditor('Settings'))!.state) === 1);
    expect(await core.client.call('apiConnections.list', { tenantId })).toEqual([]);
  });

  it('refuses a header name with a space, typed as JSON or in the table', async () => {
    await openAddForm();
    fillRequired();
    typeInEditor('Headers', '{"X Api Key":"xxxxxxxx"}');
    click(getByRole('button', 'Add'));
    expect(await invalid(() => getEditor('Headers'))).toContain('A header name may use only letters, digits');

    click(getByRole('button', 'Edit as table'));
    const name = await waitFor(() => getByRole('textbox', 'Header name 1'));
    expect((name as HTMLInputElement).value).toBe('X Api Key');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    type(name, 'apikey');
    click(getByRole('button', 'Add header'));
    type(await waitFor(() => getByRole('textbox', 'Header name 2')), 'X-Tenant');
    type(getByRole('textbox', 'Value of header 2'), 'acme');

    click(getByRole('button', 'Edit as JSON'));
    await waitFor(() => getEditor('Headers'));
    expect(JSON.parse(editorText('Headers'))).toEqual({ apikey: 'xxxxxxxx', 'X-Tenant': 'acme' });
    await waitFor(() => getEditor('Headers').getAttribute('aria-invalid') === null);
  });

  it('shows the core’s duplicate-code refusal on Code, and the same check before sending', async () => {
    await core.client.call('apiConnections.create', {
      tenantId,
      name: 'CRM',
      description: 'First',
      code: 'QONTAK_CRM',
      baseUrl: 'https://api.jurnal.id',
      settings: null,
      headers: null,
      token: null,
    });
    await openAddForm();
    fillRequired({ code: 'qontak_crm' });
    const creates = () => core.sent.filter((request) => request.channel === 'apiConnections.create').length;
    const createsBefore = creates();
    click(getByRole('button', 'Add'));
    expect(await invalid(() => getByLabel('Code'))).toContain('Another API connection of this tenant already uses this code');
    expect(creates()).toBe(createsBefore);

    // A connection added elsewhere that this window has not heard of: the core refuses, on Code.
    core.muteEvents(true);
    type(getByLabel('Code'), 'JURNAL API');
    await waitFor(() => getByLabel('Code').getAttribute('aria-invalid') === null);
    await core.client.call('apiConnections.create', {
      tenantId,
      name: 'Jurnal',
      description: 'Second',
      code: 'jurnal api',
      baseUrl: 'https://api.jurnal.id',
      settings: null,
      headers: null,
      token: null,
    });
    const createsThen = creates();
    click(getByRole('button', 'Add'));
    expect(await invalid(() => getByLabel('Code'))).toContain('Another API connection of this tenant already uses this code');
    expect(creates()).toBe(createsThen + 1); // this one reached the core, which refused it
    expect((await core.client.call('apiConnections.list', { tenantId })).map((item) => item.code)).toEqual(['QONTAK_CRM', 'jurnal api']);
  });
});

describe('API Integration: editors, token expiry, Test connection', () => {
  it('lets Tab and Escape leave the code editors (the keyboard is never trapped)', async () => {
    await openAddForm();
    for (const label of ['Settings', 'Headers', 'Token']) {
      const editor = getEditor(label);
      editor.focus();
      const tab = new KeyboardEvent('keydown', { key: 'Tab', code: 'Tab', keyCode: 9, bubbles: true, cancelable: true });
      editor.dispatchEvent(tab);
      expect(tab.defaultPrevented, label).toBe(false);
      keydown(editor, 'Escape');
    }
    // Labelled like any other field.
    const token = getEditor('Token');
    expect(document.getElementById(token.getAttribute('aria-labelledby')!)?.textContent).toBe('Token');
    expect(describedText(token)).toContain('token_type, access_token, expires_in, refresh_token and created_at');
  });

  it('shows the typed token’s expiry, created_at + expires_in, and flags the seed’s example as expired', async () => {
    await openAddForm();
    typeInEditor(
      'Token',
      JSON.stringify({ token_type: 'bearer', access_token: 'abc', expires_in: 7200, refresh_token: 'def', created_at: 1732406400 }),
    );
    const expiry = await waitFor(() => document.querySelector<HTMLElement>('[data-testid="token-expiry"]'));
    expect(expiry.getAttribute('data-expired')).toBe('true');
    expect(expiry.textContent).toContain('Token expired on');
    expect(expiry.querySelector('time')?.getAttribute('datetime')).toBe('2024-11-24T02:00:00.000Z');

    const later = Math.floor(Date.now() / 1000);
    typeInEditor('Token', JSON.stringify({ token_type: 'bearer', access_token: 'abc', expires_in: 7200, refresh_token: '', created_at: later }));
    await waitFor(() => document.querySelector('[data-testid="token-expiry"]')?.getAttribute('data-expired') === 'false');
    expect(document.querySelector('[data-testid="token-expiry"]')?.textContent).toContain('Token expires on');
  });

  describe('against a local server', () => {
    let server: Server;
    let origin: string;
    const seen: Array<{ url: string; headers: IncomingHttpHeaders }> = [];

    beforeAll(async () => {
      server = createServer((request, response) => {
        seen.push({ url: request.url ?? '', headers: request.headers });
        response.writeHead(request.url === '/missing' ? 404 : 200, { 'content-type': 'application/json' });
        response.end('{}');
      });
      await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await new Promise<void>((done) => server.close(() => done()));
    });

    it('tests the unsaved form: status and time, an HTTP error, and a refused connection, read aloud', async () => {
      await openAddForm();
      type(getByLabel('Base URL'), origin);
      typeInEditor('Headers', '{"apikey":"typed-key"}');
      click(getByRole('button', 'Test connection'));
      const result = await waitFor(() => {
        const region = document.querySelector<HTMLElement>('[data-testid="test-result"]')!;
        return region.textContent?.includes('Connected') ? region : null;
      });
      expect(result.getAttribute('role')).toBe('status');
      expect(result.textContent).toMatch(/Connected: HTTP 200 in \d+ ms\./);
      expect(seen.at(-1)?.headers.apikey).toBe('typed-key');

      type(getByLabel('Path to test'), '/missing');
      await flushPromises(); // a person's click comes after the keystroke has been rendered
      click(getByRole('button', 'Test connection'));
      await waitFor(() => result.textContent?.includes('The server answered HTTP 404'));
      expect(seen.at(-1)?.url).toBe('/missing');

      type(getByLabel('Path to test'), 'no-slash');
      await flushPromises();
      click(getByRole('button', 'Test connection'));
      expect(await invalid(() => getByLabel('Path to test'))).toContain('The test path must start with “/”');

      type(getByLabel('Path to test'), '');
      await flushPromises();
      const closed = createServer();
      await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
      const closedPort = (closed.address() as AddressInfo).port;
      await new Promise<void>((done) => closed.close(() => done()));
      type(getByLabel('Base URL'), `http://127.0.0.1:${closedPort}`);
      click(getByRole('button', 'Test connection'));
      await waitFor(() => result.textContent?.includes('The connection was refused'));
      expect(result.textContent).toMatch(/No answer after \d+ ms\./);
      // Nothing was saved by testing.
      expect(await core.client.call('apiConnections.list', { tenantId })).toEqual([]);
    });

    it('does not test while Base URL is invalid, and says which fields to fix', async () => {
      await openAddForm();
      const before = seen.length;
      type(getByLabel('Base URL'), 'ftp://x');
      click(getByRole('button', 'Test connection'));
      expect(await invalid(() => getByLabel('Base URL'))).toContain('Base URL must start with https://.');
      await waitFor(() => document.querySelector('[data-testid="test-result"]')?.textContent?.includes('Fix Base URL, Headers and Token first.'));
      expect(seen.length).toBe(before);
      expect(core.sent.some((request) => request.channel === 'apiConnections.testConnection' && JSON.stringify(request.input).includes('ftp://x'))).toBe(false);
    });
  });
});
