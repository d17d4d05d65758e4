import type { App, Plugin } from 'vue';
import { createPinia } from 'pinia';
import type { RouterHistory } from 'vue-router';
import type { RpcClient } from '../api/rpc-client';
import { RPC_CLIENT_KEY } from '../api/inject';
import { rpcPiniaPlugin } from '../stores/rpc-plugin';
import { createAppRouter } from '../router/create-router';
import { createAppI18n } from '../i18n/create-i18n';
import type { AppLocale } from '../i18n/locale';

export interface AppContextOptions {
  client: RpcClient;
  locale: AppLocale;
  /** Hash history in the app; memory history in tests. */
  history?: RouterHistory;
}

/** Everything the app needs installed, built once for the real app and for each test. */
export function createAppContext(options: AppContextOptions) {
  const pinia = createPinia();
  pinia.use(rpcPiniaPlugin(options.client));
  const router = createAppRouter(options.history);
  const i18n = createAppI18n(options.locale);
  const rpc: Plugin = {
    install(app: App) {
      app.provide(RPC_CLIENT_KEY, options.client);
    },
  };
  return { pinia, router, i18n, plugins: [pinia, router, i18n, rpc] as Plugin[] };
}

export type AppContext = ReturnType<typeof createAppContext>;
