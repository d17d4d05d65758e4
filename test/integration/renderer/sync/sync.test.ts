import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CoreProcess } from '../../../support/renderer/core-process';
import { sandboxWorldWithCore, type SandboxWorld } from '../../../support/renderer/sandbox-world';
import type { MountedApp } from '../../../support/renderer/mount-app';
import { click, describedText, getByLabel, getByRole, queryAllByRole, type, waitFor } from '../../../support/renderer/dom';

/**
 * Sync in the workspace against the real core (its own process: SQLite in a temp dir, the OS
 * keychain of scripts/with-keyring.sh) and a real sandbox backend on 127.0.0.1 in this process.
 * Each test mounts the app itself and unmounts it before its tenant is deleted.
 */
const shared = sandboxWorldWithCore('renderer sync');
const { inside } = shared;

let world: SandboxWorld;
let core: CoreProcess;
let app: MountedApp | null = null;
let tenantId: string;
let account: { username: string; password: string };

beforeEach(async () => {
  if (!inside) return;
  ({ world, core } = shared);
  account = await world.newAccount('tenant');
  tenantId = (await core.client.call('tenants.create', { name: `Tenant ${Math.random().toString(36).slice(2, 8)}`, backendUrl: world.sandbox.baseUrl })).id;
});
afterEach(async () => {
  shared.unmount();
  app = null;
  if (!inside) return;
  await core.client.call('sync.signOut', { tenantId }).catch(() => undefined);
  await core.client.call('tenants.delete', { id: tenantId }).catch(() => undefined);
});

/** Waits on something the backend answers (the machine may be busy): longer than waitFor's default. */
const BACKEND_WAIT_MS = 10_000;
const panel = () => document.querySelector<HTMLElement>('[data-testid="sync-panel"]')!;
const fact = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const dialog = (testId: string) => document.querySelector<HTMLElement>(`[data-testid="${testId}"]`);

/**
 * Opens the tenant's AI Response page and waits for both halves: the sync panel (sync.status) and the
 * form, which its own lazily loaded page shows only once settings.get and catalog.get have answered —
 * in no fixed order with the panel, and later still on a busy machine.
 */
async function openWorkspace() {
  app = await shared.mount({ path: `/tenants/${tenantId}/ai-response` });
  await waitFor(() => fact('sync-account') !== '', BACKEND_WAIT_MS);
  await waitFor(() => document.querySelector('form[aria-labelledby="ai-response-title"]'), BACKEND_WAIT_MS);
}

async function signInThroughApi() {
  await core.client.call('sync.signIn', { tenantId, username: account.username, password: account.password });
}

async function signInDialog() {
  click(getByRole('button', 'Sign in', panel()));
  return waitFor(() => getByRole('dialog', 'Sign in to the backend'));
}

describe.skipIf(!inside)('sync in the workspace (real core, real sandbox)', () => {
  it('shows a tenant never synced: not signed in, not checked, nothing unpublished, never synced', async () => {
    await openWorkspace();
    expect(fact('sync-account')).toBe('Not signed in');
    expect(fact('sync-online')).toBe('Not checked yet');
    expect(fact('sync-unpublished')).toBe('0');
    expect(fact('sync-conflicts')).toBe('0');
    expect(fact('sync-last')).toBe('Never');
    expect(getByRole('button', 'Pull', panel()).hasAttribute('disabled')).toBe(true);
  });

  it('a wrong password gives an inline error in the dialog, clears the password, and signs nobody in', async () => {
    await openWorkspace();
    const form = await signInDialog();
    expect(getByLabel('Backend URL').value).toBe(world.sandbox.baseUrl);
    type(getByLabel('User name'), account.username);
    type(getByLabel('Password'), 'not-the-password');
    click(getByRole('button', 'Sign in', form));

    const error = await waitFor(() => dialog('sign-in-error'), BACKEND_WAIT_MS);
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toContain('The backend refused the user name or password.');
    expect(getByLabel('Password').value).toBe('');
    expect(getByRole('dialog', 'Sign in to the backend')).toBeTruthy();
    expect((await core.client.call('sync.status', { tenantId })).signedIn).toBe(false);
    // The panel shows the failure as the last error, translated.
    await waitFor(() => fact('sync-last-error').includes('Last error: The backend refused the user name or password.'));
    expect(fact('sync-account')).toBe('Not signed in');
  });

  it('empty fields are refused inline before anything is sent', async () => {
    await openWorkspace();
    const form = await signInDialog();
    const sentBefore = core.sent.filter((call) => call.channel === 'sync.signIn').length;
    click(getByRole('button', 'Sign in', form));
    await waitFor(() => getByLabel('User name').getAttribute('aria-invalid') === 'true');
    expect(describedText(getByLabel('User name'))).toContain('User name is required.');
    expect(describedText(getByLabel('Password'))).toContain('Password is required.');
    expect(core.sent.filter((call) => call.channel === 'sync.signIn').length).toBe(sentBefore);
  });

  it('signs in: the dialog closes, the panel says who and online, and the password is kept nowhere in the renderer', async () => {
    await openWorkspace();
    const form = await signInDialog();
    type(getByLabel('User name'), account.username);
    type(getByLabel('Password'), account.password);
    click(getByRole('button', 'Sign in', form));

    await waitFor(() => fact('sync-account') === `Signed in as ${account.username}`, BACKEND_WAIT_MS);
    await waitFor(() => queryAllByRole('dialog', 'Sign in to the backend').length === 0);
    expect(fact('sync-online')).toBe('Online');
    expect(getByRole('button', 'Sign out', panel())).toBeTruthy();
    expect(getByRole('button', 'Pull', panel()).hasAttribute('disabled')).toBe(false);
    expect(document.body.textContent).toContain(`Signed in as ${account.username}`);

    expect(JSON.stringify(app!.context.pinia.state.value)).not.toContain(account.password);
    expect(Object.values({ ...window.localStorage }).join('\n')).not.toContain(account.password);
    expect(document.body.innerHTML).not.toContain(account.password);

    // Reopened, the dialog starts without a password.
    click(getByRole('button', 'Sign out', panel()));
    await waitFor(() => fact('sync-account') === 'Not signed in');
    await signInDialog();
    expect(getByLabel('Password').value).toBe('');
  });

  it('pulls: the catalog reaches the pickers with its age, and the last sync is set', async () => {
    await signInThroughApi();
    await openWorkspace();
    click(await waitFor(() => getByRole('radio', 'Specific division')));
    const picker = await waitFor(() => getByLabel<HTMLButtonElement>('Division'));
    expect(describedText(picker)).toContain('No catalog yet');
    expect(picker.hasAttribute('disabled') || picker.getAttribute('data-disabled') !== null).toBe(true);

    click(getByRole('button', 'Pull', panel()));
    await waitFor(() => getByRole('button', 'Pulling…', panel()));
    await waitFor(() => queryAllByRole('button', 'Pull', panel()).length === 1, BACKEND_WAIT_MS);
    await waitFor(() => document.body.textContent?.includes('Pulled from the backend'));
    await waitFor(() => describedText(getByLabel('Division')).includes('Catalog updated just now.'));
    expect(describedText(getByLabel('Division'))).not.toContain('No catalog yet');
    expect(fact('sync-last')).toBe('just now');
    const catalog = await core.client.call('catalog.get', { tenantId });
    expect(catalog.divisions.map((division) => division.name)).toEqual(expect.arrayContaining(['Sales', 'Customer Support', 'Billing']));
  });

  it('a revoked session asks to sign in again and keeps the drafts', async () => {
    await signInThroughApi();
    await core.client.call('settings.saveDraft', {
      tenantId,
      kind: 'ai_response',
      draft: { threshold: 4, onThreshold: 'any_available_agent', divisionId: null, agentId: null, handoverMessage: 'Tunggu ya' },
    });
    await world.revokeTokens(account.username);
    await openWorkspace();
    click(getByRole('button', 'Pull', panel()));

    const signIn = await waitFor(() => getByRole('dialog', 'Sign in to the backend'), BACKEND_WAIT_MS);
    expect(signIn.textContent).toContain('Your session with the backend ended: sign in again. Your drafts are kept.');
    await waitFor(() => fact('sync-account') === 'Not signed in');
    expect(getByRole('button', 'Sign in again', panel())).toBeTruthy();
    const draft = await core.client.call('settings.get', { tenantId, kind: 'ai_response' });
    expect(draft.draft).toMatchObject({ threshold: 4, handoverMessage: 'Tunggu ya' });
  });

  it('the publish plan lists the changes per document, and the drafts that do not validate with their errors', async () => {
    await signInThroughApi();
    await core.client.call('sync.pull', { tenantId });
    await core.client.call('settings.saveDraft', {
      tenantId,
      kind: 'ai_response',
      draft: { threshold: 3, onThreshold: 'specific_division', divisionId: 'div-billing', agentId: null, handoverMessage: '' },
    });
    // Assigned to a division the backend then closes: after the next pull the draft names a
    // division the catalog no longer has, and is held back from publishing.
    await core.client.call('settings.saveDraft', {
      tenantId,
      kind: 'idle_action',
      draft: { action: 'assign_conversation', idleHours: 1, idleMinutes: 0, assignTo: 'division', divisionId: 'div-support', agentId: null, closingMessage: 'Bye' },
    });
    await world.removeCatalogEntry(account.username, 'divisions', 'div-support');
    await core.client.call('sync.pull', { tenantId });
    await openWorkspace();
    await waitFor(() => fact('sync-unpublished') !== '0');

    click(getByRole('button', 'Publish', panel()));
    const publish = await waitFor(() => dialog('publish-dialog'));
    const rows = await waitFor(() => {
      const found = [...publish.querySelectorAll<HTMLElement>('[data-testid="plan-entry"]')];
      return found.length > 0 ? found : null;
    });
    const ai = rows.find((row) => row.dataset.kind === 'ai_response')!;
    expect(ai.dataset.status).toBe('ready');
    expect(ai.textContent).toContain('AI Response');
    expect(ai.textContent).toContain('Update');
    for (const field of ['Threshold', 'When the threshold is reached', 'Division']) expect(ai.textContent).toContain(field);
    const idle = rows.find((row) => row.dataset.kind === 'idle_action')!;
    expect(idle.dataset.status).toBe('invalid');
    expect(idle.textContent).toContain('Not valid, not sent');
    expect(idle.textContent).toContain('Division “Customer Support” is no longer in the catalog.');
    expect(publish.textContent).toContain('Ready to publish: 1. Held back: 1.');
    expect(getByRole('button', 'Publish 1', publish).hasAttribute('disabled')).toBe(false);
  });

  it('publishes: progress, then the result per document; the backend has the draft; Retry failed only on failures', async () => {
    await signInThroughApi();
    await core.client.call('sync.pull', { tenantId });
    const draft = { threshold: 7, onThreshold: 'specific_agent', divisionId: null, agentId: 'agent-citra', handoverMessage: 'Sebentar ya' } as const;
    await core.client.call('settings.saveDraft', { tenantId, kind: 'ai_response', draft });
    await openWorkspace();

    click(getByRole('button', 'Publish', panel()));
    const publish = await waitFor(() => dialog('publish-dialog'));
    click(await waitFor(() => getByRole('button', 'Publish 1', publish)));

    const results = await waitFor(() => {
      const found = [...document.querySelectorAll<HTMLElement>('[data-testid="publish-result"]')];
      return found.length > 0 ? found : null;
    }, BACKEND_WAIT_MS);
    expect(results.map((row) => [row.dataset.kind, row.dataset.state])).toEqual([['ai_response', 'done']]);
    expect(results[0]!.textContent).toContain('Published');
    expect(fact('publish-counts')).toBe('1 of 1 done');
    const bar = document.querySelector<HTMLProgressElement>('[data-testid="publish-progress"] progress')!;
    expect([bar.value, bar.max]).toEqual([1, 1]);
    expect(fact('publish-summary')).toContain('Published: 1. Failed: 0. Conflicts: 0. Cancelled: 0.');
    expect(queryAllByRole('button', 'Retry failed')).toHaveLength(0);
    expect(getByRole('dialog', 'Publish results')).toBeTruthy();

    const remote = await world.state(account.username);
    expect(remote.aiResponse.value).toEqual(draft);
    await waitFor(() => fact('sync-unpublished') === '0');
    const run = core.received.filter((json) => json.includes('"runId"'));
    expect(run.length).toBeGreaterThan(0); // progress came as events and answers
  });

  it('a document that fails is listed with its reason; Retry failed publishes it', async () => {
    await signInThroughApi();
    await core.client.call('sync.pull', { tenantId });
    const draft = { threshold: 9, onThreshold: 'any_available_agent', divisionId: null, agentId: null, handoverMessage: '' } as const;
    await core.client.call('settings.saveDraft', { tenantId, kind: 'ai_response', draft });
    // Busy for two minutes: longer than the app waits for, so the write fails at once.
    await world.setFaults([{ route: 'PUT /chatbot/settings/ai-response', username: account.username, status: 503, retryAfter: 120, times: 1 }]);
    try {
      await openWorkspace();
      click(getByRole('button', 'Publish', panel()));
      click(await waitFor(() => getByRole('button', 'Publish 1', dialog('publish-dialog')!)));

      const failed = await waitFor(() => document.querySelector<HTMLElement>('[data-testid="publish-result"][data-state="failed"]'), 10_000);
      expect(failed.textContent).toContain('Failed');
      expect(failed.textContent).toContain('The backend did not answer.');
      expect(fact('publish-summary')).toContain('Published: 0. Failed: 1.');
      expect((await world.state(account.username)).aiResponse.value).not.toEqual(draft);
      await waitFor(() => fact('sync-last-error').startsWith('Last error: The backend did not answer.'));

      click(getByRole('button', 'Retry failed'));
      const done = await waitFor(() => document.querySelector<HTMLElement>('[data-testid="publish-result"][data-state="done"]'), 10_000);
      expect(done.textContent).toContain('Published');
      expect(fact('publish-summary')).toContain('Published: 1. Failed: 0.');
      expect(queryAllByRole('button', 'Retry failed')).toHaveLength(0);
      expect((await world.state(account.username)).aiResponse.value).toEqual(draft);
    } finally {
      await world.setFaults([]);
    }
  });

  it('Cancel stops a publish that hangs; the document is cancelled and stays unpublished', async () => {
    await signInThroughApi();
    await core.client.call('sync.pull', { tenantId });
    const draft = { threshold: 12, onThreshold: 'continue_with_bot', divisionId: null, agentId: null, handoverMessage: '' } as const;
    await core.client.call('settings.saveDraft', { tenantId, kind: 'ai_response', draft });
    await world.setFaults([{ route: 'PUT /chatbot/settings/ai-response', username: account.username, hang: true, times: 1 }]);
    try {
      await openWorkspace();
      click(getByRole('button', 'Publish', panel()));
      click(await waitFor(() => getByRole('button', 'Publish 1', dialog('publish-dialog')!)));

      await waitFor(() => getByRole('dialog', 'Publishing'), BACKEND_WAIT_MS);
      expect(fact('publish-counts')).toBe('0 of 1 done');
      click(getByRole('button', 'Cancel publishing'));
      const cancelled = await waitFor(() => document.querySelector<HTMLElement>('[data-testid="publish-result"][data-state="cancelled"]'), 10_000);
      expect(cancelled.textContent).toContain('Cancelled');
      expect(fact('publish-summary')).toContain('Publishing was cancelled.');
      expect(getByRole('dialog', 'Publish results')).toBeTruthy();
      await waitFor(() => fact('sync-unpublished') === '1');
      expect((await core.client.call('settings.get', { tenantId, kind: 'ai_response' })).draft).toEqual(draft);
    } finally {
      await world.setFaults([]);
    }
  });

  it('a remote and a local change to the same field: the pull opens the conflicts; Take theirs resolves it', async () => {
    await signInThroughApi();
    await core.client.call('sync.pull', { tenantId });
    const base = { threshold: 10, onThreshold: 'continue_with_bot', divisionId: null, agentId: null, handoverMessage: '' } as const;
    await world.putRemote(account, '/chatbot/settings/ai-response', { ...base, threshold: 20 });
    await core.client.call('settings.saveDraft', { tenantId, kind: 'ai_response', draft: { ...base, threshold: 5 } });
    await openWorkspace();

    click(getByRole('button', 'Pull', panel()));
    const conflicts = await waitFor(() => dialog('conflicts-dialog'), BACKEND_WAIT_MS);
    const row = await waitFor(() => conflicts.querySelector<HTMLElement>('[data-testid="conflict-field"][data-pointer="/threshold"]'));
    expect(row.querySelector('th')?.textContent).toBe('Threshold');
    expect(row.querySelector('[data-testid="conflict-mine"]')?.textContent).toBe('5');
    expect(row.querySelector('[data-testid="conflict-theirs"]')?.textContent).toBe('20');
    await waitFor(() => fact('sync-conflicts') === '1');

    click(getByRole('button', 'Take theirs: Threshold', conflicts));
    await waitFor(() => dialog('no-conflicts'), BACKEND_WAIT_MS);
    const view = await core.client.call('settings.get', { tenantId, kind: 'ai_response' });
    expect(view.draft).toMatchObject({ threshold: 20 });
    await waitFor(() => fact('sync-conflicts') === '0');
    // The open form took the resolved value.
    await waitFor(() => getByLabel('Threshold').value === '20');
  });

  it('offline: a pull that cannot reach the backend says so, and editing goes on (autosave)', async () => {
    await signInThroughApi();
    await core.client.call('sync.pull', { tenantId });
    await openWorkspace();
    await waitFor(() => fact('sync-online') === 'Online', BACKEND_WAIT_MS);
    // The backend goes away only now: a health check after sign-in must not race the first look.
    await world.setFaults([{ route: '**', username: account.username, reset: true }]);
    try {
      click(getByRole('button', 'Pull', panel()));
      // The health check may say Offline before the pull has given up (it retries first): the pull's
      // own error and toast get the same time as the Offline state.
      await waitFor(() => fact('sync-online') === 'Offline: you can keep editing, publish later', 12_000);
      await waitFor(() => fact('sync-last-error').startsWith('Last error: The backend did not answer.'), 12_000);
      await waitFor(() => document.body.textContent?.includes('Pull failed'), 12_000);

      type(getByLabel('Threshold'), '8');
      await waitFor(() => document.querySelector('[data-testid="save-status"]')?.getAttribute('data-status') === 'saved');
      expect((await core.client.call('settings.get', { tenantId, kind: 'ai_response' })).draft).toMatchObject({ threshold: 8 });
      await waitFor(() => fact('sync-unpublished') === '1');
    } finally {
      await world.setFaults([]);
    }
  }, 40_000);

  it('the panel and dialogs speak Indonesian too', async () => {
    app = await shared.mount({ path: `/tenants/${tenantId}/ai-response`, locale: 'id' });
    await waitFor(() => fact('sync-account') === 'Belum masuk');
    expect(fact('sync-last')).toBe('Belum pernah');
    click(getByRole('button', 'Masuk', panel()));
    await waitFor(() => getByRole('dialog', 'Masuk ke backend'));
    expect(getByLabel('Kata sandi')).toBeTruthy();
  });
});
