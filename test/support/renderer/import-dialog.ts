import { exportFileOf } from '../transfer/export-file';
import { buttonByText, click, getByLabel, getByRole, waitFor } from './dom';

/**
 * From the empty tenant list of a mounted app: opens `Import file…`, chooses an export file of
 * `count` new tenants (as the browser's picker does) and waits for the preview's counts. Returns
 * the dialog.
 */
export async function previewImportOf(count: number): Promise<HTMLElement> {
  await waitFor(() => getByRole('heading', 'No tenants yet'));
  click(buttonByText('Import file…'));
  const dialog = await waitFor(() => getByRole('dialog'));
  const input = getByLabel<HTMLInputElement>('Export file (.json)');
  Object.defineProperty(input, 'files', { configurable: true, value: [new File([exportFileOf(count)], 'many.json', { type: 'application/json' })] });
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await waitFor(() => dialog.querySelector('[data-testid="import-counts"]')?.textContent === `New tenants: ${count}. Changed: 0. Unchanged: 0.`, 20_000);
  return dialog;
}
