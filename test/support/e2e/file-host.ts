import { existsSync } from 'node:fs';
import { test } from '@playwright/test';
import { storePaths } from '../../../electron/core/store/store-paths';
import { makeDataDir } from './data-dir';
import { HostControl } from './host-control';
import { readStoreKeychain } from './store-keychain';

/**
 * One host for all the tests of a file (they run in order and each works in its own tenant):
 * started before the first test, stopped after the last, its data directory and its keychain
 * entries removed then. Call at the top level of a spec file; `host()` is valid inside tests.
 */
export function fileHost(): () => HostControl {
  let host: HostControl | null = null;
  let removeDir: (() => void) | null = null;
  test.beforeAll(async () => {
    const dataDir = makeDataDir();
    removeDir = dataDir.remove;
    host = new HostControl(dataDir.path);
    await host.start();
  });
  test.afterAll(async () => {
    try {
      await host?.stop();
      // The keyring outlives the data directory: leave nothing of this store in it.
      if (host && existsSync(storePaths(host.dataDir).db)) await (await readStoreKeychain(host.dataDir)).clear();
    } finally {
      removeDir?.();
    }
  });
  return () => {
    if (!host) throw new Error('the file host exists only inside tests');
    return host;
  };
}
