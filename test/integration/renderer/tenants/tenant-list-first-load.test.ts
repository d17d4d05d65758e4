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

/** The tenants store over the real core, counting the list requests that reach it. */
function storeCountingLists() {
  const lists: unknown[] = [];
  const transport: RendererApi = {
    invoke: (channel, input) => {
      if (channel === 'tenants.list') lists.push(input);
      return real.transport.invoke(channel, input);
    },
    on: real.transport.on,
  };
  const context = createAppContext({ client: createRpcClient(transport), locale: 'en', history: createMemoryHistory() });
  // Pinia's plugins (the rpc client) reach stores once it is installed in an app, as in app/start-app.ts.
  createApp({}).use(context.pinia);
  return { tenants: useTenantsStore(context.pinia), lists };
}

// The app (app/start-app.ts) asks for the first screen's list before the page mounts; the page then
// asks the same.
describe('tenant list first load', () => {
  it('joins the same request in flight instead of sending it twice', async () => {
    const { tenants, lists } = storeCountingLists();
    const early = tenants.hydrate('');
    const page = tenants.hydrate('');
    await Promise.all([early, page]);
    expect(lists).toHaveLength(1);
    expect(tenants.items.map((tenant) => tenant.name)).toEqual(['Acme Retail']);
    expect(tenants.loading).toBe(false);
  });

  it('sends a request for another search, and asks anew once a list is loaded', async () => {
    const { tenants, lists } = storeCountingLists();
    const first = tenants.hydrate('');
    const other = tenants.hydrate('zzz');
    await Promise.all([first, other]);
    expect(lists).toHaveLength(2);
    expect(tenants.items).toEqual([]);

    // Loaded: a refresh (a tenant changed elsewhere) must not reuse a request sent before the change.
    await Promise.all([tenants.hydrate(''), tenants.hydrate('')]);
    expect(lists).toHaveLength(4);
    expect(tenants.items.map((tenant) => tenant.name)).toEqual(['Acme Retail']);
  });

  it('lets the page take the list loaded for the first screen once; a later opening asks anew', async () => {
    const { tenants, lists } = storeCountingLists();
    await tenants.hydrate('', {}, { firstScreen: true });
    expect(lists).toHaveLength(1);

    // The page's first load takes it as it is.
    await tenants.hydrate('', undefined, { firstScreen: true });
    expect(lists).toHaveLength(1);
    expect(tenants.items.map((tenant) => tenant.name)).toEqual(['Acme Retail']);

    // The page opened again later (back from a workspace): a fresh list.
    real.core.services.tenants.create({ name: 'Borneo Travel' });
    await tenants.hydrate('', undefined, { firstScreen: true });
    expect(lists).toHaveLength(2);
    expect(tenants.items.map((tenant) => tenant.name).sort()).toEqual(['Acme Retail', 'Borneo Travel']);
  });

  it('holds nothing back when the page joined the first screen’s request while it was on its way', async () => {
    const { tenants, lists } = storeCountingLists();
    await Promise.all([tenants.hydrate('', {}, { firstScreen: true }), tenants.hydrate('', undefined, { firstScreen: true })]);
    expect(lists).toHaveLength(1);
    await tenants.hydrate('', undefined, { firstScreen: true });
    expect(lists).toHaveLength(2);
  });

  it('keeps the list frozen: a rename replaces the item and leaves the old list as it was', async () => {
    const { tenants } = storeCountingLists();
    await tenants.hydrate('');
    const before = tenants.items;
    expect(Object.isFrozen(before)).toBe(true);
    expect(Object.isFrozen(before[0])).toBe(true);
    await tenants.rename(before[0]!.id, 'Acme Retail Indonesia');
    expect(tenants.items).not.toBe(before);
    expect(tenants.items.map((tenant) => tenant.name)).toEqual(['Acme Retail Indonesia']);
    expect(before.map((tenant) => tenant.name)).toEqual(['Acme Retail']);
  });
});

