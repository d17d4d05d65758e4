import { describe, expect, it } from 'vitest';
import { appOnRealCore } from '../../../support/renderer/tenant-list';
import { getByRole, keydown, queryAllByRole, type, waitFor } from '../../../support/renderer/dom';

/** The Ctrl+K tenant switcher against the real core, keyboard only, over 1,000 tenants. */
const harness = appOnRealCore();

/** 1,000 tenants, plus three the tests look for by name, tag and host. */
function seed(): { klinik: string; medan: string; hosted: string } {
  const { tenants, tags } = harness.real.core.services;
  for (let i = 0; i < 997; i++) tenants.create({ name: `PT Nusantara ${i + 1}`, backendUrl: `https://chat-${i + 1}.tenants.example/api` });
  const klinik = tenants.create({ name: 'Klinik Sehat Sentosa', backendUrl: null }).id;
  const medan = tenants.create({ name: 'Toko Berkah', backendUrl: null }).id;
  tags.add({ tenantIds: [medan], tags: ['medan'] });
  const hosted = tenants.create({ name: 'CV Abadi', backendUrl: 'https://service-chat.qontak-mirror.example/api/open/v1' }).id;
  return { klinik, medan, hosted };
}

function pressShortcut() {
  window.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', ctrlKey: true, bubbles: true, cancelable: true }));
}

function input(): HTMLInputElement {
  return getByRole('combobox', 'Find a tenant') as HTMLInputElement;
}

function options(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('[data-testid="switcher-option"]')];
}

function activeOption(): HTMLElement {
  const id = input().getAttribute('aria-activedescendant');
  const option = id ? document.getElementById(id) : null;
  if (!option) throw new Error('no active option');
  return option;
}

function optionName(option: HTMLElement): string {
  return option.querySelector('.switcher__name')?.textContent ?? '';
}

async function openSwitcher() {
  pressShortcut();
  await waitFor(() => getByRole('dialog', /Switch tenant/));
  await waitFor(() => options().length > 0);
}

describe('tenant switcher (Ctrl+K)', () => {
  it('finds a tenant among 1,000 by a fuzzy query, moves with the arrows and opens it with Enter', async () => {
    const { klinik } = seed();
    const app = await harness.mount();
    await waitFor(() => document.querySelectorAll('[data-testid="tenant-row"]').length > 0);

    await openSwitcher();
    // Only a bounded number of options is ever in the page, however many tenants there are.
    expect(options().length).toBeLessThanOrEqual(50);

    type(input(), 'klnk sht');
    await waitFor(() => optionName(options()[0]!) === 'Klinik Sehat Sentosa');
    expect(activeOption()).toBe(options()[0]);
    expect(activeOption().getAttribute('aria-selected')).toBe('true');
    // The matched letters are marked.
    const marks = [...options()[0]!.querySelectorAll('mark')].map((mark) => mark.textContent).join('');
    expect(marks.toLowerCase()).toContain('k');
    expect(marks.length).toBeGreaterThanOrEqual('klnksht'.length);

    // Arrows move the active option (and wrap); Enter opens the active one.
    type(input(), 'nusantara 12');
    await waitFor(() => options().length > 2);
    const second = optionName(options()[1]!);
    keydown(input(), 'ArrowDown');
    await waitFor(() => activeOption() === options()[1]);
    keydown(input(), 'ArrowUp');
    await waitFor(() => activeOption() === options()[0]);
    keydown(input(), 'ArrowUp');
    await waitFor(() => activeOption() === options()[options().length - 1]);
    keydown(input(), 'ArrowDown');
    keydown(input(), 'ArrowDown');
    await waitFor(() => activeOption() === options()[1]);

    const targetName = second;
    const target = harness.real.core.services.tenants.list().find((tenant) => tenant.name === targetName)!;
    keydown(input(), 'Enter');
    await waitFor(() => app.context.router.currentRoute.value.params.tenantId === target.id);
    expect(app.context.router.currentRoute.value.name).toBe('ai-response');
    await waitFor(() => queryAllByRole('dialog').length === 0);
    await waitFor(() => getByRole('heading', targetName));

    // From the workspace too: Ctrl+K, query, Enter.
    await openSwitcher();
    type(input(), 'klinik');
    await waitFor(() => optionName(options()[0]!) === 'Klinik Sehat Sentosa');
    keydown(input(), 'Enter');
    await waitFor(() => app.context.router.currentRoute.value.params.tenantId === klinik);
  });

  it('matches tags and backend hosts, says when nothing matches, and closes with Escape', async () => {
    const { medan, hosted } = seed();
    const app = await harness.mount();
    await openSwitcher();
    const router = app.context.router;

    type(input(), 'medan');
    await waitFor(() => optionName(options()[0]!) === 'Toko Berkah');
    expect(options()[0]!.id).toBe(input().getAttribute('aria-activedescendant'));
    expect(options()[0]!.querySelector('.tag-chip[data-matched]')?.textContent).toBe('medan');

    type(input(), 'qontak-mirror');
    await waitFor(() => optionName(options()[0]!) === 'CV Abadi');
    expect(options()[0]!.querySelector('.switcher__host[data-matched]')?.textContent).toBe('service-chat.qontak-mirror.example');

    type(input(), 'zzqqxx');
    await waitFor(() => document.body.textContent?.includes('No tenant matches “zzqqxx”.'));
    expect(options()).toHaveLength(0);
    keydown(input(), 'Enter'); // nothing to open: nothing happens
    expect(app.context.router.currentRoute.value.name).toBe('tenants');

    const dialog = getByRole('dialog', /Switch tenant/);
    dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await waitFor(() => queryAllByRole('dialog').length === 0);
    expect(router.currentRoute.value.name).toBe('tenants');

    // Reopened, it starts afresh; the host match opens its tenant.
    await openSwitcher();
    expect(input().value).toBe('');
    type(input(), 'qontak-mirror');
    await waitFor(() => optionName(options()[0]!) === 'CV Abadi');
    keydown(input(), 'Enter');
    await waitFor(() => router.currentRoute.value.params.tenantId === hosted);
    expect(router.currentRoute.value.params.tenantId).not.toBe(medan);
  });

  it('sees a tenant added after it was first opened', async () => {
    harness.real.core.services.tenants.create({ name: 'Alpha' });
    await harness.mount();
    await openSwitcher();
    getByRole('dialog', /Switch tenant/).dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await waitFor(() => queryAllByRole('dialog').length === 0);

    await harness.real.client.call('tenants.create', { name: 'Brand New Tenant' });
    await openSwitcher();
    type(input(), 'brand new');
    await waitFor(() => optionName(options()[0]!) === 'Brand New Tenant');
  });
});
