import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aiResponseDraft, openRealCore, type RealCore } from '../../../support/renderer/real-core';
import { mountApp, type MountedApp } from '../../../support/renderer/mount-app';
import { click, getByLabel, getByRole, queryAllByRole, type, waitFor } from '../../../support/renderer/dom';

let real: RealCore;
let app: MountedApp | null = null;
let tenantId: string;

beforeEach(() => {
  real = openRealCore();
  tenantId = real.core.services.tenants.create({ name: 'Acme' }).id;
});
afterEach(async () => {
  app?.unmount();
  app = null;
  await real.close();
});

const banner = () => document.querySelector<HTMLElement>('[data-testid="draft-banner"]');

describe('discard draft', () => {
  it('shows the draft banner after a save and, once confirmed, returns the form to the defaults', async () => {
    app = await mountApp(real.client, { path: `/tenants/${tenantId}/ai-response` });
    const threshold = await waitFor(() => getByLabel('Threshold'));
    expect(banner()).toBeNull();

    type(threshold, '42');
    await waitFor(() => banner());
    expect(aiResponseDraft(real.core, tenantId).threshold).toBe(42);

    click(getByRole('button', 'Discard draft', banner()!));
    const alert = await waitFor(() => getByRole('alertdialog'));
    expect(alert.textContent).toContain('AI Response');
    click(getByRole('button', 'Discard draft', alert));

    await waitFor(() => getByLabel('Threshold').value === '10');
    await waitFor(() => banner() === null);
    expect(queryAllByRole('alertdialog')).toHaveLength(0);
    const view = real.core.services.documents.get(tenantId, 'ai_response');
    expect(view.dirty).toBe(false);
    expect(aiResponseDraft(real.core, tenantId).threshold).toBe(10);

    // The reset form is not saved again as a new draft.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(real.core.services.documents.get(tenantId, 'ai_response').dirty).toBe(false);
  });

  it('keeps the draft when the confirmation is cancelled', async () => {
    real.core.services.documents.saveDraft({
      tenantId,
      kind: 'ai_response',
      draft: { threshold: 7, onThreshold: 'any_available_agent', divisionId: null, agentId: null, handoverMessage: '' },
    });
    app = await mountApp(real.client, { path: `/tenants/${tenantId}/ai-response` });
    await waitFor(() => banner());
    expect(getByLabel('Threshold').value).toBe('7');

    click(getByRole('button', 'Discard draft', banner()!));
    click(getByRole('button', 'Cancel', await waitFor(() => getByRole('alertdialog'))));
    await waitFor(() => queryAllByRole('alertdialog').length === 0);
    expect(getByLabel('Threshold').value).toBe('7');
    expect(aiResponseDraft(real.core, tenantId).threshold).toBe(7);
  });
});
