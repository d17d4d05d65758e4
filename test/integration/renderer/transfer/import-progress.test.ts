import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRealCore, type RealCore } from '../../../support/renderer/real-core';
import { mountApp, type MountedApp } from '../../../support/renderer/mount-app';
import { click, getByLabel, getByRole, queryAllByRole, waitFor } from '../../../support/renderer/dom';

/** A large export file applied against the real core: the progress bar with its counts, and `Cancel import` between two batches. */
let real: RealCore;
let app: MountedApp | null = null;

beforeEach(() => {
  real = openRealCore();
});
afterEach(async () => {
  app?.unmount();
  app = null;
  await real.close();
});

const COUNT = 2000;

function exportFile(count: number): string {
  const tenants = Array.from({ length: count }, (_, i) => ({
    name: `Toko ${i + 1}`,
    backendUrl: null,
    tags: ['impor'],
    aiResponse: null,
    idleAction: null,
    referenceNames: { divisions: {}, agents: {} },
    apiConnections: [],
  }));
  return JSON.stringify({ format: 'chatbot-settings-export', version: 1, exportedAt: '2026-01-15T09:00:00.000Z', tenants });
}

function buttonByText(text: string, within: ParentNode = document): HTMLButtonElement {
  const found = [...within.querySelectorAll<HTMLButtonElement>('button')].filter((button) => button.textContent?.trim() === text);
  if (found.length !== 1) throw new Error(`expected one button "${text}", found ${found.length}`);
  return found[0]!;
}

describe('an import in batches, in the import dialog', () => {
  it('shows a progress bar with counts while it applies, and Cancel import stops it: the toast says how many were imported and how many not', async () => {
    app = await mountApp(real.client);
    await waitFor(() => getByRole('heading', 'No tenants yet'));
    click(buttonByText('Import file…'));
    const dialog = await waitFor(() => getByRole('dialog'));
    const input = getByLabel<HTMLInputElement>('Export file (.json)');
    Object.defineProperty(input, 'files', { configurable: true, value: [new File([exportFile(COUNT)], 'many.json', { type: 'application/json' })] });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await waitFor(() => dialog.querySelector('[data-testid="import-counts"]')?.textContent === `New tenants: ${COUNT}. Changed: 0. Unchanged: 0.`, 20_000);
    expect(dialog.querySelector('[data-testid="import-progress"]')).toBeNull();

    click(buttonByText(`Import (${COUNT})`, dialog));
    const progress = await waitFor(() => dialog.querySelector<HTMLElement>('[data-testid="import-progress"][data-state="running"]'));
    const bar = getByLabel<HTMLProgressElement>('Import progress');
    expect(bar.max).toBe(COUNT);
    expect(bar.value).toBeGreaterThan(0);
    expect(progress.querySelector('[role="status"]')?.textContent).toMatch(new RegExp(`^\\d+ of ${COUNT} tenants gone through$`));
    // While it applies, the only action is to cancel it.
    expect(() => buttonByText(`Import (${COUNT})`, dialog)).toThrow();

    click(buttonByText('Cancel import', dialog));
    await waitFor(() => queryAllByRole('dialog').length === 0, 20_000);
    const toast = await waitFor(() => [...document.querySelectorAll('[role="status"], [role="alert"], li')].find((node) => node.textContent?.includes('Import cancelled.')));
    const match = /Tenants imported as drafts: (\d+) \(new: (\d+), changed: 0\)\. Not imported: (\d+)\./.exec(toast.textContent ?? '');
    expect(match).not.toBeNull();
    const [imported, created, notImported] = match!.slice(1).map(Number) as [number, number, number];
    expect(created).toBe(imported);
    expect(imported + notImported).toBe(COUNT);
    expect(notImported).toBeGreaterThan(0);
    expect(real.core.services.tenants.list()).toHaveLength(imported);
  });
});
