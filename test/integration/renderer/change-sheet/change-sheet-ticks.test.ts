import { mount, type VueWrapper } from '@vue/test-utils';
import { createMemoryHistory } from 'vue-router';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext } from '../../../../renderer/src/app/create-app-context';
import ChangeSheetDialog from '../../../../renderer/src/components/change-sheet/ChangeSheetDialog.vue';
import { insideKeyringSession, KEYRING_SKIP_REASON, startCoreProcess, type CoreProcess } from '../../../support/renderer/core-process';
import { click, getByRole, queryAllByRole, waitFor } from '../../../support/renderer/dom';

/**
 * The change sheet's ticks, against the real core in its own process: each line is the app's
 * checkbox named by its field and value, and a tick stays while the
 * sheet is closed and opened again in the same run.
 */
const inside = insideKeyringSession();
if (!inside) console.warn(`[renderer change sheet ticks] skipped: ${KEYRING_SKIP_REASON}`);

let core: CoreProcess;
let wrapper: VueWrapper | null = null;
let context: ReturnType<typeof createAppContext>;

beforeAll(async () => {
  if (!inside) return;
  core = await startCoreProcess();
  context = createAppContext({ client: core.client, locale: 'en', history: createMemoryHistory() });
}, 60_000);
afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
  document.body.innerHTML = '';
});
afterAll(async () => {
  await core?.stop();
});

async function openSheet(tenantIds: string[]): Promise<void> {
  const host = document.createElement('div');
  document.body.appendChild(host);
  wrapper = mount({ components: { ChangeSheetDialog }, setup: () => ({ tenantIds }), template: '<ChangeSheetDialog :tenant-ids="tenantIds" :open="true" />' }, { global: { plugins: context.plugins }, attachTo: host });
  await waitFor(() => document.querySelectorAll('[data-testid="change-sheet-line"]').length > 0);
}

describe.skipIf(!inside)('the change sheet’s ticks', () => {
  it('each line is a named checkbox, ticked and unticked, and the ticks outlive closing the sheet', async () => {
    const tenant = await core.client.call('tenants.create', { name: 'PT Centang' });
    await core.client.call('settings.saveDraft', { tenantId: tenant.id, kind: 'ai_response', draft: { threshold: 7, onThreshold: 'any_available_agent', divisionId: null, agentId: null, handoverMessage: 'Sebentar ya' } });
    await openSheet([tenant.id]);

    const boxes = queryAllByRole('checkbox');
    expect(boxes.length).toBeGreaterThan(1);
    for (const box of boxes) expect(box.getAttribute('aria-checked')).toBe('false');
    const message = getByRole('checkbox', /Sebentar ya/);

    click(message);
    await waitFor(() => message.getAttribute('aria-checked') === 'true');
    expect(queryAllByRole('checkbox').filter((box) => box.getAttribute('aria-checked') === 'true')).toEqual([message]);

    const other = boxes.find((box) => box !== message);
    if (!other) throw new Error('expected a second line');
    click(other);
    await waitFor(() => other.getAttribute('aria-checked') === 'true');

    click(message);
    await waitFor(() => message.getAttribute('aria-checked') === 'false');

    wrapper?.unmount();
    wrapper = null;
    document.body.innerHTML = '';
    await openSheet([tenant.id]);
    const ticked = queryAllByRole('checkbox').filter((box) => box.getAttribute('aria-checked') === 'true');
    expect(ticked).toHaveLength(1);
    expect(ticked[0]?.textContent ?? '').toBe(other.textContent ?? '');
  });
});
