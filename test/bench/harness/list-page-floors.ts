// What the tenant list's paint costs the browser alone, measured in the same run as the app: the
// same markup and styles, with no script of the app at all. Whatever builds that markup, the
// browser takes this long to show it; the app's figures less a floor are what its own code costs.
// - The markup swap (`tenant_list_dom_swap_ms_N`): in the running app on a tenant's workspace, the
//   click on "All tenants" is caught before the app sees it and answered by one innerHTML
//   assignment of the list's markup in the app's place: click → the first row painted, with only
//   the browser's parse, style, layout, paint and raster in between.
// - The static page (`static_list_page_paint_ms_N`): the whole page showing the list saved as one
//   document, every style rule inline, no script, loaded cold like the app: navigation start → the
//   first row painted.
import type { Page } from '@playwright/test';

/** The list as the app showed it, taken from the page. */
export interface ListMarkup {
  /** The app's mount point's markup (`#app`), rows included. */
  app: string;
  /** The whole page as one document: the same markup, its style rules inline, no script. */
  staticPage: string;
}

/** Runs in the page showing the list (a string: the bench's code is type-checked without the DOM's types). */
const TAKE_LIST_MARKUP = `(() => {
  const root = document.querySelector('#app');
  if (!root) throw new Error('no #app in the page');
  const css = [...document.styleSheets].map((sheet) => [...sheet.cssRules].map((rule) => rule.cssText).join('\\n')).join('\\n');
  const copy = document.documentElement.cloneNode(true);
  for (const element of copy.querySelectorAll('script, link, style')) element.remove();
  const style = document.createElement('style');
  style.textContent = css;
  copy.querySelector('head').append(style);
  return { app: root.innerHTML, staticPage: '<!doctype html>' + copy.outerHTML };
})()`;

/** The list's markup from a page that shows it (its rows painted). */
export async function takeListMarkup(page: Page): Promise<ListMarkup> {
  const markup = (await page.evaluate(TAKE_LIST_MARKUP)) as ListMarkup;
  if (!markup.app.includes('elementtiming="tenant-row-name"')) throw new Error('the page shows no tenant rows to take');
  return markup;
}

/**
 * The page's next click puts `markup` in the app's place and goes no further: the app never sees
 * it (caught in the capture phase, after the bench's own listener that notes the click's time),
 * and the link does not navigate.
 */
export async function answerNextClickWithMarkup(page: Page, markup: string): Promise<void> {
  await page.evaluate(`((html) => {
    document.addEventListener('click', (event) => {
      event.stopImmediatePropagation();
      event.preventDefault();
      document.querySelector('#app').innerHTML = html;
    }, { capture: true, once: true });
  })(${JSON.stringify(markup)})`);
}
