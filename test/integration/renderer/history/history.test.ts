import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../../support/core/open-test-core';
import { aiResponseDraft, openRealCore, type RealCore } from '../../../support/renderer/real-core';
import { mountApp, type MountedApp } from '../../../support/renderer/mount-app';
import { chooseOption, click, getByLabel, getByRole, waitFor } from '../../../support/renderer/dom';

/** The History page against the real core (with a clock the test moves): revisions, compare, restore, publish log. */
let real: RealCore | null = null;
let app: MountedApp | null = null;

afterEach(async () => {
  app?.unmount();
  app = null;
  await real?.close();
  real = null;
});

const AI = { threshold: 5, onThreshold: 'any_available_agent', divisionId: null, agentId: null, handoverMessage: 'Satu' } as const;

function revisions(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('[data-testid="revision"]')];
}

describe('history', () => {
  it('lists a document’s revisions, compares two field by field, and restores an old one as the new draft', async () => {
    const clock = manualClock();
    real = openRealCore({ clock: clock.now });
    const core = real.core;
    const tenant = core.services.tenants.create({ name: 'PT Sejarah' });
    core.services.documents.saveDraft({ tenantId: tenant.id, kind: 'ai_response', draft: AI });
    clock.advance(10_000); // past the autosave burst: a revision of its own
    core.services.documents.saveDraft({ tenantId: tenant.id, kind: 'ai_response', draft: { ...AI, threshold: 9, handoverMessage: 'Dua' } });
    clock.advance(10_000);

    app = await mountApp(real.client, { path: `/tenants/${tenant.id}/history` });
    await waitFor(() => getByRole('heading', 'History'));
    await waitFor(() => revisions().length === 2);
    expect(revisions().map((row) => row.dataset.source)).toEqual(['edit', 'edit']);
    expect(revisions()[0]!.textContent).toContain('Edited · you');
    expect(revisions()[0]!.textContent).toContain('Threshold');
    // The workspace's navigation leads here.
    const nav = getByRole('navigation', 'Settings areas');
    expect(getByRole('link', 'History', nav).getAttribute('aria-current')).toBe('page');

    // Newest against the one before, chosen by default.
    click(getByRole('button', 'Compare'));
    const diff = await waitFor(() => document.querySelector<HTMLElement>('[data-testid="history-diff"]'));
    const changes = [...diff.querySelectorAll<HTMLElement>('[data-testid="field-change"]')];
    expect(changes.map((change) => change.dataset.pointer)).toEqual(['/threshold', '/handoverMessage']);
    expect(changes[0]!.querySelector('.field-changes__before')?.textContent).toBe('5');
    expect(changes[0]!.querySelector('.field-changes__after')?.textContent).toBe('9');

    const older = revisions()[1]!;
    click(older.querySelector<HTMLButtonElement>('button')!);
    await waitFor(() => revisions().length === 3);
    expect(revisions()[0]!.dataset.source).toBe('restore');
    expect(aiResponseDraft(core, tenant.id)).toEqual(AI);
    await waitFor(() => document.body.textContent?.includes('is the draft again'));
  });

  it('compares the two versions chosen in “Compare from” and “Compare to”, by their time', async () => {
    const clock = manualClock();
    real = openRealCore({ clock: clock.now });
    const core = real.core;
    const tenant = core.services.tenants.create({ name: 'PT Tiga Versi' });
    for (const threshold of [3, 6, 9]) {
      core.services.documents.saveDraft({ tenantId: tenant.id, kind: 'ai_response', draft: { ...AI, threshold } });
      clock.advance(10_000);
    }
    app = await mountApp(real.client, { path: `/tenants/${tenant.id}/history` });
    await waitFor(() => revisions().length === 3);
    // The versions are offered by when they were made and what made them, as the table lists them.
    const [newest, , oldest] = revisions().map((row) => `${row.querySelector('th, td')!.textContent!.trim()} · Edited`);

    await chooseOption(getByLabel('Compare from'), oldest!);
    await chooseOption(getByLabel('Compare to'), newest!);
    click(getByRole('button', 'Compare'));
    const diff = await waitFor(() => document.querySelector<HTMLElement>('[data-testid="history-diff"]'));
    const threshold = diff.querySelector<HTMLElement>('[data-pointer="/threshold"]')!;
    expect(threshold.querySelector('.field-changes__before')?.textContent).toBe('3');
    expect(threshold.querySelector('.field-changes__after')?.textContent).toBe('9');

    // The same version on both sides: nothing to compare.
    await chooseOption(getByLabel('Compare from'), newest!);
    expect((getByRole('button', 'Compare') as HTMLButtonElement).disabled).toBe(true);
  });

  it('switches to another document and shows the (empty) publish log', async () => {
    real = openRealCore();
    const tenant = real.core.services.tenants.create({ name: 'PT Kosong' });
    real.core.services.documents.saveDraft({ tenantId: tenant.id, kind: 'ai_response', draft: AI });
    app = await mountApp(real.client, { path: `/tenants/${tenant.id}/history` });
    await waitFor(() => revisions().length === 1);
    await waitFor(() => document.querySelector('[data-testid="publish-log-empty"]'));

    await chooseOption(getByLabel('Setting'), 'Idle Action');
    await waitFor(() => document.querySelector('[data-testid="history-empty"]'));
    expect(revisions()).toHaveLength(0);
  });
});
