import { markRaw } from 'vue';
import { defineStore } from 'pinia';
import type { RpcInput } from '../../../shared/rpc/contract';
import type { Tenant, TenantCreateInput } from '../../../shared/schemas/tenant';
import type { TenantListInput, TenantListItem, TenantListPage, TenantListPageInput } from '../../../shared/schemas/tenant-list';
import { rpcEvents, type RpcEventName } from '../../../shared/rpc/contract';
import { callsSent } from '../api/sent-calls';
import type { RpcClient } from '../api/rpc-client';
import { firstPageInput, storedTenantSort } from '../lib/tenant-first-page';
import type { TenantSort } from '../lib/tenant-sort';
import { afterElementShown } from '../lib/after-element-shown';

/** The list's filters besides the search text; a filter left out does not filter. */
export type TenantFilters = Omit<TenantListInput, 'query'>;

/**
 * Per store: the key of a list loaded for the first screen before its page opened (start-app.ts),
 * which that page then takes as it is instead of asking again. Used once.
 */
const firstScreenList = new WeakMap<object, string>();

interface ListRequest {
  key: string;
  seq: number;
  done: Promise<void>;
  /** Another identical load joined this one. */
  joined: boolean;
}
/** Resolves once the list's first rows are on screen (their names' paint), or soon after the next paint. */
function afterFirstRowsShown(): Promise<void> {
  return new Promise((resolve) => afterElementShown(FIRST_ROW_TIMING, resolve));
}

/** The `elementtiming` of a tenant row's name (TenantListRow). */
const FIRST_ROW_TIMING = 'tenant-row-name';

/**
 * The list's first screen asked for ahead of the way to the list (`prefetchFirstScreen`): `sent`
 * is the client's count of calls sent once it left. Taken by the next first load only while the
 * client has sent nothing since (so nothing this window wrote can be missing from it), no event of
 * the core came in since (another window, a sync or an import changed something), and its answer
 * is at most `FIRST_SCREEN_AHEAD_FRESH_MS` old.
 */
interface FirstScreenAhead {
  key: string;
  sent: number;
  answer: Promise<TenantListPage>;
  answeredAt: number | null;
  /** Stops listening to the core's events for it. */
  stopWatching: () => void;
}

const FIRST_SCREEN_AHEAD_FRESH_MS = 5_000;

/** Per store, the first screen asked for ahead, if any. */
const firstScreenAhead = new WeakMap<object, FirstScreenAhead>();

/** The store's first screen asked for ahead, taken out (used or dropped), if any. */
function takeAhead(store: object): FirstScreenAhead | undefined {
  const ahead = firstScreenAhead.get(store);
  firstScreenAhead.delete(store);
  ahead?.stopWatching();
  return ahead;
}

/** Until it is taken, any change the core reports (other windows, syncs, imports) drops it. */
function watchForChanges(client: RpcClient, drop: () => void): () => void {
  const offs = (Object.keys(rpcEvents) as RpcEventName[]).map((event) => client.on(event, drop));
  return () => offs.forEach((off) => off());
}

function usableAhead(ahead: FirstScreenAhead, key: string, sent: number | null): boolean {
  return ahead.key === key && ahead.sent === sent && (ahead.answeredAt === null || Date.now() - ahead.answeredAt <= FIRST_SCREEN_AHEAD_FRESH_MS);
}

/** The key of a request without search or filters. */
const UNFILTERED_KEY = JSON.stringify({});

/** The list request in flight, per store (one per app, one per test): a promise is no state to make reactive. */
const listInFlight = new WeakMap<object, ListRequest>();

/**
 * Tenants, Directus style: `hydrate` loads, `dehydrate` forgets. Rename and delete are applied at
 * once and rolled back when the core refuses them.
 */
export const useTenantsStore = defineStore('tenantsStore', {
  state: () => ({
    /**
     * The list, kept raw (neither the array nor its items are deeply reactive): a thousand tenants
     * would otherwise each get a proxy, and every loop over them a thousand dependencies. So it is
     * never changed in place: every change puts a new array here (`setItems`).
     */
    items: [] as readonly TenantListItem[],
    /** The search the list shows. */
    query: '',
    /** The filters the list shows. */
    filters: {} as TenantFilters,
    loading: false,
    loaded: false,
    /**
     * The list shown is its first screen only (the whole list is on its way): `total` tenants match.
     * Null once the whole list is in.
     */
    partialTotal: null as number | null,
    /**
     * The order `items` come in when the core sorted them (the first screen is asked for in the
     * list's order); null when the list must sort them itself.
     */
    itemsOrder: null as TenantSort | null,
    /** The search and filters (as the request's key) that `items` answer; null before any answer. */
    itemsKey: null as string | null,
    /** Tenants fetched one by one (the workspace), by id. See `find` for any tenant known. */
    byId: {} as Record<string, Tenant>,
    /** Drops answers to searches that were overtaken by a newer one. */
    requestSeq: 0,
  }),
  getters: {
    /** A tenant by id: fetched on its own, or else as the list shows it (null when neither). */
    find(state) {
      return (id: string): Tenant | null => state.byId[id] ?? state.items.find((tenant) => tenant.id === id) ?? null;
    },
    /**
     * The store knows there are no tenants at all: an answer without search or filters was empty.
     * An empty answer to a search or filter says nothing about the rest, also while a new request
     * (the filters cleared) is on its way.
     */
    noTenants(state): boolean {
      return state.loaded && state.items.length === 0 && state.itemsKey === UNFILTERED_KEY;
    },
    /** Tenants that match the search and filters: the list's length, or while its first screen is shown, the count the core gave. */
    matchCount(state): number {
      return state.partialTotal ?? state.items.length;
    },
  },
  actions: {
    /**
     * Loads the list for a search and filters. Before the first list arrived, asking again for
     * exactly what the latest request in flight asks joins it: the app asks for the first screen's
     * list before the page mounts (app/start-app.ts), and the page's own request must not send it twice.
     * Later loads always ask anew (something may have changed since the one in flight was sent).
     *
     * While no list is shown yet, the list's first screen (sorted as the list shows) is asked for
     * first (or taken as asked for ahead, see `prefetchFirstScreen`) and shown as soon as it
     * arrives, so that the first rows do not wait for thousands of tenants; the whole list, asked
     * for alongside, is parsed once those rows are on screen and takes their place. `shown` is called once rows
     * (or the whole list) are in place. The promise settles with the whole list.
     */
    async hydrate(nextQuery?: string, nextFilters?: TenantFilters, options: { firstScreen?: boolean; shown?: () => void } = {}) {
      const query = nextQuery ?? this.query;
      const filters = nextFilters ?? this.filters;
      const input = { ...filters, ...(query.trim() ? { query: query.trim() } : {}) };
      const key = JSON.stringify(input);
      // The app loads the first screen's list just before it shows the page: the page's own
      // first load takes it (once) rather than asking for the same list again.
      const held = firstScreenList.get(this);
      firstScreenList.delete(this);
      if (options.firstScreen && this.loaded && held === key) return;
      const pending = listInFlight.get(this);
      if ((!this.loaded || (options.firstScreen && this.partialTotal !== null)) && pending && pending.key === key && pending.seq === this.requestSeq) {
        pending.joined = true;
        return pending.done;
      }
      const seq = ++this.requestSeq;
      this.query = query;
      this.filters = filters;
      this.loading = true;
      const request: ListRequest = { key, seq, done: Promise.resolve(), joined: false };
      let whole = false;
      /** Settles once the first screen is painted (or will not be shown): the whole list is parsed after that paint. */
      let firstScreenDone: Promise<void> | undefined;
      if (!this.loaded) {
        const pageInput = firstPageInput(input, storedTenantSort());
        const ahead = takeAhead(this);
        // Sent first: the core answers in order, and this answer is small.
        const firstPage = ahead && usableAhead(ahead, JSON.stringify(pageInput), callsSent(this.rpc)) ? ahead.answer : this.rpc.call('tenants.listPage', pageInput);
        firstScreenDone = firstPage
          .then(async (page) => {
            if (seq !== this.requestSeq || whole || page.items.length === 0) return;
            this.setItems(page.items, pageInput.sort);
            this.itemsKey = key;
            this.partialTotal = page.total;
            this.loaded = true;
            options.shown?.();
            await afterFirstRowsShown();
          })
          // The whole list's request reports the failure.
          .catch(() => undefined);
      }
      request.done = (async () => {
        try {
          const items = await this.rpc.call('tenants.list', input, { parseAfter: firstScreenDone });
          whole = true;
          // The first screen, when shown, is on screen before (the answer is parsed after that).
          if (seq !== this.requestSeq) return;
          this.setItems(items);
          this.itemsKey = key;
          this.partialTotal = null;
          this.loaded = true;
          options.shown?.();
          // Held for the page's first load, unless that load has already joined this request.
          if (options.firstScreen && !request.joined) firstScreenList.set(this, key);
        } finally {
          if (seq === this.requestSeq) this.loading = false;
          if (listInFlight.get(this)?.seq === seq) listInFlight.delete(this);
        }
      })();
      listInFlight.set(this, request);
      return request.done;
    },

    /**
     * Asks for the list's first screen ahead of the way to the list (the workspace does, when
     * idle and when its way back is pointed at or focused), while no list is loaded: the list's
     * first load then takes it, if nothing was asked of the core since (see `FirstScreenAhead`),
     * instead of waiting for the same request. Nothing is shown from it before that load.
     */
    prefetchFirstScreen() {
      const sent = callsSent(this.rpc);
      if (this.loaded || sent === null || listInFlight.has(this)) return;
      const query = this.query.trim();
      const pageInput: TenantListPageInput = firstPageInput({ ...this.filters, ...(query ? { query } : {}) }, storedTenantSort());
      const key = JSON.stringify(pageInput);
      const held = firstScreenAhead.get(this);
      if (held && usableAhead(held, key, sent)) return;
      takeAhead(this);
      const dropIfHeld = () => {
        if (firstScreenAhead.get(this) === ahead) takeAhead(this);
      };
      const stopWatching = watchForChanges(this.rpc, dropIfHeld);
      const answer = this.rpc.call('tenants.listPage', pageInput);
      const ahead: FirstScreenAhead = { key, sent: callsSent(this.rpc) ?? 0, answer, answeredAt: null, stopWatching };
      answer.then(() => (ahead.answeredAt = Date.now()), dropIfHeld);
      firstScreenAhead.set(this, ahead);
    },

    async fetchOne(id: string): Promise<Tenant> {
      const tenant = await this.rpc.call('tenants.get', { id });
      this.byId[id] = tenant;
      return tenant;
    },

    async create(input: TenantCreateInput): Promise<Tenant> {
      const tenant = await this.rpc.call('tenants.create', input);
      this.byId[tenant.id] = tenant;
      await this.hydrate();
      return tenant;
    },

    async rename(id: string, name: string): Promise<Tenant> {
      const previous = this.items.find((tenant) => tenant.id === id)?.name;
      this.patchItem(id, { name: name.trim() });
      try {
        const updated = await this.rpc.call('tenants.update', { id, name });
        this.replace(updated);
        return updated;
      } catch (error) {
        if (previous !== undefined) this.patchItem(id, { name: previous });
        throw error;
      }
    },

    /** The tenant's connection (kind, URL, pace); `signOut` confirms ending its session when the backend changes. */
    async updateConnection(id: string, input: Omit<RpcInput<'tenants.update'>, 'id' | 'name'>): Promise<Tenant> {
      const updated = await this.rpc.call('tenants.update', { id, ...input });
      this.replace(updated);
      return updated;
    },

    /** Sets (or with null, removes) the tenant's backend URL. */
    async setBackendUrl(id: string, backendUrl: RpcInput<'tenants.update'>['backendUrl']): Promise<Tenant> {
      const updated = await this.rpc.call('tenants.update', { id, backendUrl });
      this.replace(updated);
      return updated;
    },

    /** Puts a new list in place (raw, frozen: see `items`), in `order` when it is already sorted so. */
    setItems(items: readonly TenantListItem[], order: TenantSort | null = null) {
      this.items = Object.freeze(markRaw(items.map((item) => Object.freeze(item))));
      this.itemsOrder = order;
    },

    /** Replaces a list item with a changed copy. */
    patchItem(id: string, patch: Partial<TenantListItem>) {
      if (!this.items.some((item) => item.id === id)) return;
      this.setItems(this.items.map((item) => (item.id === id ? { ...item, ...patch } : item)));
    },

    async remove(id: string): Promise<void> {
      const index = this.items.findIndex((tenant) => tenant.id === id);
      const removed = this.items[index];
      if (removed) this.setItems(this.items.filter((tenant) => tenant.id !== id));
      try {
        await this.rpc.call('tenants.delete', { id });
        delete this.byId[id];
      } catch (error) {
        if (removed && !this.items.some((tenant) => tenant.id === id)) {
          const items = [...this.items];
          items.splice(Math.min(index, items.length), 0, removed);
          this.setItems(items);
        }
        throw error;
      }
    },

    replace(tenant: Tenant) {
      this.byId[tenant.id] = tenant;
      // The list's own facts (tags, states) stay until the next load.
      this.patchItem(tenant.id, tenant);
    },

    dehydrate() {
      listInFlight.delete(this);
      takeAhead(this);
      firstScreenList.delete(this);
      this.$reset();
    },
  },
});
