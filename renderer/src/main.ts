import { createApp } from 'vue';
import type { RendererApi } from '../../shared/rpc/contract';
import { createRpcClient } from './api/rpc-client';
import { chooseTransport } from './api/choose-transport';
import { createAppContext } from './app/create-app-context';
import { LOCALE_STORAGE_KEY, initialLocale } from './i18n/locale';
import { useSessionStore } from './stores/session';
import { useTenantsStore } from './stores/tenants';
import { ROUTE_NAMES } from './router/routes';
import App from './App.vue';
import './styles/tokens.css';
import './styles/base.css';
import './styles/components.css';
import './styles/api-integration.css';

/** Without a launch token every call would be refused: answer so at once, without a request. */
const noSessionTransport: RendererApi = {
  invoke: async () => ({ ok: false, error: { code: 'UNAUTHORIZED', message: 'No launch token.' } }),
  on: () => () => undefined,
};

function storedLocale(): string | null {
  try {
    return window.localStorage.getItem(LOCALE_STORAGE_KEY);
  } catch {
    return null;
  }
}

let endSession = (): void => undefined;
const choice = chooseTransport(() => endSession());
const client = createRpcClient(choice.kind === 'no-token' ? noSessionTransport : choice.transport, {
  onUnauthorized: () => endSession(),
});
const context = createAppContext({ client, locale: initialLocale(storedLocale(), navigator.languages ?? [navigator.language]) });
const app = createApp(App);
for (const plugin of context.plugins) app.use(plugin);

const session = useSessionStore(context.pinia);
endSession = () => session.end();
if (choice.kind === 'no-token') session.end();

// The tenant list is the first screen: ask for it now, so the core answers while the app mounts.
// The page's own request joins this one (its errors are shown there).
const { router } = context;
if (choice.kind !== 'no-token' && router.resolve(router.options.history.location).name === ROUTE_NAMES.tenants) {
  void useTenantsStore(context.pinia).hydrate('').catch(() => undefined);
}

app.mount('#app');
