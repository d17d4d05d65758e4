import { createRouter, createWebHashHistory, type RouterHistory } from 'vue-router';
import { routes } from './routes';
import { focusHeadingAfterNavigation } from './focus-heading';

/**
 * Hash history: Electron loads the app from file:// and the host serves one index.html, so the
 * path part of the address never changes.
 */
export function createAppRouter(history: RouterHistory = createWebHashHistory()) {
  const router = createRouter({ history, routes });
  focusHeadingAfterNavigation(router);
  return router;
}
