import { test as base } from '@playwright/test';
import { makeDataDir } from './data-dir';
import { HostControl } from './host-control';

/**
 * `host`: a fresh data directory per test and a HostControl on it, not yet started (a test may
 * seed the store first); the host is stopped and the directory removed after the test.
 */
export const test = base.extend<{ host: HostControl }>({
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

export { expect } from '@playwright/test';
