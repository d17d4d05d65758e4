import { START_LOCATION, type RouteLocationNormalized, type Router } from 'vue-router';

const WAIT_MS = 3_000;

/** Where the focus goes after a navigation: the area's heading within a tenant, else the page's. */
function headingSelector(to: RouteLocationNormalized, from: RouteLocationNormalized): string {
  const sameTenant = !!to.params.tenantId && to.params.tenantId === from.params.tenantId;
  return sameTenant ? '.workspace__content :is(h1, h2)' : 'main h1';
}

/**
 * After a navigation (not the first load) the focus moves to the new page's heading, so a
 * keyboard or screen-reader user starts reading where the page starts instead of at the body.
 * Pages load their data first: the heading is awaited (a few seconds at most), and a focus the
 * user moved in the meantime is left alone.
 */
export function focusHeadingAfterNavigation(router: Router): void {
  let generation = 0;
  router.afterEach((to, from, failure) => {
    if (failure || from === START_LOCATION || to.fullPath === from.fullPath) return;
    const mine = ++generation;
    const before = document.activeElement;
    const selector = headingSelector(to, from);
    const deadline = Date.now() + WAIT_MS;
    const attempt = () => {
      if (mine !== generation) return;
      const active = document.activeElement;
      const untouched = !active || active === document.body || active === before || active.id === 'main' || !active.isConnected;
      if (!untouched) return;
      const heading = document.querySelector<HTMLElement>(selector);
      if (heading) {
        if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
        heading.focus({ preventScroll: false });
        return;
      }
      if (Date.now() < deadline) setTimeout(attempt, 50);
    };
    setTimeout(attempt, 0);
  });
}
