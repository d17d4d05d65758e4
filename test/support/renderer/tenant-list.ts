import { afterEach, beforeEach } from 'vitest';
import { mountApp, type MountedApp } from './mount-app';
import { openRealCore, type RealCore } from './real-core';

/**
 * The set-up the tenant list's renderer tests share: a real core opened before each test, the app
 * mounted on it when a test asks, both closed after each test; and the list's rows found by name.
 */
export interface AppOnRealCore {
  /** The core of the running test. */
  readonly real: RealCore;
  /** Mounts the whole app on the core (unmounted after the test). */
  mount(options?: Parameters<typeof mountApp>[1]): Promise<MountedApp>;
}

export function appOnRealCore(): AppOnRealCore {
  let real: RealCore | null = null;
  let app: MountedApp | null = null;
  beforeEach(() => {
    real = openRealCore();
  });
  afterEach(async () => {
    app?.unmount();
    app = null;
    await real?.close();
    real = null;
  });
  return {
    get real() {
      if (!real) throw new Error('the core is open only while a test runs');
      return real;
    },
    async mount(options) {
      app?.unmount();
      app = await mountApp(this.real.client, options);
      return app;
    },
  };
}

/** The rows of the tenant list now rendered (the list is virtualised: those in view). */
export function tenantRows(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('[data-testid="tenant-row"]')];
}

export function tenantRowNames(): string[] {
  return tenantRows().map((row) => row.querySelector('.tenant-row__name')?.textContent?.trim() ?? '');
}

export function tenantRow(name: string): HTMLElement {
  const found = tenantRows().find((candidate) => candidate.querySelector('.tenant-row__name')?.textContent?.trim() === name);
  if (!found) throw new Error(`no row ${name}`);
  return found;
}

/** The selection checkbox of a tenant's row (role checkbox), named after the tenant. */
export function rowCheckbox(name: string): HTMLElement {
  const found = tenantRow(name).querySelector<HTMLElement>('[role="checkbox"]');
  if (!found || found.getAttribute('aria-label') !== `Select ${name}`) throw new Error(`no checkbox for ${name}`);
  return found;
}

/** Whether a checkbox (role checkbox) is checked, as assistive technology reads it. */
export function isChecked(checkbox: HTMLElement): boolean {
  return checkbox.getAttribute('aria-checked') === 'true';
}
