// The global styles first: components' own styles (scoped, in their chunks) come after and refine them.
import '../styles/tokens.css';
import '../styles/base.css';
import '../styles/components.css';
import { createApp } from 'vue';
import type { RendererApi } from '../../../shared/rpc/contract';
import { createRpcClient } from '../api/rpc-client';
import { primeTransport, type PrimedCall } from '../api/primed-transport';
import { createAppContext } from './create-app-context';
import { afterFirstContentfulPaint, holdUntilFirstPaint } from './first-paint';
import { LOCALE_STORAGE_KEY, initialLocale } from '../i18n/locale';
import { useSessionStore } from '../stores/session';
import { useTenantsStore } from '../stores/tenants';
import { useToastsStore } from '../stores/toasts';
import { catchUnexpectedErrors } from './unexpected-errors';
import { prepareTenantOrder } from '../../../shared/logic/tenant-order';
import App from '../App.vue';

/**
 * How long the app waits for the first screen's data before it shows itself: a list that arrives
 * within this time is painted in one go (no "Loading…" flashing for a few frames); a slower one
 * gets the page with its loading state.
 */
export const FIRST_SCREEN_WAIT_MS = 400;

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

/** Runs `run` when the page is idle (soon after, where the browser cannot say). */
function idle(run: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => run(), { timeout: 2000 });
  else setTimeout(run, 0);
}

export interface StartOptions {
  /** The transport, or null without a launch token (the app then says the session ended). */
  transport: RendererApi | null;
  /** The whole list's request, sent by the boot (boot/first-request.ts) once the first rows have painted, if the app opens on the list. */
  wholeList: PrimedCall | null;
  /** The request for the list's first rows, already sent, if the app opens on the list. */
  firstPage?: PrimedCall | null;
  /** Called once the app's first screen has painted (the boot then sends the whole list's request). */
  afterFirstPaint?: () => void;
  /** Receives what to do when the host refuses the launch token. */
  onSessionEnd: (end: () => void) => void;
}

/** Builds the app over its transport and shows it once its first screen has its data (or soon after). */
export async function startApp(options: StartOptions): Promise<void> {
  const transport = options.transport ? primeTransport(options.transport, [options.firstPage ?? null, options.wholeList]) : noSessionTransport;
  let endSession = (): void => undefined;
  const client = createRpcClient(transport, { onUnauthorized: () => endSession() });
  const context = createAppContext({ client, locale: initialLocale(storedLocale(), navigator.languages ?? [navigator.language]) });
  const app = createApp(App);
  for (const plugin of context.plugins) app.use(plugin);
  const toasts = useToastsStore(context.pinia);
  const { t } = context.i18n.global;
  catchUnexpectedErrors(app, (message) => toasts.push({ kind: 'error', title: t('app.unexpected.title'), detail: t('app.unexpected.detail', { message }) }));

  const session = useSessionStore(context.pinia);
  endSession = () => session.end();
  options.onSessionEnd(endSession);
  if (!options.transport) session.end();

  // Another language than English: its messages load while the first screen is asked for.
  const messages = context.i18n.ready.catch(() => undefined);
  if (options.wholeList) {
    // The page's own request joins this one (its errors are shown there).
    // Shown as soon as the list's first rows are in (the whole list follows).
    const rows = new Promise<void>((resolve) => {
      useTenantsStore(context.pinia)
        .hydrate('', {}, { firstScreen: true, shown: resolve })
        .catch(() => undefined)
        .finally(resolve);
    });
    await Promise.race([rows, new Promise((resolve) => setTimeout(resolve, FIRST_SCREEN_WAIT_MS))]);
  }
  await messages;
  // The header's tools and the toasts' region mount once the first screen has painted.
  const release = holdUntilFirstPaint();
  app.mount('#app');
  afterFirstContentfulPaint(() => {
    release();
    options.afterFirstPaint?.();
    // Opened elsewhere than the list, the list's first sort would make the name collator (see
    // tenant-order.ts) on the way to its paint: made while the app is idle instead.
    idle(prepareTenantOrder);
  });
}
