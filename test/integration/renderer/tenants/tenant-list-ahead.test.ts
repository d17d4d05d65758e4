import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from 'vue';
import { createMemoryHistory } from 'vue-router';
import type { RendererApi } from '../../../../shared/rpc/contract';
import { createRpcClient } from '../../../../renderer/src/api/rpc-client';
import { createAppContext } from '../../../../renderer/src/app/create-app-context';
import { useTenantsStore } from '../../../../renderer/src/stores/tenants';
import { openRealCore, type RealCore } from '../../../support/renderer/real-core';

let real: RealCore;

beforeEach(() => {
  real = openRealCore();
  real.core.services.tenants.create({ name: 'Acme Retail' });
});
afterEach(async () => {
  await real.close();
});

/**
 * The tenants store over the real core (through the app's context), counting the first-screen
 * requests that reach it. `events: false`: the core's events arrive too late to count (over HTTP
 * they come on their own stream, after the answer to the write that caused them).
 */
function storeCountingPages(options: { events?: boolean } = {}) {
  const pages: unknown[] = [];
  const transport: RendererApi = {
    invoke: (channel, input) => {
      if (channel === 'tenants.listPage') pages.push(input);
      return real.transport.invoke(channel, input);
    },
    on: options.events === false ? () => () => undefined : real.transport.on,
  };
  const context = createAppContext({ client: createRpcClient(transport), locale: 'en', history: createMemoryHistory() });
  createApp({}).use(context.pinia);
  const tenants = useTenantsStore(context.pinia);
  // The app's own client (the one its stores and pages send through).
  return { tenants, pages, client: tenants.rpc };
}

const names = (items: readonly { name: string }[]) => items.map((tenant) => tenant.name).sort();

// The workspace asks for the list's first screen ahead of the way back to the list: the list's
// first load takes it only while nothing was asked of the core, and nothing changed, since.
describe('tenant list first screen asked for ahead', () => {
  it('is taken by the list’s first load instead of asking again', async () => {
    const { tenants, pages } = storeCountingPages();
    tenants.prefetchFirstScreen();
    tenants.prefetchFirstScreen();
    expect(pages).toHaveLength(1);
    expect(tenants.loaded).toBe(false);

    let shown: string[] = [];
    await tenants.hydrate(undefined, undefined, { firstScreen: true, shown: () => (shown = names(tenants.items)) });
    expect(pages).toHaveLength(1);
    expect(shown).toEqual(['Acme Retail']);
    expect(names(tenants.items)).toEqual(['Acme Retail']);
  });

  it('is asked for again when this window sent anything since (what it wrote is never missing)', async () => {
    const { tenants, pages, client } = storeCountingPages({ events: false });
    const acme = real.core.services.tenants.list()[0]!;
    tenants.prefetchFirstScreen();
    await client.call('tenants.update', { id: acme.id, name: 'Acme Renamed' });

    let shown: string[] = [];
    await tenants.hydrate(undefined, undefined, { firstScreen: true, shown: () => (shown = shown.length ? shown : names(tenants.items)) });
    expect(pages).toHaveLength(2);
    expect(shown).toEqual(['Acme Renamed']);
  });

  it('is asked for again after the core reported a change (another window, a sync, an import)', async () => {
    const { tenants, pages } = storeCountingPages();
    tenants.prefetchFirstScreen();
    real.core.services.tenants.create({ name: 'Borneo Travel' });

    let shown: string[] = [];
    await tenants.hydrate(undefined, undefined, { firstScreen: true, shown: () => (shown = shown.length ? shown : names(tenants.items)) });
    expect(pages).toHaveLength(2);
    expect(shown).toEqual(['Acme Retail', 'Borneo Travel']);
  });

  it('is asked for anew when pointed at again after a change, and not at all once a list is loaded', async () => {
    const { tenants, pages } = storeCountingPages();
    tenants.prefetchFirstScreen();
    real.core.services.tenants.create({ name: 'Borneo Travel' });
    tenants.prefetchFirstScreen();
    expect(pages).toHaveLength(2);

    await tenants.hydrate(undefined, undefined, { firstScreen: true });
    expect(pages).toHaveLength(2);
    expect(names(tenants.items)).toEqual(['Acme Retail', 'Borneo Travel']);
    tenants.prefetchFirstScreen();
    expect(pages).toHaveLength(2);
  });
});
