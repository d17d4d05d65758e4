import { describe, expect, it } from 'vitest';
import { aiResponseDraft } from '../../../support/renderer/real-core';
import { appOnRealCore } from '../../../support/renderer/app-on-real-core';
import { buttonByText, click, getByLabel, getByRole, queryAllByRole, waitFor } from '../../../support/renderer/dom';

/** Files against the real core: export → import preview and apply, every import refusal shown, CSV rows with their errors. */
const harness = appOnRealCore();

/** Chooses a file in a file input, as the browser's picker does. */
function chooseFile(input: HTMLInputElement, name: string, text: string, type = 'application/json') {
  const file = new File([text], name, { type });
  Object.defineProperty(input, 'files', { configurable: true, value: [file] });
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

const AI = { threshold: 4, onThreshold: 'any_available_agent', divisionId: null, agentId: null, handoverMessage: 'Sebentar ya.' } as const;

async function exportText(tenantId: string): Promise<string> {
  return (await harness.real.client.call('transfer.export', { tenantIds: [tenantId] })).text;
}

describe('import an export file', () => {
  it('shows every refusal of the whole file clearly, then previews and applies a good one as drafts, with Undo', async () => {
    const { tenants, documents, tags } = harness.real.core.services;
    const original = tenants.create({ name: 'PT Ekspor', backendUrl: 'https://chat.ekspor.example/api' });
    documents.saveDraft({ tenantId: original.id, kind: 'ai_response', draft: AI });
    tags.add({ tenantIds: [original.id], tags: ['vip'] });
    const text = await exportText(original.id);
    const doc = JSON.parse(text) as { version: number; tenants: Array<Record<string, unknown>> };

    await harness.mount();
    await waitFor(() => document.querySelectorAll('[data-testid="tenant-row"]').length === 1);
    expect(harness.real.core.services.importer.readerRunning).toBe(false);
    click(buttonByText('Import file…'));
    const dialog = await waitFor(() => getByRole('dialog'));
    // The core's reader starts while a file is chosen.
    await waitFor(() => harness.real.core.services.importer.readerRunning);
    const input = getByLabel<HTMLInputElement>('Export file (.json)');
    const refusal = () => dialog.querySelector('[data-testid="failure"]')?.textContent ?? '';

    chooseFile(input, 'empty.json', '');
    await waitFor(() => refusal().includes('The file is empty (0 bytes).'));
    expect(refusal()).toContain('This file cannot be imported: empty.json');

    chooseFile(input, 'newer.json', JSON.stringify({ ...doc, version: 2 }));
    await waitFor(() => refusal().includes('The file was made by a newer version of the app (format version 2); this app reads version 1. Update the app.'));

    chooseFile(input, 'cut.json', text.slice(0, text.length / 2));
    await waitFor(() => refusal().includes('The file is not complete JSON'));

    const withSecret = { ...doc, tenants: [{ ...doc.tenants[0], password: 'hunter2' }] };
    chooseFile(input, 'secret.json', JSON.stringify(withSecret));
    await waitFor(() => refusal().includes('The file holds a secret value at'));
    expect(refusal()).not.toContain('hunter2');

    const unknownField = { ...doc, tenants: [{ ...doc.tenants[0], colour: 'red' }] };
    chooseFile(input, 'unknown.json', JSON.stringify(unknownField));
    await waitFor(() => refusal().includes('Unknown field “tenants[0].colour”') || refusal().includes('Unknown field'));
    expect(buttonByText('Import (0)', dialog).disabled).toBe(true);
    expect(tenants.list()).toHaveLength(1);

    // The round trip: the same file changes nothing.
    chooseFile(input, 'same.json', text);
    await waitFor(() => dialog.querySelector('[data-testid="import-counts"]')?.textContent === 'New tenants: 0. Changed: 0. Unchanged: 1.');
    expect(refusal()).toBe('');
    expect(buttonByText('Import (0)', dialog).disabled).toBe(true);

    // The file under another name: one tenant to create, with its settings and tags.
    const renamed = { ...doc, tenants: [{ ...doc.tenants[0], name: 'PT Impor' }] };
    chooseFile(input, 'renamed.json', JSON.stringify(renamed));
    await waitFor(() => dialog.querySelector('[data-testid="import-counts"]')?.textContent === 'New tenants: 1. Changed: 0. Unchanged: 0.');
    const row = dialog.querySelector<HTMLElement>('[data-testid="import-row"]')!;
    expect(row.dataset.action).toBe('create');
    expect(row.textContent).toContain('PT Impor');
    expect(row.textContent).toContain('AI Response');
    expect(tenants.list()).toHaveLength(1); // still nothing changed

    click(buttonByText('Import (1)', dialog));
    await waitFor(() => queryAllByRole('dialog').length === 0);
    const imported = tenants.list().find((tenant) => tenant.name === 'PT Impor');
    expect(imported?.backendUrl).toBe('https://chat.ekspor.example/api');
    expect(aiResponseDraft(harness.real.core, imported!.id)).toEqual(AI);
    expect(tags.tagsOf(imported!.id)).toEqual(['vip']);
    await waitFor(() => document.body.textContent?.includes('Imported as drafts. New tenants: 1. Changed: 0.'));
    await waitFor(() => [...document.querySelectorAll('.tenant-row__name')].some((link) => link.textContent === 'PT Impor'));
  });

  it('refuses a file past the size the core reads before sending it, in the core’s words', async () => {
    await harness.mount();
    await waitFor(() => getByRole('heading', 'No tenants yet'));
    click(buttonByText('Import file…'));
    const dialog = await waitFor(() => getByRole('dialog'));
    const input = getByLabel<HTMLInputElement>('Export file (.json)');
    const file = new File(['x'], 'huge.json');
    Object.defineProperty(file, 'size', { value: 60 * 1024 * 1024 });
    Object.defineProperty(input, 'files', { configurable: true, value: [file] });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await waitFor(() => dialog.textContent?.includes('The file is 60 MB; the largest file that can be imported is 50 MB.'));
  });
});

describe('tenants from CSV', () => {
  it('previews each row with its errors (BOM, CRLF, quoted commas read right) and creates only the chosen valid rows', async () => {
    harness.real.core.services.tenants.create({ name: 'Sudah Ada' });
    const text = [
      '\uFEFFname,Backend URL,tags',
      '"PT Jaya, Tbk",https://chat.jaya.example/api/open/v1,"vip; Jakarta"',
      'Salah Url,ftp://files.example,',
      'Kembar,,',
      'kembar,,',
      'sudah ada,,',
      'Toko Dua,,medan',
    ].join('\r\n');
    await harness.mount();
    await waitFor(() => document.querySelectorAll('[data-testid="tenant-row"]').length === 1);
    click(buttonByText('Import CSV…'));
    const dialog = await waitFor(() => getByRole('dialog'));
    chooseFile(getByLabel<HTMLInputElement>('CSV file'), 'tenants.csv', text, 'text/csv');

    await waitFor(() => dialog.querySelectorAll('[data-testid="csv-row"]').length === 6);
    expect(dialog.querySelector('[data-testid="csv-counts"]')?.textContent).toBe('Rows ready: 3. Rows with errors: 3.');
    const rowOf = (n: number) => dialog.querySelector<HTMLElement>(`[data-testid="csv-row"][data-row="${n}"]`)!;
    expect(rowOf(2).textContent).toContain('PT Jaya, Tbk');
    expect(rowOf(2).textContent).toContain('vip, jakarta');
    expect(rowOf(3).querySelector('[data-testid="csv-row-errors"]')?.textContent).toBe('Backend URL must start with http:// or https://.');
    expect(rowOf(5).querySelector('[data-testid="csv-row-errors"]')?.textContent).toBe('The name is also on row 4 of this file.');
    expect(rowOf(6).querySelector('[data-testid="csv-row-errors"]')?.textContent).toBe('A tenant with this name already exists.');
    const checkboxOf = (n: number) => rowOf(n).querySelector<HTMLButtonElement>('[role="checkbox"]')!;
    expect(checkboxOf(3).disabled).toBe(true);
    expect(checkboxOf(2).getAttribute('aria-checked')).toBe('true');

    // Leave one valid row out.
    click(checkboxOf(7));
    await waitFor(() => buttonByText('Create 2 tenants', dialog));
    click(buttonByText('Create 2 tenants', dialog));
    await waitFor(() => queryAllByRole('dialog').length === 0);

    const names = harness.real.core.services.tenants.list().map((tenant) => tenant.name).sort();
    expect(names).toEqual(['Kembar', 'PT Jaya, Tbk', 'Sudah Ada']);
    const jaya = harness.real.core.services.tenants.list().find((tenant) => tenant.name === 'PT Jaya, Tbk')!;
    expect(jaya.backendUrl).toBe('https://chat.jaya.example/api/open/v1');
    expect(harness.real.core.services.tags.tagsOf(jaya.id)).toEqual(['jakarta', 'vip']);
    await waitFor(() => document.body.textContent?.includes('Tenants created: 2'));
  });

  it('shows a file-level refusal (no name column) and creates nothing', async () => {
    await harness.mount();
    await waitFor(() => getByRole('heading', 'No tenants yet'));
    click(buttonByText('Import CSV…'));
    const dialog = await waitFor(() => getByRole('dialog'));
    chooseFile(getByLabel<HTMLInputElement>('CSV file'), 'bad.csv', 'backend url,tags\r\nhttps://a.example,vip', 'text/csv');
    await waitFor(() => dialog.querySelector('[data-testid="failure"]')?.textContent?.includes('The header has no “name” column (columns: name, backend URL, tags).'));
    expect(harness.real.core.services.tenants.list()).toHaveLength(0);
  });
});
