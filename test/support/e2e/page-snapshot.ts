import type { Page } from '@playwright/test';

/**
 * Everything the page holds that a person or a script could read: its HTML, its visible text,
 * the values of its inputs (not in the HTML once typed), and its local and session storage.
 * A string expression, evaluated in the page (the node project has no DOM types).
 */
const SNAPSHOT = `(() => {
  const values = Array.from(document.querySelectorAll('input, textarea, select')).map((element) => element.value);
  const storage = (store) => Array.from({ length: store.length }, (_, i) => store.key(i) + '=' + store.getItem(store.key(i)));
  return [document.documentElement.outerHTML, document.body.innerText, ...values, ...storage(localStorage), ...storage(sessionStorage)].join('\\n');
})()`;

export async function pageSnapshot(page: Page): Promise<string> {
  return page.evaluate<string>(SNAPSHOT);
}
