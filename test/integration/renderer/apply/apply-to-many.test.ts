import { describe, expect, it } from 'vitest';
import { aiResponseDraft, CATALOG } from '../../../support/renderer/real-core';
import { appOnRealCore, rowCheckbox as checkbox, tenantRows as rows } from '../../../support/renderer/tenant-list';
import { chooseOption, click, getByLabel, getByRole, queryAllByRole, waitFor } from '../../../support/renderer/dom';

/**
 * Apply to many against the real core: choose source and what, the preview per target (field
 * diff; a division name the target lacks is that target's error), confirm, then `Undo` in the toast.
 */
const harness = appOnRealCore();

function targets(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('[data-testid="apply-target"]')];
}
function target(id: string): HTMLElement {
  const found = targets().find((element) => element.dataset.tenantId === id);
  if (!found) throw new Error(`no preview of ${id}`);
  return found;
}
function buttonByText(text: string, within: ParentNode = document): HTMLElement {
  const found = [...within.querySelectorAll<HTMLElement>('button')].filter((button) => button.textContent?.trim() === text);
  if (found.length !== 1) throw new Error(`expected one button "${text}", found ${found.length}`);
  return found[0]!;
}

const SOURCE_AI = { threshold: 7, onThreshold: 'specific_division', divisionId: 'div-sales', agentId: null, handoverMessage: 'Mohon tunggu, tim Sales segera membantu.' } as const;

function seed() {
  const { tenants, catalog, documents } = harness.real.core.services;
  const source = tenants.create({ name: 'Template Tenant' });
  catalog.replace(source.id, CATALOG);
  documents.saveDraft({ tenantId: source.id, kind: 'ai_response', draft: SOURCE_AI });
  const withSales = tenants.create({ name: 'Target Sales' });
  catalog.replace(withSales.id, { divisions: [{ id: 'div-sales-jkt', name: 'Sales' }], agents: [] });
  const withoutSales = tenants.create({ name: 'Target Support Only' });
  catalog.replace(withoutSales.id, { divisions: [{ id: 'div-cs', name: 'Support' }], agents: [] });
  return { source: source.id, withSales: withSales.id, withoutSales: withoutSales.id };
}

describe('apply to many', () => {
  it('previews per target (diff, or the missing division name as an error), applies only the valid ones, and undoes as one step', async () => {
    const ids = seed();
    const before = aiResponseDraft(harness.real.core, ids.withSales);
    await harness.mount();
    await waitFor(() => rows().length === 3);

    click(checkbox('Target Sales'));
    click(checkbox('Target Support Only'));
    click(await waitFor(() => getByRole('button', 'Apply to many…')));
    const dialog = await waitFor(() => getByRole('dialog'));
    expect(dialog.textContent).toContain('Apply to many (2 tenants)');
    expect((buttonByText('Preview', dialog) as HTMLButtonElement).disabled).toBe(true);

    await chooseOption(getByLabel('Copy from'), 'Template Tenant');
    await waitFor(() => !(buttonByText('Preview', dialog) as HTMLButtonElement).disabled);
    click(buttonByText('Preview', dialog));

    await waitFor(() => targets().length === 2);
    expect(dialog.querySelector('[data-testid="apply-counts"]')?.textContent).toBe('Will change: 1. Already the same: 0. Skipped with errors: 1.');
    const missing = target(ids.withoutSales);
    expect(missing.dataset.status).toBe('error');
    expect(missing.querySelector('[data-testid="apply-target-errors"]')?.textContent).toContain('Division “Sales” is not in this tenant’s catalog.');
    const ok = target(ids.withSales);
    expect(ok.dataset.status).toBe('ok');
    click(buttonByText('Show changes', ok));
    await waitFor(() => ok.querySelectorAll('[data-testid="field-change"]').length > 0);
    const changed = [...ok.querySelectorAll<HTMLElement>('[data-testid="field-change"]')].map((change) => change.dataset.pointer);
    expect(changed).toEqual(expect.arrayContaining(['/threshold', '/onThreshold', '/divisionId', '/handoverMessage']));
    const threshold = ok.querySelector<HTMLElement>('[data-pointer="/threshold"]')!;
    expect(threshold.querySelector('.field-changes__after')?.textContent).toBe('7');
    // The target's own division, by name (its catalog is fetched when the diff opens).
    await waitFor(() => ok.querySelector('[data-pointer="/divisionId"] .field-changes__after')?.textContent === 'Sales');

    // Nothing changed yet.
    expect(aiResponseDraft(harness.real.core, ids.withSales)).toEqual(before);

    click(buttonByText('Apply to 1 tenant', dialog));
    await waitFor(() => queryAllByRole('dialog').length === 0);
    const applied = aiResponseDraft(harness.real.core, ids.withSales);
    expect(applied).toMatchObject({ threshold: 7, onThreshold: 'specific_division', divisionId: 'div-sales-jkt', handoverMessage: SOURCE_AI.handoverMessage });
    expect(aiResponseDraft(harness.real.core, ids.withoutSales).divisionId).toBeNull();
    await waitFor(() => document.body.textContent?.includes('Applied from “Template Tenant” to 1 tenant as a draft'));

    click(buttonByText('Undo'));
    await waitFor(() => document.body.textContent?.includes('Undone: 1 setting is as it was'));
    expect(aiResponseDraft(harness.real.core, ids.withSales)).toEqual(before);
  });

  it('leaves the source out of its own targets when it is selected too', async () => {
    const ids = seed();
    await harness.mount();
    await waitFor(() => rows().length === 3);
    click(checkbox('Template Tenant'));
    click(checkbox('Target Sales'));
    click(await waitFor(() => getByRole('button', 'Apply to many…')));
    const dialog = await waitFor(() => getByRole('dialog'));
    await chooseOption(getByLabel('Copy from'), 'Template Tenant');
    await waitFor(() => dialog.textContent?.includes('The source tenant is selected too'));
    expect(dialog.textContent).toContain('Apply to many (1 tenant)');

    click(buttonByText('Preview', dialog));
    await waitFor(() => targets().length === 1);
    expect(targets()[0]!.dataset.tenantId).toBe(ids.withSales);
  });
});
