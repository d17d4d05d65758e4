import { afterEach, beforeEach } from 'vitest';
import { mountedAppSlot, type mountApp, type MountedApp } from './mount-app';
import { openRealCore, type RealCore } from './real-core';

/**
 * The set-up the renderer tests that run the whole app share: a real core opened before each test, the app
 * mounted on it when a test asks, both closed after each test;
 */
export interface AppOnRealCore {
  /** The core of the running test. */
  readonly real: RealCore;
  /** Mounts the whole app on the core (unmounted after the test). */
  mount(options?: Parameters<typeof mountApp>[1]): Promise<MountedApp>;
}

export function appOnRealCore(): AppOnRealCore {
  let real: RealCore | null = null;
  const app = mountedAppSlot();
  beforeEach(() => {
    real = openRealCore();
  });
  afterEach(async () => {
    app.unmount();
    await real?.close();
    real = null;
  });
  return {
    get real() {
      if (!real) throw new Error('the core is open only while a test runs');
      return real;
    },
    mount(options) {
      return app.mount(this.real.client, options);
    },
  };
}
