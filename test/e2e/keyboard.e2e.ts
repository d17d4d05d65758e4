import type { Locator, Page } from '@playwright/test';
import { test, expect } from '../support/e2e/fixtures';
import { createSeededTenant } from '../support/e2e/seed-catalog';
import { expectNoFieldError, openApp, openTenant, radio, waitForDraftSave, expectSavedStatus } from '../support/e2e/ui';

const WHEN_REACHED = 'When the threshold is reached';

interface FocusStyle {
  focusVisible: boolean;
  outlineStyle: string;
  outlineWidth: string;
  boxShadow: string;
}

/** The focused element must match :focus-visible and draw something: an outline or a box shadow. */
async function expectVisibleFocus(page: Page): Promise<void> {
  const focused = page.locator(':focus');
  await expect(focused).toHaveCount(1);
  const style = await focused.evaluate((element): FocusStyle => {
    // Runs in the page; this project's node-side types have no DOM, hence the narrow casts.
    const view = globalThis as unknown as { getComputedStyle(target: unknown): { outlineStyle: string; outlineWidth: string; boxShadow: string } };
    const css = view.getComputedStyle(element);
    return {
      focusVisible: (element as unknown as { matches(selector: string): boolean }).matches(':focus-visible'),
      outlineStyle: css.outlineStyle,
      outlineWidth: css.outlineWidth,
      boxShadow: css.boxShadow,
    };
  });
  expect(style.focusVisible, 'the focus came from the keyboard').toBe(true);
  const outline = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow !== 'none' && style.boxShadow !== '';
  expect(outline || shadow, `a visible focus style (outline ${style.outlineStyle} ${style.outlineWidth}, box-shadow ${style.boxShadow})`).toBe(true);
}

/** Presses Tab until the focused element is `target` (at most `max` times). */
async function tabTo(page: Page, target: Locator, max = 15): Promise<number> {
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((element) => element === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement)) {
      return presses;
    }
  }
  throw new Error(`Tab did not reach the element in ${max} presses`);
}

/** Moves through a radio group with an arrow key, pressed and let go: the newly focused radio is chosen. */
async function arrowTo(page: Page, key: 'ArrowDown' | 'ArrowUp', target: Locator): Promise<void> {
  await page.keyboard.press(key);
  await expect(target).toBeFocused();
  await expect(target).toBeChecked();
}

test('the AI Response form is reachable and usable with Tab, arrows and Space, with a visible focus', async ({ page, host }) => {
  createSeededTenant(host.dataDir, 'Toko Maju');
  await openApp(page, await host.start());
  await openTenant(page, 'Toko Maju');
  // Start from the top of a freshly loaded page, as someone who only has a keyboard would.
  await page.reload();
  const form = page.getByRole('form', { name: 'AI Response' });
  await expect(form).toBeVisible();

  // Threshold: reached with Tab, raised with the arrow key.
  const threshold = form.getByRole('spinbutton', { name: 'Threshold' });
  // From the top of the page: the header's tools, the sync panel's actions and the areas come first.
  await tabTo(page, threshold, 30);
  await expectVisibleFocus(page);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(threshold).toHaveValue('12');

  // The radio group: one Tab stop; arrows move and choose.
  await page.keyboard.press('Tab');
  await expect(radio(form, WHEN_REACHED, 'Continue with the bot')).toBeFocused();
  await expectVisibleFocus(page);
  await arrowTo(page, 'ArrowDown', radio(form, WHEN_REACHED, 'Any available agent'));
  await arrowTo(page, 'ArrowDown', radio(form, WHEN_REACHED, 'Specific division'));
  await arrowTo(page, 'ArrowDown', radio(form, WHEN_REACHED, 'Specific agent'));
  await arrowTo(page, 'ArrowUp', radio(form, WHEN_REACHED, 'Specific division'));
  await expect(radio(form, WHEN_REACHED, 'Specific division')).toBeFocused();
  await expectVisibleFocus(page);

  // The division picker: Tab to it, Space opens it, arrows move, Space chooses.
  const division = form.getByRole('combobox', { name: 'Division' });
  // Choosing the mode paints nothing red: the picker is not marked before the user visited it.
  await expectNoFieldError(division);
  await page.keyboard.press('Tab');
  await expect(division).toBeFocused();
  await expectVisibleFocus(page);
  const saved = waitForDraftSave(page, 'ai_response', { threshold: 12, onThreshold: 'specific_division', divisionId: 'div-support' });
  await page.keyboard.press('Space');
  const listbox = page.getByRole('listbox');
  await expect(listbox).toBeVisible();
  await expect(listbox.getByRole('option', { name: 'Sales' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(listbox.getByRole('option', { name: 'Customer Support' })).toBeFocused();
  await page.keyboard.press('Space');
  await expect(listbox).toBeHidden();
  await expect(division).toHaveText(/Customer Support/);
  await expect(division).toBeFocused(); // the focus returns to the picker
  await saved;
  await expectSavedStatus(page);

  // On to the handover message, which takes typing like any text field.
  await page.keyboard.press('Tab');
  const handover = form.getByRole('textbox', { name: 'Handover message' });
  await expect(handover).toBeFocused();
  await expectVisibleFocus(page);
  const savedMessage = waitForDraftSave(page, 'ai_response', { handoverMessage: 'Mohon tunggu' });
  await page.keyboard.type('Mohon tunggu');
  await savedMessage;
  await expectSavedStatus(page);
});
