import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import { en } from '../../../../renderer/src/i18n/locales/en';
import { id } from '../../../../renderer/src/i18n/locales/id';
import { minutesLeft } from '../../../../renderer/src/stores/sync';
import { demoQontakTenants } from '../../../sandbox/qontak/demo-qontak';
import { sandboxWorldWithCore } from '../../../support/renderer/sandbox-world';
import { click, getByRole, waitFor } from '../../../support/renderer/dom';

/**
 * Bulk pull from the tenant list against the real core (its own process) and the sandbox's Qontak
 * mode: Qontak credentials are paced, so the progress says how long the tenants still to go take
 * at that pace, in minutes, with vue-i18n's plural forms.
 */
const shared = sandboxWorldWithCore('renderer bulk pull');
const { inside } = shared;

const [ACME_HMAC, BORNEO_HMAC] = demoQontakTenants() as [ReturnType<typeof demoQontakTenants>[number], ReturnType<typeof demoQontakTenants>[number]];

describe('time left of a bulk pull, in words', () => {
  const progress = (msLeft: number | null) => ({ runId: '00000000-0000-4000-8000-000000000001', state: 'running' as const, total: 3, done: 0, failed: 0, msLeft, failures: [] });
  it('rounds up to whole minutes, at least one, and only while running with an estimate', () => {
    expect(minutesLeft(progress(1))).toBe(1);
    expect(minutesLeft(progress(60_000))).toBe(1);
    expect(minutesLeft(progress(60_001))).toBe(2);
    expect(minutesLeft(progress(null))).toBeNull();
    expect(minutesLeft({ ...progress(90_000), state: 'finished' })).toBeNull();
  });

  it('says it with plural forms in English and Indonesian', () => {
    const i18n = createI18n({ legacy: false, locale: 'en', messages: { en, id } });
    const { t } = i18n.global;
    expect(t('bulkPull.timeLeft', { count: 1 }, 1)).toBe('about 1 min left');
    expect(t('bulkPull.timeLeft', { count: 4 }, 4)).toBe('about 4 min left');
    i18n.global.locale.value = 'id';
    expect(t('bulkPull.timeLeft', { count: 1 }, 1)).toBe('sekitar 1 menit lagi');
    expect(t('bulkPull.timeLeft', { count: 4 }, 4)).toBe('sekitar 4 menit lagi');
  });
});

describe.skipIf(!inside)('bulk pull from the tenant list (real core, sandbox in Qontak mode)', () => {
  it('shows the progress and about how many minutes the paced tenants still take', async () => {
    const { world, core } = shared;
    const { origin } = world.sandbox;
    const tenants = [];
    for (const [name, pair] of [['Pull Acme', ACME_HMAC], ['Pull Borneo', BORNEO_HMAC]] as const) {
      const tenant = await core.client.call('tenants.create', { name, backendUrl: origin, backendKind: 'qontak' });
      await core.client.call('sync.signInHmac', { tenantId: tenant.id, clientId: pair.clientId, clientSecret: pair.clientSecret });
      // Six requests a minute from now on: a pull of about twelve requests takes minutes.
      await core.client.call('tenants.update', { id: tenant.id, requestsPerMinute: 6 });
      tenants.push(tenant);
    }

    await shared.mount();
    await waitFor(() => document.querySelectorAll('[data-testid="tenant-row"]').length === 2);
    click(document.querySelector<HTMLInputElement>('[data-testid="select-all"]')!);
    click(await waitFor(() => getByRole('button', 'Pull…')));

    const dialog = await waitFor(() => document.querySelector<HTMLElement>('[data-testid="bulk-pull-dialog"]'));
    expect(dialog.querySelector('.dialog__title')?.textContent).toBe('Pull the selected tenants (2)');
    const timeLeft = await waitFor(() => dialog.querySelector<HTMLElement>('[data-testid="bulk-pull-time-left"]'), 10_000);
    const minutes = Number(/^about (\d+) min left$/.exec(timeLeft.textContent?.trim() ?? '')?.[1]);
    // Two credentials side by side, each at 5 a minute after a burst of 1: about (12 − 1) / 5 minutes.
    expect(minutes).toBeGreaterThanOrEqual(2);
    expect(minutes).toBeLessThanOrEqual(4);
    expect(dialog.querySelector('[data-testid="bulk-pull-counts"]')?.textContent).toContain('0 of 2 tenants pulled');
    expect(core.sent.filter((request) => request.channel === 'sync.pullMany')).toEqual([{ channel: 'sync.pullMany', input: { tenantIds: tenants.map((tenant) => tenant.id) } }]);
  }, 30_000);
});
