import { mount, type VueWrapper } from '@vue/test-utils';
import { createMemoryHistory } from 'vue-router';
import type { RpcClient } from '../../../renderer/src/api/rpc-client';
import { createAppContext, type AppContext } from '../../../renderer/src/app/create-app-context';
import type { AppLocale } from '../../../renderer/src/i18n/locale';
import App from '../../../renderer/src/App.vue';

export interface MountedApp {
  wrapper: VueWrapper;
  context: AppContext;
  unmount(): void;
}

/** The whole app, as app/start-app.ts builds it, at `path`, over the given client. */
export async function mountApp(client: RpcClient, options: { path?: string; locale?: AppLocale } = {}): Promise<MountedApp> {
  const context = createAppContext({ client, locale: options.locale ?? 'en', history: createMemoryHistory() });
  // The language's messages in place first (another than English loads on demand), as the app's start waits for them.
  await context.i18n.ready;
  await context.router.push(options.path ?? '/');
  const host = document.createElement('div');
  document.body.appendChild(host);
  const wrapper = mount(App, { global: { plugins: context.plugins }, attachTo: host });
  await context.router.isReady();
  return {
    wrapper,
    context,
    unmount() {
      wrapper.unmount();
      document.body.innerHTML = '';
    },
  };
}

/** The one app a test set-up has mounted at a time: mounting again unmounts the one before. */
export interface MountedAppSlot {
  mount(client: RpcClient, options?: Parameters<typeof mountApp>[1]): Promise<MountedApp>;
  /** Unmounts the app, if one is mounted. */
  unmount(): void;
}

export function mountedAppSlot(): MountedAppSlot {
  let app: MountedApp | null = null;
  return {
    async mount(client, options) {
      app?.unmount();
      app = await mountApp(client, options);
      return app;
    },
    unmount() {
      app?.unmount();
      app = null;
    },
  };
}
