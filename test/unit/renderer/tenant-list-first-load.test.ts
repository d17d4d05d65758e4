import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from 'vue';
import { createMemoryHistory } from 'vue-router';
import type { RendererApi } from '../../../shared/rpc/contract';
import { createRpcClient } from '../../../renderer/src/api/rpc-client';
import { createAppContext } from '../../../renderer/src/app/create-app-context';
import { useTenantsStore } from '../../../renderer/src/stores/tenants';
import { openRealCore, type RealCore } from './helpers/real-core';

let real: RealCore;

beforeEach(() => {
  real = openRealCore();
  real.core.services.tenants.create({ name: 'Acme Retail' });
});
afterEach(() => real.close());

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
  // Pinia's plugins (the rpc client) reach stores once it is installed in an app, as in main.ts.
  createApp({}).use(context.pinia);
  return { tenants: useTenantsStore(context.pinia), lists };
}

// main.ts asks for the first screen's list before the page mounts; the page then asks the same.
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
});
