import { defineStore } from 'pinia';
import type {
  ApiConnectionCreateInput,
  ApiConnectionDocument,
  ApiConnectionListItem,
  ApiConnectionTestInput,
  ApiConnectionUpdateInput,
} from '../../../shared/schemas/api-connection-document';
import type { TestConnectionResult } from '../../../shared/schemas/api-connection-test';
import type { ConnectionFormState } from '../components/api-connections/connection-form';
import { cloneJson } from '../lib/clone';

export interface TenantConnections {
  items: ApiConnectionListItem[];
  loaded: boolean;
  loading: boolean;
}

/** The key of a form being filled in: a new connection of a tenant, or one connection. */
export function connectionFormKey(tenantId: string, id: string | null): string {
  return `${tenantId}/${id ?? 'new'}`;
}

/** The list row a document stands for (the same fields the core lists). */
export function listItemOf(document: ApiConnectionDocument): ApiConnectionListItem {
  const { connection, secrets: _secrets, ...state } = document;
  return {
    ...state,
    name: connection.name,
    description: connection.description,
    code: connection.code,
    baseUrl: connection.baseUrl,
    tokenExpired: connection.token ? connection.token.expired : null,
  };
}

/**
 * API Integration: each tenant's connections as the core lists them (deleted ones flagged, so
 * that they can be undone), and the forms being filled in, kept here so that leaving the page
 * — or waiting for the keychain — loses nothing. The store never holds a stored secret: only
 * what the user is typing, dropped once it is saved or cancelled.
 */
export const useApiConnectionsStore = defineStore('apiConnectionsStore', {
  state: () => ({
    byTenant: {} as Record<string, TenantConnections>,
    forms: {} as Record<string, ConnectionFormState>,
    /** Drops list answers overtaken by a newer request. */
    requestSeq: {} as Record<string, number>,
  }),

  getters: {
    list:
      (state) =>
      (tenantId: string): TenantConnections | undefined =>
        state.byTenant[tenantId],
    /** The connections that hold a code (deleted ones give theirs up). */
    liveCodes:
      (state) =>
      (tenantId: string): Array<{ id: string; code: string }> =>
        (state.byTenant[tenantId]?.items ?? []).filter((item) => !item.deleted).map(({ id, code }) => ({ id, code })),
  },

  actions: {
    async hydrate(tenantId: string): Promise<ApiConnectionListItem[]> {
      const seq = (this.requestSeq[tenantId] ?? 0) + 1;
      this.requestSeq[tenantId] = seq;
      this.byTenant[tenantId] ??= { items: [], loaded: false, loading: false };
      // Read back: the stored object is the reactive one, the literal above is not.
      const entry = this.byTenant[tenantId];
      entry.loading = true;
      try {
        const items = await this.rpc.call('apiConnections.list', { tenantId });
        if (this.requestSeq[tenantId] === seq) {
          entry.items = items;
          entry.loaded = true;
        }
        return entry.items;
      } finally {
        if (this.requestSeq[tenantId] === seq) entry.loading = false;
      }
    },

    get(tenantId: string, id: string): Promise<ApiConnectionDocument> {
      return this.rpc.call('apiConnections.get', { tenantId, id });
    },

    async create(input: ApiConnectionCreateInput): Promise<ApiConnectionDocument> {
      const document = await this.rpc.call('apiConnections.create', input);
      this.upsert(listItemOf(document));
      return document;
    },

    async update(input: ApiConnectionUpdateInput): Promise<ApiConnectionDocument> {
      const document = await this.rpc.call('apiConnections.update', input);
      this.upsert(listItemOf(document));
      return document;
    },

    async remove(tenantId: string, id: string): Promise<ApiConnectionListItem> {
      const item = await this.rpc.call('apiConnections.delete', { tenantId, id });
      this.upsert(item);
      return item;
    },

    async undoRemove(tenantId: string, id: string): Promise<ApiConnectionListItem> {
      const item = await this.rpc.call('apiConnections.undoDelete', { tenantId, id });
      this.upsert(item);
      return item;
    },

    testConnection(input: ApiConnectionTestInput): Promise<TestConnectionResult> {
      return this.rpc.call('apiConnections.testConnection', input);
    },

    upsert(item: ApiConnectionListItem) {
      const entry = this.byTenant[item.tenantId];
      if (!entry) return;
      const index = entry.items.findIndex((existing) => existing.id === item.id);
      if (index === -1) entry.items.push(item);
      else entry.items[index] = item;
    },

    formOf(key: string): ConnectionFormState | undefined {
      return this.forms[key];
    },

    keepForm(key: string, state: ConnectionFormState) {
      this.forms[key] = cloneJson(state);
    },

    forgetForm(key: string) {
      delete this.forms[key];
    },

    /** Another window or a sync changed the tenant: refetch the list if it is shown. */
    async refreshTenant(tenantId: string): Promise<void> {
      if (!this.byTenant[tenantId]?.loaded) return;
      await this.hydrate(tenantId).catch(() => undefined);
    },

    forgetTenant(tenantId: string) {
      delete this.byTenant[tenantId];
      delete this.requestSeq[tenantId];
      for (const key of Object.keys(this.forms)) if (key.startsWith(`${tenantId}/`)) delete this.forms[key];
    },

    dehydrate() {
      this.$reset();
    },
  },
});
