import { flushPromises } from '@vue/test-utils';

/** Waits until `check` passes (returns without throwing), turning the event loop meanwhile. */
export async function waitFor<T>(check: () => T, timeoutMs = 3000): Promise<Exclude<NonNullable<T>, false>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    await flushPromises();
    try {
      const result = check();
      if (result !== false && result !== undefined && result !== null) return result as Exclude<NonNullable<T>, false>;
      lastError = new Error('condition is still false');
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw lastError;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function text(element: Element): string {
  return (element.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The accessible name the way the tests use it: aria-label, else aria-labelledby, else text. */
function accessibleName(element: Element): string {
  const label = element.getAttribute('aria-label');
  if (label) return label;
  const labelledBy = element.getAttribute('aria-labelledby');
  if (labelledBy) {
    return labelledBy
      .split(' ')
      .map((id) => document.getElementById(id))
      .filter((node): node is HTMLElement => !!node)
      .map(text)
      .join(' ');
  }
  if (element.id) {
    const forLabel = document.querySelector(`label[for="${element.id}"]`);
    if (forLabel) return text(forLabel);
  }
  return text(element);
}

/** The control labelled exactly `name` (through `<label for>`). */
export function getByLabel<E extends HTMLElement = HTMLInputElement>(name: string): E {
  const labels = [...document.querySelectorAll('label')].filter((label) => text(label) === name);
  const controls = labels.map((label) => document.getElementById(label.htmlFor)).filter((node): node is HTMLElement => !!node);
  if (controls.length !== 1) throw new Error(`Expected one control labelled "${name}", found ${controls.length}`);
  return controls[0] as E;
}

export function queryByLabel(name: string): HTMLElement | null {
  try {
    return getByLabel<HTMLElement>(name);
  } catch {
    return null;
  }
}

const ROLE_SELECTORS: Record<string, string> = {
  button: 'button, [role="button"]',
  radio: '[role="radio"]',
  link: 'a[href]',
  combobox: '[role="combobox"]',
  option: '[role="option"]',
  alertdialog: '[role="alertdialog"]',
  dialog: '[role="dialog"]',
  heading: 'h1, h2, h3',
  status: '[role="status"]',
  radiogroup: '[role="radiogroup"]',
  navigation: 'nav, [role="navigation"]',
  textbox: 'input:not([type]), input[type="text"], input[type="url"], input[type="search"], textarea, [role="textbox"]',
};

export function queryAllByRole(role: string, name?: string | RegExp, within: ParentNode = document): HTMLElement[] {
  const selector = ROLE_SELECTORS[role] ?? `[role="${role}"]`;
  return [...within.querySelectorAll<HTMLElement>(selector)].filter((element) => {
    if (name === undefined) return true;
    const accessible = accessibleName(element);
    return typeof name === 'string' ? accessible === name : name.test(accessible);
  });
}

export function getByRole(role: string, name?: string | RegExp, within: ParentNode = document): HTMLElement {
  const found = queryAllByRole(role, name, within);
  if (found.length !== 1) throw new Error(`Expected one ${role} named ${String(name)}, found ${found.length}`);
  return found[0]!;
}

/** Types into an input or textarea the way a user does (value, then an input event). */
export function type(element: HTMLElement, value: string): void {
  (element as HTMLInputElement).value = value;
  element.dispatchEvent(new Event('input', { bubbles: true }));
}

export function click(element: HTMLElement): void {
  element.click();
}

export function keydown(element: HTMLElement, key: string): void {
  element.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
}

/** The text of the element(s) `aria-describedby` names. */
export function describedText(element: HTMLElement): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id))
    .map((node) => (node ? text(node) : '<missing>'))
    .join(' | ');
}

/** Chooses an option of a Reka Select with the keyboard, as a keyboard user would. */
export async function chooseOption(trigger: HTMLElement, optionName: string): Promise<void> {
  trigger.focus();
  keydown(trigger, 'Enter');
  const option = await waitFor(() => getByRole('option', optionName));
  keydown(option, 'Enter');
  await waitFor(() => trigger.getAttribute('aria-expanded') === 'false');
}

/** The one button whose whole text is `text` (throws when there is none or more than one). */
export function buttonByText(text: string, within: ParentNode = document): HTMLButtonElement {
  const found = [...within.querySelectorAll<HTMLButtonElement>('button')].filter((button) => button.textContent?.trim() === text);
  if (found.length !== 1) throw new Error(`expected one button "${text}", found ${found.length}`);
  return found[0]!;
}
