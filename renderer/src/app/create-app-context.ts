import type { App, Plugin } from 'vue';
import { createPinia, type Pinia } from 'pinia';
import { START_LOCATION, type Router, type RouterHistory } from 'vue-router';
import type { RpcClient } from '../api/rpc-client';
import { RPC_CLIENT_KEY } from '../api/inject';
import { countSentCalls } from '../api/sent-calls';
import { rpcPiniaPlugin } from '../stores/rpc-plugin';
import { createAppRouter } from '../router/create-router';
import { createAppI18n } from '../i18n/create-i18n';
import { ROUTE_NAMES } from '../router/route-names';
import { useTenantsStore } from '../stores/tenants';
import type { AppLocale } from '../i18n/locale';

export interface AppContextOptions {
  client: RpcClient;
  locale: AppLocale;
  /** Hash history in the app; memory history in tests. */
  history?: RouterHistory;
}

/** How long a navigation to the tenant list waits for its first screen before it shows the page with its loading state. */
const TENANT_LIST_WAIT_MS = 400;

/**
 * Going to the tenant list while the app holds no list, its first screen is asked for as the
 * navigation is confirmed (after the page left has saved what it had to) and the navigation waits
 * for it, as the app's start does (app/start-app.ts, which takes the first navigation): the list
 * page then mounts with its rows in one go, without a frame of "Loading…" between the two pages,
 * and its own load joins that request. A slow answer gets the page with its loading state.
 */
function loadTenantListOnTheWay(router: Router, pinia: Pinia): void {
  router.beforeResolve(async (to, from) => {
    if (to.name !== ROUTE_NAMES.tenants || from === START_LOCATION) return;
    const tenants = useTenantsStore(pinia);
    if (tenants.loaded) return;
    await new Promise<void>((resolve) => {
      void tenants.hydrate(undefined, undefined, { firstScreen: true, shown: resolve }).catch(() => undefined).finally(resolve);
      setTimeout(resolve, TENANT_LIST_WAIT_MS);
    });
  });
}

/** Everything the app needs installed, built once for the real app and for each test. */
export function createAppContext(options: AppContextOptions) {
  // Counted: the tenant list's first screen may be asked for ahead of time (see the tenants store).
  const client = countSentCalls(options.client);
  const pinia = createPinia();
  pinia.use(rpcPiniaPlugin(client));
  const router = createAppRouter(options.history);
  loadTenantListOnTheWay(router, pinia);
  const i18n = createAppI18n(options.locale);
  const rpc: Plugin = {
    install(app: App) {
      app.provide(RPC_CLIENT_KEY, client);
    },
  };
  return { pinia, router, i18n, plugins: [pinia, router, i18n, rpc] as Plugin[] };
}

export type AppContext = ReturnType<typeof createAppContext>;
