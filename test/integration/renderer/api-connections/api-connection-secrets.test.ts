import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { flushPromises } from '@vue/test-utils';
import { envWithoutDbus, insideKeyringSession, KEYRING_SKIP_REASON, privateDir, startCoreProcess, type CoreProcess } from '../../../support/renderer/core-process';
import { mountApp, type MountedApp } from '../../../support/renderer/mount-app';
import { click, getByLabel, getByRole, queryAllByRole, type, waitFor } from '../../../support/renderer/dom';
import { editorText, getEditor, typeInEditor } from '../../../support/renderer/code-editor';

/**
 * API Integration's secrets, with the real OS keychain (inside scripts/with-keyring.sh; those
 * tests are skipped elsewhere) and without one (a core process with no D-Bus session, for real).
 */
const inside = insideKeyringSession();
if (!inside) console.warn(`[api-connection-secrets] keychain tests skipped: ${KEYRING_SKIP_REASON}`);

let app: MountedApp | null = null;
afterEach(() => {
  app?.unmount();
  app = null;
});

const rows = () => [...document.querySelectorAll<HTMLElement>('[data-testid="api-connection-row"]')];
const rowOf = (name: string) => rows().find((row) => row.querySelector('th')?.textContent?.includes(name)) ?? null;

function fillRequired(values: { name: string; code: string; baseUrl: string }) {
  type(getByLabel('Connection name'), values.name);
  type(getByLabel('Description'), 'Contacts and deals');
  type(getByLabel('Code'), values.code);
  type(getByLabel('Base URL'), values.baseUrl);
}

/** A section's "stored" summary (the group labelled by the section's label): one `name value` per entry. */
function storedSummary(section: string): string {
  const entries = [...getByRole('group', section).querySelectorAll('li')];
  return entries.map((entry) => [...entry.children].map((part) => part.textContent?.trim()).join(' ')).join('; ');
}

describe.skipIf(!inside)(`API connection secrets in the real keychain (${inside ? 'private keyring session' : KEYRING_SKIP_REASON})`, () => {
  let core: CoreProcess;
  let tenantId: string;
  let server: Server;
  let origin: string;
  const seen: Array<{ url: string; headers: IncomingHttpHeaders }> = [];

  beforeAll(async () => {
    core = await startCoreProcess();
    tenantId = (await core.client.call('tenants.create', { name: 'Acme' })).id;
    server = createServer((request, response) => {
      seen.push({ url: request.url ?? '', headers: request.headers });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{}');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    // Deleting the tenant removes its keychain entries.
    await core?.client.call('tenants.delete', { id: tenantId }).catch(() => undefined);
    await core?.stop();
    await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  });

  it('adds a connection with the seed’s examples: listed as a draft with an expired token; on edit only names and masked previews', async () => {
    app = await mountApp(core.client, { path: `/tenants/${tenantId}/api-integration` });
    click(await waitFor(() => getByRole('button', 'Add API connection')));
    await waitFor(() => getByRole('heading', 'Add API connection'));
    expect(queryAllByRole('alert').filter((alert) => alert.dataset.testid === 'vault-banner')).toHaveLength(0);

    fillRequired({ name: 'Qontak CRM', code: 'QONTAK_CRM', baseUrl: 'https://api.jurnal.id' });
    typeInEditor('Settings', '{"owner_email":"sandbox@qontak.com"}');
    typeInEditor('Headers', '{"apikey":"xxxxxxxx"}');
    typeInEditor(
      'Token',
      '{"token_type":"bearer","access_token":"seed-access-token-value","expires_in":7200,"refresh_token":"seed-refresh-token-value","created_at":1732406400}',
    );
    click(getByRole('button', 'Add'));

    await waitFor(() => rowOf('Qontak CRM'));
    const row = rowOf('Qontak CRM')!;
    expect(row.getAttribute('data-state')).toBe('draft');
    expect(row.textContent).toContain('Token expired');
    expect(row.textContent).toContain('QONTAK_CRM');

    click(getByRole('button', 'Edit Qontak CRM'));
    await waitFor(() => getByRole('heading', 'Edit API connection'));
    expect(storedSummary('Settings')).toContain('owner_email ••••om');
    expect(storedSummary('Headers')).toContain('apikey ••••');
    const token = storedSummary('Token');
    expect(token).toContain('token_type bearer');
    expect(token).toContain('access_token ••••ue');
    expect(token).toContain('expires_in 7200');
    const expiry = document.querySelector<HTMLElement>('[data-testid="token-expiry"]')!;
    expect(expiry.getAttribute('data-expired')).toBe('true');
    expect(expiry.querySelector('time')?.getAttribute('datetime')).toBe('2024-11-24T02:00:00.000Z');
    // The stored values are nowhere in the page (the hints' examples aside, which are not stored values).
    for (const secret of ['seed-access-token-value', 'seed-refresh-token-value']) expect(document.body.innerHTML).not.toContain(secret);
    expect(queryAllByRole('textbox', 'Settings')).toHaveLength(0);
    expect(getByRole('button', 'Replace Settings')).toBeTruthy();
    expect(getByRole('button', 'Clear Token')).toBeTruthy();
  });

  it('keeps untouched secrets on Save, replaces and clears on request, and no secret reaches the page or any answer', async () => {
    const M = `LEAK${randomUUID().slice(0, 8)}`;
    const secrets = {
      setting: `${M}-owner@example.com`,
      nested: `${M}-nested-value`,
      header: `${M}-header-value`,
      access: `${M}-access-token`,
      refresh: `${M}-refresh-token`,
      newHeader: `${M}-replaced-header`,
    };
    const receivedBefore = core.received.length;
    app = await mountApp(core.client, { path: `/tenants/${tenantId}/api-integration/new` });
    await waitFor(() => getByRole('heading', 'Add API connection'));
    fillRequired({ name: 'Leak check', code: 'LEAK CHECK', baseUrl: origin });
    typeInEditor('Settings', JSON.stringify({ owner_email: secrets.setting, nested: { deep: [secrets.nested, 1] } }));
    typeInEditor('Headers', JSON.stringify({ 'X-Api-Key': secrets.header }));
    const now = Math.floor(Date.now() / 1000);
    typeInEditor('Token', JSON.stringify({ token_type: 'bearer', access_token: secrets.access, expires_in: 3600, refresh_token: secrets.refresh, created_at: now }));
    click(getByRole('button', 'Add'));
    await waitFor(() => rowOf('Leak check'));

    const noMarker = (what: string, text: string) => expect(text.includes(M), `${what} holds a secret`).toBe(false);
    noMarker('the page after saving', document.body.innerHTML);

    // Edit: only the description changes; every section is kept.
    click(getByRole('button', 'Edit Leak check'));
    await waitFor(() => getByRole('heading', 'Edit API connection'));
    noMarker('the edit page', document.body.innerHTML);
    expect(document.querySelector('[data-testid="token-expiry"]')?.getAttribute('data-expired')).toBe('false');
    type(getByLabel('Description'), 'Still the same secrets');
    click(getByRole('button', 'Save'));
    await waitFor(() => rowOf('Leak check')?.textContent?.includes('Still the same secrets'));
    expect(core.sent.filter((request) => request.channel === 'apiConnections.update').at(-1)?.input).toMatchObject({
      settings: { action: 'keep' },
      headers: { action: 'keep' },
      token: { action: 'keep' },
    });

    // Test connection of the saved connection: the core sends the stored header and token.
    click(getByRole('button', 'Edit Leak check'));
    await waitFor(() => getByRole('heading', 'Edit API connection'));
    click(getByRole('button', 'Test connection'));
    await waitFor(() => document.querySelector('[data-testid="test-result"]')?.textContent?.includes('Connected'));
    expect(seen.at(-1)?.headers['x-api-key']).toBe(secrets.header);
    expect(seen.at(-1)?.headers.authorization).toBe(`Bearer ${secrets.access}`);

    // Replace Headers, clear Token; Settings stay.
    click(getByRole('button', 'Replace Headers'));
    await waitFor(() => getEditor('Headers'));
    expect(editorText('Headers')).toBe('');
    typeInEditor('Headers', JSON.stringify({ 'X-Api-Key': secrets.newHeader }));
    click(getByRole('button', 'Clear Token'));
    await waitFor(() => document.body.textContent?.includes('Token will be removed when you save.'));
    await flushPromises();
    click(getByRole('button', 'Save'));
    await waitFor(() => rowOf('Leak check') && !rowOf('Leak check')?.textContent?.includes('Token expired') && getByRole('button', 'Add API connection'));
    const update = core.sent.filter((request) => request.channel === 'apiConnections.update').at(-1)?.input as Record<string, { action: string }>;
    expect([update.settings?.action, update.headers?.action, update.token?.action]).toEqual(['keep', 'replace', 'clear']);

    click(getByRole('button', 'Edit Leak check'));
    await waitFor(() => getByRole('heading', 'Edit API connection'));
    expect(storedSummary('Settings')).toContain('owner_email');
    expect(storedSummary('Headers')).toContain('X-Api-Key');
    expect(getEditor('Token')).toBeTruthy(); // nothing stored: the editor is the field
    click(getByRole('button', 'Test connection'));
    await waitFor(() => document.querySelector('[data-testid="test-result"]')?.textContent?.includes('Connected'));
    expect(seen.at(-1)?.headers['x-api-key']).toBe(secrets.newHeader);
    expect(seen.at(-1)?.headers.authorization).toBeUndefined();

    noMarker('the page at the end', document.body.innerHTML);
    const answers = core.received.slice(receivedBefore);
    expect(answers.length).toBeGreaterThan(5);
    for (const answer of answers) noMarker('an RPC answer or event', answer);
  });
});

describe('API Integration without a keychain (a core process with no D-Bus session)', () => {
  let core: CoreProcess;
  let runtimeDir: string;
  let tenantId: string;

  beforeAll(async () => {
    runtimeDir = privateDir('renderer-no-dbus-');
    core = await startCoreProcess({ env: envWithoutDbus(runtimeDir) });
    tenantId = (await core.client.call('tenants.create', { name: 'Offline Co' })).id;
  });
  afterAll(async () => {
    await core?.client.call('tenants.delete', { id: tenantId }).catch(() => undefined);
    await core?.stop();
    rmSync(runtimeDir, { recursive: true, force: true });
  });

  it('explains why in a banner, lets a save with secrets wait, and loses nothing typed', async () => {
    app = await mountApp(core.client, { path: `/tenants/${tenantId}/api-integration` });
    const banner = await waitFor(() => document.querySelector<HTMLElement>('[data-testid="vault-banner"]'));
    expect(banner.getAttribute('role')).toBe('alert');
    expect(banner.textContent).toContain('The system keychain cannot be used');
    expect(banner.textContent).toContain('this session has no D-Bus connection');

    click(getByRole('button', 'Add API connection'));
    await waitFor(() => getByRole('heading', 'Add API connection'));
    fillRequired({ name: 'Jurnal', code: 'JURNAL API', baseUrl: 'https://api.jurnal.id' });
    typeInEditor('Settings', '{"owner_email":"sandbox@qontak.com"}');
    click(getByRole('button', 'Add'));
    await waitFor(() => document.querySelector('[data-testid="connection-save-status"]')?.textContent?.includes('Waiting for the system keychain'));
    expect(document.querySelector('[data-testid="vault-banner"]')?.textContent).toContain('Your save waits for the keychain');
    expect(core.sent.some((request) => request.channel === 'apiConnections.create')).toBe(false);

    // Leave, come back: everything typed is still there.
    click(getByRole('link', 'AI Response'));
    await waitFor(() => getByLabel('Threshold'));
    click(getByRole('link', 'API Integration'));
    click(await waitFor(() => getByRole('button', 'Add API connection')));
    await waitFor(() => getByRole('heading', 'Add API connection'));
    expect(getByLabel('Connection name').value).toBe('Jurnal');
    expect(getByLabel('Code').value).toBe('JURNAL API');
    expect(editorText('Settings')).toBe('{"owner_email":"sandbox@qontak.com"}');
    expect(await core.client.call('apiConnections.list', { tenantId })).toEqual([]);

    if (!inside) return; // what follows needs a keychain to come back
    // The user's keyring comes back (their session's bus): Check again, and the save goes ahead.
    await core.setEnv({ DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS ?? null, XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? null });
    click(getByRole('button', 'Add'));
    await waitFor(() => document.querySelector('[data-testid="connection-save-status"]')?.textContent?.includes('Waiting for the system keychain'));
    click(getByRole('button', 'Check again'));
    await waitFor(() => rowOf('Jurnal'), 10_000);
    expect(document.querySelector('[data-testid="vault-banner"]')).toBeNull();
    const [saved] = await core.client.call('apiConnections.list', { tenantId });
    expect(saved?.code).toBe('JURNAL API');
    const document_ = await core.client.call('apiConnections.get', { tenantId, id: saved!.id });
    expect(document_.connection.settings?.map((entry) => entry.key)).toEqual(['owner_email']);
    expect(document_.secrets.readable).toBe(true);
  });
});
