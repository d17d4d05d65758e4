import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CATALOG, aiResponseDraft, openRealCore, type RealCore } from '../../../support/renderer/real-core';
import { mountApp, type MountedApp } from '../../../support/renderer/mount-app';
import { chooseOption, click, describedText, getByLabel, getByRole, type, waitFor } from '../../../support/renderer/dom';

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

const saveStatus = () => document.querySelector('[data-testid="save-status"]')?.textContent?.trim() ?? '';
const stored = () => real.core.services.documents.get(tenantId, 'ai_response');

async function openAiResponse() {
  app = await mountApp(real.client, { path: `/tenants/${tenantId}/ai-response` });
  await waitFor(() => getByLabel('Threshold'));
}

describe('AI Response form', () => {
  it('shows the tenant, its areas, and the fields with their labels and defaults', async () => {
    await openAiResponse();
    expect(getByRole('heading', 'Acme')).toBeTruthy();
    expect(getByRole('link', 'AI Response').getAttribute('aria-current')).toBe('page');
    expect(getByRole('link', 'Idle Action')).toBeTruthy();
    expect(getByRole('link', 'API Integration').getAttribute('aria-current')).toBeNull();
    expect(getByLabel('Threshold').value).toBe('10');
    expect(describedText(getByLabel('Threshold'))).toContain('1–100, default 10');
    expect(getByRole('radio', 'Continue with the bot').getAttribute('aria-checked')).toBe('true');
    for (const mode of ['Any available agent', 'Specific division', 'Specific agent']) expect(getByRole('radio', mode)).toBeTruthy();
    expect(getByRole('radiogroup', 'When the threshold is reached')).toBeTruthy();
  });

  it('checks the radio an arrow key moves to, even when the key is let go at once', async () => {
    await openAiResponse();
    const start = getByRole('radio', 'Continue with the bot');
    start.focus();
    // Pressed and released in one go, as assistive tools and scripted input do.
    const pressAndRelease = (element: HTMLElement, key: string) => {
      element.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
      element.dispatchEvent(new KeyboardEvent('keyup', { key, bubbles: true, cancelable: true }));
    };

    pressAndRelease(start, 'ArrowDown');
    const next = getByRole('radio', 'Any available agent');
    await waitFor(() => document.activeElement === next);
    await waitFor(() => next.getAttribute('aria-checked') === 'true');
    expect(start.getAttribute('aria-checked')).toBe('false');
    await waitFor(() => aiResponseDraft(real.core, tenantId).onThreshold === 'any_available_agent');

    pressAndRelease(next, 'ArrowUp');
    await waitFor(() => document.activeElement === start && start.getAttribute('aria-checked') === 'true');

    // Focus that no arrow key moved (a Tab or a click elsewhere) does not check.
    getByRole('radio', 'Specific agent').focus();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(start.getAttribute('aria-checked')).toBe('true');
  });

  it('requires a division for Specific division: aria-invalid, described error, nothing saved', async () => {
    real.core.services.catalog.replace(tenantId, CATALOG);
    await openAiResponse();

    click(getByRole('radio', 'Specific division'));
    const picker = await waitFor(() => getByLabel<HTMLButtonElement>('Division'));
    const group = getByRole('radiogroup', 'When the threshold is reached');
    // Choosing the mode paints nothing red: the picker's error waits until the user asks for it.
    await waitFor(() => saveStatus() === 'Not saved yet: some fields are incomplete');
    expect(picker.getAttribute('aria-invalid')).toBeNull();
    click(getByRole('button', 'Show what to fix'));
    await waitFor(() => picker.getAttribute('aria-invalid') === 'true');
    await waitFor(() => document.activeElement === picker);
    expect(describedText(picker)).toContain('Choose a division.');
    expect(group.getAttribute('aria-invalid')).toBeNull();
    expect(saveStatus()).toBe('Not saved: fix the highlighted fields');

    await new Promise((resolve) => setTimeout(resolve, 400)); // past the autosave delay
    expect(real.saves.count).toBe(0);
    expect(stored().isDefault).toBe(true);
    expect(aiResponseDraft(real.core, tenantId).onThreshold).toBe('continue_with_bot');
  });

  it('saves after the debounce once a division is picked, and the core has it', async () => {
    real.core.services.catalog.replace(tenantId, CATALOG);
    await openAiResponse();

    click(getByRole('radio', 'Specific division'));
    const picker = await waitFor(() => getByLabel<HTMLButtonElement>('Division'));
    await chooseOption(picker, 'Support');
    await waitFor(() => picker.getAttribute('aria-invalid') === null);
    expect(picker.textContent).toContain('Support');

    type(getByLabel('Handover message'), 'An agent will be with you shortly.');
    await waitFor(() => saveStatus() === 'Saved as draft', 3000);
    expect(stored().draft).toMatchObject({
      onThreshold: 'specific_division',
      divisionId: 'div-support',
      handoverMessage: 'An agent will be with you shortly.',
    });
    expect(real.saves.maxInFlight).toBe(1);
    await waitFor(() => document.querySelector('[data-testid="draft-banner"]'));
    expect(document.querySelector('[data-testid="draft-banner"]')?.textContent).toContain('Draft — not yet published');
  });

  it('says there is no catalog yet when the tenant never synced', async () => {
    await openAiResponse();
    click(getByRole('radio', 'Specific agent'));
    const picker = await waitFor(() => getByLabel<HTMLButtonElement>('Agent'));
    expect(picker.hasAttribute('disabled')).toBe(true);
    expect(describedText(picker)).toContain('No catalog yet: it is filled when the tenant syncs.');
    expect(describedText(picker)).not.toContain('Choose an agent.');
    click(await waitFor(() => getByRole('button', 'Show what to fix')));
    await waitFor(() => describedText(picker).includes('Choose an agent.'));
    expect(describedText(picker)).toContain('Choose an agent.');
  });

  it('rejects thresholds out of range or fractional, and keeps the bad value in the field', async () => {
    await openAiResponse();
    const threshold = getByLabel('Threshold');
    for (const bad of ['0', '-3', '2.5', '1000']) {
      type(threshold, bad);
      await waitFor(() => threshold.getAttribute('aria-invalid') === 'true');
      expect(describedText(threshold)).toContain('Threshold must be a whole number from 1 to 100.');
      expect(threshold.value).toBe(bad);
    }
    type(threshold, '25');
    await waitFor(() => saveStatus() === 'Saved as draft');
    expect(aiResponseDraft(real.core, tenantId).threshold).toBe(25);
  });

  it('names a referenced agent the catalog no longer has', async () => {
    real.core.services.catalog.replace(tenantId, CATALOG);
    real.core.services.documents.saveDraft({
      tenantId,
      kind: 'ai_response',
      draft: { threshold: 10, onThreshold: 'specific_agent', divisionId: null, agentId: 'agent-ana', handoverMessage: '' },
    });
    real.core.services.catalog.replace(tenantId, { divisions: CATALOG.divisions, agents: [CATALOG.agents[1]!] });
    await openAiResponse();

    const picker = await waitFor(() => getByLabel<HTMLButtonElement>('Agent'));
    await waitFor(() => picker.getAttribute('aria-invalid') === 'true');
    expect(describedText(picker)).toContain('Agent “Ana Putri” is no longer in the catalog.');
  });

  it('keeps invalid values when the user leaves the page and comes back', async () => {
    await openAiResponse();
    type(getByLabel('Threshold'), '0');
    await waitFor(() => getByLabel('Threshold').getAttribute('aria-invalid') === 'true');

    click(getByRole('link', 'Idle Action'));
    await waitFor(() => getByRole('radio', 'Resolve conversation'));
    click(getByRole('link', 'AI Response'));
    const threshold = await waitFor(() => getByLabel('Threshold'));
    expect(threshold.value).toBe('0');
    await waitFor(() => threshold.getAttribute('aria-invalid') === 'true');
    expect(real.saves.count).toBe(0);
  });

  it('shows the not-found view for an unknown tenant', async () => {
    app = await mountApp(real.client, { path: '/tenants/6f1c2f5e-1a2b-4c3d-8e9f-0a1b2c3d4e5f/ai-response' });
    await waitFor(() => getByRole('heading', 'Tenant not found'));
  });
});
