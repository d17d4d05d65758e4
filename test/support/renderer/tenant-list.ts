export { appOnRealCore, type AppOnRealCore } from './app-on-real-core';


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
