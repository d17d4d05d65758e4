import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CATALOG, openRealCore, type RealCore } from '../../../support/renderer/real-core';
import { mountApp, type MountedApp } from '../../../support/renderer/mount-app';
import { chooseOption, click, describedText, getByLabel, getByRole, queryByLabel, type, waitFor } from '../../../support/renderer/dom';

let real: RealCore;
let app: MountedApp | null = null;
let tenantId: string;

beforeEach(() => {
  real = openRealCore();
  tenantId = real.core.services.tenants.create({ name: 'Acme' }).id;
  real.core.services.catalog.replace(tenantId, CATALOG);
});
afterEach(async () => {
  app?.unmount();
  app = null;
  await real.close();
});

const saveStatus = () => document.querySelector('[data-testid="save-status"]')?.textContent?.trim() ?? '';
const stored = () => real.core.services.documents.get(tenantId, 'idle_action');

async function openIdleAction() {
  app = await mountApp(real.client, { path: `/tenants/${tenantId}/idle-action` });
  await waitFor(() => getByRole('radio', 'None'));
}

async function invalid(label: string): Promise<HTMLElement> {
  return waitFor(() => {
    const control = getByLabel<HTMLElement>(label);
    return control.getAttribute('aria-invalid') === 'true' ? control : null;
  });
}

/**
 * The total's error belongs to the whole `Customer idle time`: one element, shown once, that both
 * Hours and Minutes are invalid with and described by.
 */
function expectIdleTimeError(text: string): void {
  const hours = getByLabel('Hours');
  const minutes = getByLabel('Minutes');
  for (const control of [hours, minutes]) expect(control.getAttribute('aria-invalid')).toBe('true');
  const groupIds = (control: HTMLElement) =>
    (control.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => document.getElementById(id)?.textContent?.includes(text));
  expect(groupIds(hours)).toHaveLength(1);
  expect(groupIds(minutes)).toEqual(groupIds(hours));
  expect(document.body.textContent?.split(text).length).toBe(2); // shown once
}

describe('Idle Action form', () => {
  it('hides the idle time and message for None, and shows them for the other actions', async () => {
    await openIdleAction();
    expect(getByRole('radio', 'None').getAttribute('aria-checked')).toBe('true');
    expect(queryByLabel('Hours')).toBeNull();
    expect(queryByLabel('Closing message')).toBeNull();

    click(getByRole('radio', 'Resolve conversation'));
    await waitFor(() => getByLabel('Hours'));
    expect(getByLabel('Minutes')).toBeTruthy();
    expect(getByLabel('Closing message')).toBeTruthy();
    const legends = [...document.querySelectorAll('legend')].map((legend) => legend.textContent?.trim());
    expect(legends).toContain('Customer idle time');
    expect(document.body.textContent).not.toContain('Assign to');
  });

  it('refuses 0 h 0 min, minutes of 60, and a whitespace-only closing message; saves nothing', async () => {
    await openIdleAction();
    click(getByRole('radio', 'Resolve conversation'));
    await waitFor(() => getByLabel('Hours'));

    // Defaults are 0 h 0 min and no message: nothing is red until the user asks what to fix.
    await waitFor(() => saveStatus() === 'Not saved yet: some fields are incomplete');
    expect(getByLabel('Hours').getAttribute('aria-invalid')).toBeNull();
    expect(getByLabel('Closing message').getAttribute('aria-invalid')).toBeNull();
    click(getByRole('button', 'Show what to fix'));
    // Then both errors show at once.
    const hours = await invalid('Hours');
    expect(describedText(hours)).toContain('Customer idle time must be more than 0 minutes.');
    expectIdleTimeError('Customer idle time must be more than 0 minutes.');
    const message = await invalid('Closing message');
    expect(describedText(message)).toContain('Closing message is required.');

    type(getByLabel('Minutes'), '60');
    const minutes = getByLabel('Minutes');
    await waitFor(() => describedText(minutes).includes('Minutes must be a whole number from 0 to 59.'));
    expect(minutes.getAttribute('aria-invalid')).toBe('true');
    // 60 minutes is more than 0: the group's error is gone, and Hours with it.
    await waitFor(() => getByLabel('Hours').getAttribute('aria-invalid') === null);
    expect(describedText(minutes)).not.toContain('Customer idle time');

    type(getByLabel('Closing message'), '   ');
    await waitFor(() => describedText(getByLabel('Closing message')).includes('This message cannot be only spaces.'));

    expect(saveStatus()).toBe('Not saved: fix the highlighted fields');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(real.saves.count).toBe(0);
    expect(stored().isDefault).toBe(true);
  });

  it('refuses an idle time over 168 hours', async () => {
    await openIdleAction();
    click(getByRole('radio', 'Resolve conversation'));
    type(await waitFor(() => getByLabel('Hours')), '168');
    type(getByLabel('Minutes'), '1');
    await waitFor(() => describedText(getByLabel('Hours')).includes('Customer idle time can be at most 168 hours.'));
    expectIdleTimeError('Customer idle time can be at most 168 hours.');

    // An error of Hours' own stays on Hours; the group's waits until Hours is a number of hours again.
    type(getByLabel('Hours'), '169');
    await waitFor(() => describedText(getByLabel('Hours')).includes('Hours must be a whole number from 0 to 168.'));
    expect(getByLabel('Minutes').getAttribute('aria-invalid')).toBeNull();
    type(getByLabel('Hours'), '167');
    await waitFor(() => getByLabel('Hours').getAttribute('aria-invalid') === null);
    expect(getByLabel('Minutes').getAttribute('aria-invalid')).toBeNull();
  });

  it('saves a valid assignment to an agent, with the picker and closing message', async () => {
    await openIdleAction();
    click(getByRole('radio', 'Assign conversation'));
    await waitFor(() => getByRole('radiogroup', 'Assign to'));
    expect(getByRole('radio', 'Auto').getAttribute('aria-checked')).toBe('true');

    click(getByRole('radio', 'Agent'));
    const picker = await waitFor(() => getByRole('combobox', 'Agent'));
    expect(picker.getAttribute('aria-invalid')).toBeNull();
    // Leaving the picker without choosing shows what it needs.
    picker.focus();
    picker.dispatchEvent(new FocusEvent('focusout', { bubbles: true, relatedTarget: getByLabel('Hours') }));
    await waitFor(() => picker.getAttribute('aria-invalid') === 'true');
    expect(describedText(picker)).toContain('Choose an agent.');
    await chooseOption(picker, 'Budi Santoso');

    type(getByLabel('Hours'), '1');
    type(getByLabel('Minutes'), '30');
    type(getByLabel('Closing message'), 'We will follow up soon.');
    await waitFor(() => saveStatus() === 'Saved as draft');
    expect(stored().draft).toEqual({
      action: 'assign_conversation',
      idleHours: 1,
      idleMinutes: 30,
      assignTo: 'agent',
      divisionId: null,
      agentId: 'agent-budi',
      closingMessage: 'We will follow up soon.',
    });
    expect(real.saves.maxInFlight).toBe(1);
  });
});
