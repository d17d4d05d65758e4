import { test, expect } from '../support/e2e/fixtures';
import { acknowledgeToast, addConnection, connectionRow, jsonEditor, openApiIntegration, openEditForm, setEditorText } from '../support/e2e/api-integration-ui';
import { startEchoServer } from '../support/e2e/echo-server';
import { createTenant, hostRpcRaw } from '../support/e2e/host-rpc';
import { findMarkers, newMarker, scanDirectory, type Finding, type Marker } from '../support/e2e/marker-scan';
import { pageSnapshot } from '../support/e2e/page-snapshot';
import { readStoreKeychain } from '../support/e2e/store-keychain';
import { PageEventStreamTap, RpcTrafficRecorder } from '../support/e2e/traffic-recorder';
import { openApp, openTenant } from '../support/e2e/ui';

/**
 * The leak test: secrets typed into the UI end up in the OS keychain and nowhere
 * else — not in any file of the data directory (database, WAL, journal, backups, damaged copies,
 * logs), not in any RPC response or event the page received, not in the page, not in the host's
 * log. Nothing is published: everything stays local, which is where a leak would stay too.
 */
test('secrets typed into API Integration reach the keychain and nothing else', async ({ page, host }) => {
  test.setTimeout(90_000);
  const qontak = {
    settings: newMarker('Settings value (Qontak API)'),
    nestedSettings: newMarker('nested Settings value (Qontak API)'),
    header: newMarker('header value apikey (Qontak API)'),
    secondHeader: newMarker('header value X-Client-Secret (Qontak API)'),
    access: newMarker('access_token (Qontak API)'),
    refresh: newMarker('refresh_token (Qontak API)'),
  };
  const jurnal = {
    settings: newMarker('Settings value (Jurnal API)'),
    replacedHeader: newMarker('header value replaced by an edit (Jurnal API)'),
    header: newMarker('header value X-Api-Key (Jurnal API)'),
    access: newMarker('access_token (Jurnal API)'),
    refresh: newMarker('refresh_token (Jurnal API)'),
  };
  const current: Marker[] = [...Object.values(qontak), jurnal.settings, jurnal.header, jurnal.access, jurnal.refresh];
  const all: Marker[] = [...current, jurnal.replacedHeader];

  // The API that Test connection reaches answers like a hostile server: it echoes every header it
  // got into its body and its apikey into the status line's reason phrase.
  const server = await startEchoServer((request) => ({
    status: 401,
    statusMessage: `Unauthorized ${String(request.headers.apikey ?? '')}`,
    body: JSON.stringify(request.headers),
  }));
  const snapshots: Array<{ source: string; text: string }> = [];
  const snapshot = async (source: string) => snapshots.push({ source, text: await pageSnapshot(page) });
  try {
    await host.start();
    const tenantId = await createTenant(host, 'Leak Test');
    const traffic = new RpcTrafficRecorder(page);
    const events = await PageEventStreamTap.install(page);
    await openApp(page, host.url);
    await openTenant(page, 'Leak Test');
    await openApiIntegration(page);

    const token = (access: Marker, refresh: Marker) =>
      JSON.stringify({ token_type: 'bearer', access_token: access.value, expires_in: 7200, refresh_token: refresh.value, created_at: Math.floor(Date.now() / 1000) });
    await addConnection(page, {
      name: 'Qontak API',
      description: 'Customer data in Qontak CRM',
      code: 'QONTAK_CRM',
      baseUrl: server.origin,
      settings: JSON.stringify({ owner_email: qontak.settings.value, options: { password: qontak.nestedSettings.value, retries: 3 } }),
      headers: JSON.stringify({ apikey: qontak.header.value, 'X-Client-Secret': qontak.secondHeader.value }),
      token: token(qontak.access, qontak.refresh),
    });
    await addConnection(page, {
      name: 'Jurnal API',
      description: 'Invoices in Jurnal',
      code: 'JURNAL API',
      baseUrl: 'https://api.jurnal.id',
      settings: JSON.stringify({ client_secret: jurnal.settings.value }),
      headers: JSON.stringify({ 'X-Api-Key': jurnal.replacedHeader.value }),
      token: token(jurnal.access, jurnal.refresh),
    });

    // An edit that replaces one secret: the old value must go from the keychain too.
    let form = await openEditForm(page, 'Jurnal API');
    await form.getByRole('button', { name: 'Replace Headers', exact: true }).click();
    await setEditorText(jsonEditor(form, 'Headers'), JSON.stringify({ 'X-Api-Key': jurnal.header.value }));
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await acknowledgeToast(page, 'API connection “Jurnal API” saved');

    // Test connection with the stored secrets: they do reach the server, and come back from it.
    form = await openEditForm(page, 'Qontak API');
    await snapshot('edit form of Qontak API');
    const received = server.nextRequest();
    await form.getByRole('button', { name: 'Test connection', exact: true }).click();
    const request = await received;
    expect(request.headers.apikey).toBe(qontak.header.value);
    expect(request.headers['x-client-secret']).toBe(qontak.secondHeader.value);
    expect(request.headers.authorization).toBe(`Bearer ${qontak.access.value}`);
    await expect(form.getByTestId('test-result')).toContainText('The server answered HTTP 401');
    await snapshot('edit form of Qontak API after Test connection');
    await form.getByRole('button', { name: 'Cancel', exact: true }).click();

    form = await openEditForm(page, 'Jurnal API');
    await snapshot('edit form of Jurnal API');
    await form.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect(connectionRow(page, 'Jurnal API')).toBeVisible();
    await snapshot('API connection list');

    // Bad input carrying secrets, straight to the host: the refusal must not quote them.
    const refusals = [
      await hostRpcRaw(host, 'apiConnections.create', {
        tenantId,
        name: 'Bad header',
        description: 'A header value with a line break',
        code: 'BAD_HEADER',
        baseUrl: 'https://api.jurnal.id',
        headers: { apikey: `${qontak.header.value}\r\nX-Injected: 1` },
        token: { token_type: 'bearer', access_token: `${qontak.access.value}\n`, expires_in: '7200', refresh_token: qontak.refresh.value, created_at: 1 },
      }),
      await hostRpcRaw(host, 'apiConnections.create', {
        tenantId,
        name: 'Bad settings',
        description: 'Settings that are not an object',
        code: 'BAD_SETTINGS',
        baseUrl: `https://user:${qontak.settings.value}@api.jurnal.id`,
        settings: [qontak.settings.value],
        headers: { 'bad name': qontak.secondHeader.value }, // (names are not secret: values are)
      }),
    ];
    for (const refusal of refusals) expect(refusal.result.ok, refusal.body.slice(0, 200)).toBe(false);

    // The data directory while the host runs (the WAL still holds the recent writes).
    const whileRunning = scanDirectory(host.dataDir, all);
    expect(whileRunning.files).toContain('store.sqlite');

    // Quit, as the app does: the store is closed and its WAL folded into the database.
    const responses = await traffic.responses();
    await host.stop();
    const afterQuit = scanDirectory(host.dataDir, all);
    expect(afterQuit.files).toContain('store.sqlite');

    // The scans look at real traffic: every channel of this story, and the secrets in what the page sent.
    const channels = new Set(responses.map((response) => response.source.split(' ')[1]));
    for (const channel of ['apiConnections.list', 'apiConnections.create', 'apiConnections.update', 'apiConnections.get', 'apiConnections.testConnection', 'vault.status']) {
      expect(channels, `a ${channel} response was recorded`).toContain(channel);
    }
    const sentMarkers = new Set(traffic.requests().flatMap((sent) => findMarkers(sent.source, sent.body, all)).map((finding) => finding.marker));
    expect([...sentMarkers].sort(), 'the scan finds every marker where it rightly is').toEqual(all.map((marker) => marker.label).sort());
    expect(events.text()).toContain('event: tenant.changed');
    expect(host.log).toContain('host: stopped.');

    const findings: Finding[] = [
      ...whileRunning.findings.map((finding) => ({ ...finding, source: `data dir (host running): ${finding.source}` })),
      ...afterQuit.findings.map((finding) => ({ ...finding, source: `data dir (after quit): ${finding.source}` })),
      ...responses.flatMap((response) => findMarkers(response.source, response.body, all)),
      ...refusals.flatMap((refusal, i) => findMarkers(`refusal #${i + 1} of bad input`, refusal.body, all)),
      ...findMarkers('event stream of the page', events.text(), all),
      ...snapshots.flatMap((shot) => findMarkers(`page: ${shot.source}`, shot.text, all)),
      ...findMarkers('host log (stdout and stderr)', host.log, all),
    ];
    expect(findings, 'no marker anywhere but in the keychain').toEqual([]);

    // The keychain holds every current secret, read back through keytar; the replaced one is gone.
    const keychain = await readStoreKeychain(host.dataDir);
    try {
      const stored = Buffer.from(keychain.entries.map((entry) => entry.password).join('\n'));
      const inKeychain = new Set(findMarkers('keychain', stored, all).filter((f) => f.encoding === 'UTF-8').map((f) => f.marker));
      expect(inKeychain.size).toBeGreaterThanOrEqual(4);
      expect([...inKeychain].sort()).toEqual(current.map((marker) => marker.label).sort());
      expect(keychain.entries.every((entry) => entry.account.includes(tenantId)), 'every entry belongs to the tenant').toBe(true);
    } finally {
      await keychain.clear();
    }
  } finally {
    await server.close();
  }
});
