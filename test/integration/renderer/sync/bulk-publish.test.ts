import { describe, expect, it } from 'vitest';
import { sandboxWorldWithCore } from '../../../support/renderer/sandbox-world';
import { click, getByRole, waitFor } from '../../../support/renderer/dom';

/**
 * Bulk publish from the tenant list against the real core (its own process, the keychain of
 * scripts/with-keyring.sh) and a real sandbox backend: one plan for all, the tenants that cannot be
 * published listed and skipped, per tenant results with a failure injected, `Retry failed`.
 */
const shared = sandboxWorldWithCore('renderer bulk publish');
const { inside } = shared;

const BACKEND_WAIT_MS = 15_000;
const AI = (threshold: number) => ({ threshold, onThreshold: 'any_available_agent', divisionId: null, agentId: null, handoverMessage: `Tunggu ${threshold}` }) as const;

async function signedInTenant(name: string) {
  const { world, core } = shared;
  const account = await world.newAccount(name.toLowerCase().replace(/\s+/g, '-'));
  const tenant = await core.client.call('tenants.create', { name, backendUrl: world.sandbox.baseUrl });
  await core.client.call('sync.signIn', { tenantId: tenant.id, username: account.username, password: account.password });
  await core.client.call('sync.pull', { tenantId: tenant.id });
  return { id: tenant.id, account };
}

function planRow(name: string): HTMLElement {
  const row = [...document.querySelectorAll<HTMLElement>('[data-testid="bulk-plan-tenant"]')].find((element) => element.querySelector('th')?.textContent === name);
  if (!row) throw new Error(`no plan row ${name}`);
  return row;
}
function resultRow(name: string): HTMLElement {
  const row = [...document.querySelectorAll<HTMLElement>('[data-testid="bulk-result-tenant"]')].find((element) => element.querySelector('th')?.textContent === name);
  if (!row) throw new Error(`no result row ${name}`);
  return row;
}

describe.skipIf(!inside)('bulk publish from the tenant list (real core, real sandbox)', () => {
  it('plans all, skips the tenants it cannot publish, shows per tenant results, and retries only the failed', async () => {
    const { world, core } = shared;
    const ready = await signedInTenant('Bulk Ready');
    const flaky = await signedInTenant('Bulk Flaky');
    const invalid = await signedInTenant('Bulk Invalid');
    const signedOut = (await core.client.call('tenants.create', { name: 'Bulk Signed Out', backendUrl: world.sandbox.baseUrl })).id;
    await core.client.call('settings.saveDraft', { tenantId: ready.id, kind: 'ai_response', draft: AI(11) });
    await core.client.call('settings.saveDraft', { tenantId: flaky.id, kind: 'ai_response', draft: AI(12) });
    await core.client.call('settings.saveDraft', { tenantId: signedOut, kind: 'ai_response', draft: AI(13) });
    // A division the backend then closes: after the next pull this tenant has a draft with an error.
    await core.client.call('settings.saveDraft', { tenantId: invalid.id, kind: 'ai_response', draft: AI(14) });
    await core.client.call('settings.saveDraft', {
      tenantId: invalid.id,
      kind: 'idle_action',
      draft: { action: 'assign_conversation', idleHours: 1, idleMinutes: 0, assignTo: 'division', divisionId: 'div-support', agentId: null, closingMessage: 'Bye' },
    });
    await world.removeCatalogEntry(invalid.account.username, 'divisions', 'div-support');
    await core.client.call('sync.pull', { tenantId: invalid.id });
    // Busy for two minutes: longer than the app waits, so this tenant's write fails at once.
    await world.setFaults([{ route: 'PUT /chatbot/settings/ai-response', username: flaky.account.username, status: 503, retryAfter: 120, times: 1 }]);

    try {
      await shared.mount();
      await waitFor(() => document.querySelectorAll('[data-testid="tenant-row"]').length === 4);
      click(document.querySelector<HTMLInputElement>('[data-testid="select-all"]')!);
      click(await waitFor(() => getByRole('button', 'Publish…')));

      await waitFor(() => document.querySelectorAll('[data-testid="bulk-plan-tenant"]').length === 4, BACKEND_WAIT_MS);
      expect(planRow('Bulk Ready').dataset.verdict).toBe('publish');
      expect(planRow('Bulk Flaky').dataset.verdict).toBe('publish');
      expect(planRow('Bulk Invalid').dataset.verdict).toBe('invalid');
      expect(planRow('Bulk Invalid').textContent).toContain('Skipped: settings with errors');
      expect(planRow('Bulk Signed Out').dataset.verdict).toBe('signedOut');
      expect(document.querySelector('[data-testid="bulk-plan-summary"]')?.textContent).toBe('Tenants to publish: 2 (2 settings). Skipped: 2. Nothing to publish: 0.');
      // The held-back document says why, in the expanded plan.
      click(getByRole('button', 'Show the plan of Bulk Invalid'));
      await waitFor(() => document.body.textContent?.includes('Division “Customer Support” is no longer in the catalog.'));

      click(getByRole('button', 'Publish 2 tenants'));
      await waitFor(() => document.querySelectorAll('[data-testid="bulk-result-tenant"]').length === 2, BACKEND_WAIT_MS);
      expect(resultRow('Bulk Ready').dataset.outcome).toBe('published');
      expect(resultRow('Bulk Flaky').dataset.outcome).toBe('failed');
      expect(document.querySelector('[data-testid="bulk-progress-counts"]')?.textContent).toContain('2 of 2 settings done (published: 1, failed: 1)');
      expect(document.querySelector('[data-testid="bulk-skipped"]')?.textContent).toContain('Bulk Invalid: Skipped: settings with errors');
      expect(document.querySelector('[data-testid="bulk-skipped"]')?.textContent).toContain('Bulk Signed Out: Skipped: not signed in');
      click(getByRole('button', 'Show the results of Bulk Flaky'));
      await waitFor(() => document.body.textContent?.includes('The backend did not answer.'));
      expect((await world.state(ready.account.username)).aiResponse.value).toEqual(AI(11));
      expect((await world.state(invalid.account.username)).aiResponse.value).not.toEqual(AI(14)); // not half-published

      click(getByRole('button', 'Retry failed (1)'));
      await waitFor(() => document.querySelector<HTMLElement>('[data-testid="bulk-result-tenant"]')?.dataset.outcome === 'published', BACKEND_WAIT_MS);
      expect(document.querySelectorAll('[data-testid="bulk-result-tenant"]')).toHaveLength(1);
      expect((await world.state(flaky.account.username)).aiResponse.value).toEqual(AI(12));
    } finally {
      await world.setFaults([]);
    }
  });
});
