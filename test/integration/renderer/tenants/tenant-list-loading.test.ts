import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RendererApi } from '../../../../shared/rpc/contract';
import type { RpcResult } from '../../../../shared/rpc/rpc-error';
import { createRpcClient } from '../../../../renderer/src/api/rpc-client';
import { TENANT_SORT_STORAGE_KEY, type TenantSort } from '../../../../renderer/src/lib/tenant-sort';
import { useTenantsStore } from '../../../../renderer/src/stores/tenants';
import { TENANT_ROW_HEIGHT } from '../../../../renderer/src/components/tenants/tenant-list-layout';
import { mountApp, type MountedApp } from '../../../support/renderer/mount-app';
import { openRealCore, type RealCore } from '../../../support/renderer/real-core';
import { tenantRowNames as rowNames, tenantRows as rows } from '../../../support/renderer/tenant-list';
import { click, getByRole, waitFor } from '../../../support/renderer/dom';

/**
 * The list's data loading against the real core, with the whole list's answers held back on
 * request: what shows while a list is on its way.
 */
let real: RealCore;
let app: MountedApp | null = null;
/** While set, answers to `tenants.list` wait here until released. */
let held: Array<() => void> | null = null;

function holdLists() {
  held = [];
}
function releaseLists() {
  const waiting = held ?? [];
  held = null;
  for (const release of waiting) release();
}

beforeEach(() => {
  real = openRealCore();
});
afterEach(async () => {
  releaseLists();
  app?.unmount();
  app = null;
  window.localStorage.removeItem(TENANT_SORT_STORAGE_KEY);
  await real.close();
});

async function mount() {
  const transport: RendererApi = {
    async invoke(channel, input) {
      const answer: RpcResult<unknown> = await real.transport.invoke(channel, input);
      if (channel === 'tenants.list' && held) await new Promise<void>((resolve) => held!.push(resolve));
      return answer;
    },
    on: real.transport.on,
  };
  app = await mountApp(createRpcClient(transport));
}

/** 120 tenants, the whole list's answers held back, the app mounted (sorted as `sort` when given) until its first rows show. */
async function mountFirstScreenOf120(sort?: TenantSort) {
  for (let i = 0; i < 120; i++) real.core.services.tenants.create({ name: `Tenant ${String(i).padStart(3, '0')}` });
  if (sort) window.localStorage.setItem(TENANT_SORT_STORAGE_KEY, JSON.stringify(sort));
  holdLists();
  await mount();
  await waitFor(() => rows().length > 0);
}

/** Lets the app's pending work (answers taken, renders) run. */
async function settle() {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

describe('tenant list loading', () => {
  it('keeps the filters (and an open filter panel) while clearing a filter that matched nothing reloads the list', async () => {
    real.core.services.tenants.create({ name: 'Solo Tenant' });
    await mount();
    await waitFor(() => rows().length === 1);
    const toggle = () => document.querySelector<HTMLElement>('[data-testid="filters-toggle"]');
    click(toggle()!);
    await waitFor(() => toggle()?.getAttribute('aria-expanded') === 'true');
    const chip = getByRole('button', 'Conflicts');
    click(chip);
    await waitFor(() => document.body.textContent?.includes('No tenant matches these filters.'));

    // The filter is turned off again from its chip, which keeps the focus.
    holdLists();
    const panel = document.getElementById(toggle()!.getAttribute('aria-controls')!)!;
    chip.focus();
    click(chip);
    await settle();
    expect(chip.getAttribute('aria-pressed')).toBe('false');
    // The reload is on its way: there are tenants, so no "No tenants yet", and the filters stay.
    expect(document.body.textContent).not.toContain('No tenants yet');
    expect(toggle()?.getAttribute('aria-expanded')).toBe('true');
    expect(panel.isConnected).toBe(true);
    expect(document.activeElement).toBe(chip);

    releaseLists();
    await waitFor(() => rows().length === 1);
    expect(toggle()?.textContent?.trim()).toBe('Filters');
  });

  it('still says "No tenants yet" when the store has none', async () => {
    await mount();
    await waitFor(() => document.body.textContent?.includes('No tenants yet'));
  });

  it('paints the first screen, sorted as the list shows, before the whole list arrives; then shows all of it', async () => {
    await mountFirstScreenOf120({ key: 'name', direction: 'desc' });
    expect(rowNames()[0]).toBe('Tenant 119');
    // Counted as all of them already, and busy until the rest is in.
    expect(document.body.textContent).toContain('Tenants shown: 120');
    expect(document.querySelector('[role="grid"]')!.getAttribute('aria-busy')).toBe('true');
    // As tall as all of them already (no jump of the scrollbar when the rest arrives).
    const inner = () => document.querySelector<HTMLElement>('.glance-list__rows')!;
    expect(inner().style.height).toBe(`${120 * TENANT_ROW_HEIGHT}px`);
    const store = useTenantsStore(app!.context.pinia);
    expect(store.items.length).toBeLessThan(120);

    releaseLists();
    await waitFor(() => document.querySelector('[role="grid"]')!.getAttribute('aria-busy') === 'false');
    expect(store.items).toHaveLength(120);
    expect(rowNames()[0]).toBe('Tenant 119');
    expect(inner().style.height).toBe(`${120 * TENANT_ROW_HEIGHT}px`);
  });

  it('shows the first screen in the order the core sent it, and sorts it when another order is chosen before the rest arrives', async () => {
    await mountFirstScreenOf120({ key: 'name', direction: 'desc' });
    const store = useTenantsStore(app!.context.pinia);
    expect(store.itemsOrder).toEqual({ key: 'name', direction: 'desc' });
    expect(rowNames()[0]).toBe('Tenant 119');

    // Name A→Z while only the first screen (Tenant 119 down to Tenant 070) is in: those rows, sorted here.
    click(document.querySelector<HTMLElement>('[role="columnheader"].tenant-grid__cell--main button')!);
    await waitFor(() => rowNames()[0] === `Tenant ${String(120 - store.items.length).padStart(3, '0')}`);

    releaseLists();
    await waitFor(() => document.querySelector('[role="grid"]')!.getAttribute('aria-busy') === 'false');
    expect(store.itemsOrder).toBeNull();
    expect(rowNames()[0]).toBe('Tenant 000');
  });

  it('selects every tenant shown when "select all" is clicked while only the first screen is in', async () => {
    await mountFirstScreenOf120();
    const store = useTenantsStore(app!.context.pinia);
    expect(store.items.length).toBeLessThan(120);

    click(document.querySelector<HTMLElement>('[data-testid="select-all"]')!);
    releaseLists();
    await waitFor(() => document.querySelector('[role="grid"]')!.getAttribute('aria-busy') === 'false');
    await waitFor(() => document.querySelector('.bulk-bar__count')?.textContent?.trim() === 'Selected: 120');
    expect(document.querySelector('[data-testid="select-all"]')!.getAttribute('aria-checked')).toBe('true');
  });

  it('shows no stale list: a tenant changed while the whole list was on its way is shown changed', async () => {
    const tenants = Array.from({ length: 60 }, (_, i) => real.core.services.tenants.create({ name: `Tenant ${String(i).padStart(3, '0')}` }));
    holdLists();
    await mount();
    await waitFor(() => rows().length > 0);
    expect(rowNames()[0]).toBe('Tenant 000');

    // A change elsewhere (another window, an import): its event reloads the list.
    real.core.services.tenants.update({ id: tenants[0]!.id, name: 'Renamed Tenant' });
    await settle();
    releaseLists();
    await waitFor(() => rowNames().includes('Renamed Tenant'));
    expect(rowNames()).not.toContain('Tenant 000');
  });
});
