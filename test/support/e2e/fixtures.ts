import { test as base, expect } from '@playwright/test';
import { UNEXPECTED_ERROR_PREFIX } from '../../../shared/logic/unexpected-error';
import { makeDataDir } from './data-dir';
import { HostControl } from './host-control';

/**
 * `host`: a fresh data directory per test and a HostControl on it, not yet started (a test may
 * seed the store first); the host is stopped and the directory removed after the test.
 */
export const test = base.extend<{ host: HostControl; cspViolations: string[]; pageErrors: string[] }>({
  /**
   * Every test fails when the page's Content-Security-Policy refused anything (an inline style, a
   * script, a connection): the policy has no 'unsafe-inline', and the app must not need it.
   */
  cspViolations: [
    async ({ page }, use) => {
      const violations: string[] = [];
      // The browser reports each refusal as a DOM event; scripts added this way are not subject to the policy.
      await page.addInitScript({
        content: `document.addEventListener('securitypolicyviolation', (event) => {
          console.error('CSP violation: ' + event.effectiveDirective + ' blocked ' + (event.blockedURI || 'inline') + ' at ' + event.sourceFile + ':' + event.lineNumber + ' ' + event.sample);
        });`,
      });
      page.on('console', (message) => {
        if (message.type() === 'error' && message.text().startsWith('CSP violation: ')) violations.push(message.text());
      });
      await use(violations);
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
  /**
   * Every test fails when the page met an error nobody handled: one the browser reports as
   * uncaught, or one the app caught as unexpected (renderer/src/app/unexpected-errors.ts: told to
   * the user, and written to the console with its prefix).
   */
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error' && message.text().startsWith(UNEXPECTED_ERROR_PREFIX)) errors.push(message.text());
      });
      await use(errors);
      expect(errors, 'uncaught errors in the page').toEqual([]);
    },
    { auto: true },
  ],
  host: async ({ browserName: _browserName }, use) => {
    const dataDir = makeDataDir();
    const host = new HostControl(dataDir.path);
    try {
      await use(host);
    } finally {
      await host.stop();
      dataDir.remove();
    }
  },
});

export { expect };
