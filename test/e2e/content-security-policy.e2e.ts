import { openApiIntegration, openAddForm, jsonEditor, setEditorText } from '../support/e2e/api-integration-ui';
import { expect, test } from '../support/e2e/fixtures';
import { createSeededTenant } from '../support/e2e/seed-catalog';
import { addTenant, openApp, openArea, openTenant, pick, radio } from '../support/e2e/ui';

// The page's policy allows no inline style: CodeMirror's <style> elements carry the page's nonce,
// and everything else styles through the app's CSS files and the CSSOM. The `cspViolations`
// fixture fails the test on any refusal; this walk goes through what styles itself at run time.

test('the page gets a fresh nonce each time, the same in its header and its markup, and no unsafe-inline', async ({ page, host }) => {
  const url = await host.start();
  const nonces: string[] = [];
  for (let i = 0; i < 2; i++) {
    const response = i === 0 ? await page.goto(url) : await page.reload();
    const policy = (await response!.allHeaders())['content-security-policy'] ?? '';
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).toContain("style-src-attr 'none'");
    const nonce = /style-src 'self' 'nonce-([A-Za-z0-9_-]+)'/.exec(policy)?.[1];
    expect(nonce).toBeDefined();
    expect(await page.locator('meta[property="csp-nonce"]').evaluate((meta) => (meta as unknown as { nonce: string }).nonce)).toBe(nonce);
    nonces.push(nonce!);
  }
  expect(nonces[0]).not.toBe(nonces[1]);
});

test('the list, dialogs, pickers and the code editor work and are styled without any inline style being refused', async ({ page, host, cspViolations }) => {
  createSeededTenant(host.dataDir, 'PT Gaya Aman');
  await openApp(page, await host.start());
  await addTenant(page, 'CV Tanpa Inline');

  // the switcher's dialog
  await page.keyboard.press('Control+k');
  const switcher = page.getByRole('dialog');
  await expect(switcher).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(switcher).toBeHidden();

  await openTenant(page, 'PT Gaya Aman');
  const aiResponse = page.getByRole('form', { name: 'AI Response' });
  await radio(aiResponse, 'When the threshold is reached', 'Specific division').click();
  const division = aiResponse.getByRole('combobox', { name: 'Division' });
  await pick(page, division, (await optionNames(page, division))[0]!);

  const idle = await openArea(page, 'Idle Action');
  await radio(idle, 'When the customer stops replying', 'Assign conversation').click();

  await openApiIntegration(page);
  const form = await openAddForm(page);
  const settings = jsonEditor(form, 'Settings');
  await setEditorText(settings, '{"owner_email": ');
  // CodeMirror's own stylesheet is in force (it makes the editor a flex column), so its <style> was accepted.
  await expect(form.locator('.cm-editor').first()).toHaveCSS('display', 'flex');
  await expect(form.locator('.cm-lint-marker, .cm-lintRange').first()).toBeAttached();
  expect(cspViolations).toEqual([]);
});

async function optionNames(page: import('@playwright/test').Page, combobox: import('@playwright/test').Locator): Promise<string[]> {
  await combobox.click();
  const names = await page.getByRole('listbox').getByRole('option').allTextContents();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('listbox')).toBeHidden();
  return names.map((name) => name.trim()).filter((name) => name !== '');
}
