import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { storePaths } from '../../electron/core/store/store-paths';
import { expect, test as sandboxTest } from '../support/e2e/sandbox-fixture';
import { seriousViolations, type AxeFinding } from '../support/e2e/axe';
import { layoutProblems, type LayoutProblem } from '../support/e2e/layout';
import { hostRpc } from '../support/e2e/host-rpc';
import { readStoreKeychain } from '../support/e2e/store-keychain';
import { pick } from '../support/e2e/ui';

/**
 * Every main screen and dialog, in English and Bahasa Indonesia, light and dark, at 1280×800 and
 * 800×600: axe-core finds no serious or critical violation, no row, cell or button lets its content
 * spill out, and the primary actions are in view. A screenshot of each is saved to
 * test-results/screens/<screen>-<language>-<theme>-<size>.png for a person to look at.
 * One browser page walks through the app once per language on the real host and sandbox.
 */
const test = sandboxTest.extend<{ keychainCleanup: void }>({
  // The sign-in's session tokens stay in the keyring, which outlives the data directory.
  keychainCleanup: [
    async ({ host }, use) => {
      await use();
      await host.stop();
      if (existsSync(storePaths(host.dataDir).db)) await (await readStoreKeychain(host.dataDir)).clear();
    },
    { auto: true },
  ],
});
// axe-core is a script injected into the page: the app's CSP would refuse it.
test.use({ bypassCSP: true });

type Language = 'en' | 'id';
type Messages = Record<string, unknown>;

/**
 * The app's own locale files, loaded as modules at run time (they belong to the renderer's
 * TypeScript project, not to the tests'): the walk finds controls by the words the app shows.
 */
async function loadMessages(language: Language): Promise<Messages> {
  const file = resolve(import.meta.dirname, `../../renderer/src/i18n/locales/${language}/index.ts`);
  const module = (await import(pathToFileURL(file).href)) as Record<Language, Messages>;
  return module[language];
}
const THEMES = ['light', 'dark'] as const;
const SIZES = [
  { width: 1280, height: 800 },
  { width: 800, height: 600 },
] as const;
const SHOTS = resolve(import.meta.dirname, '../../test-results/screens');

/** A sandbox demo account (test/sandbox/README.md) with a CRM, deal settings and API connections. */
const ACME = { username: 'admin@acme-retail.test', password: 'acme-sandbox-1' };

/** The app's own text for `key` in `language` (so the walk follows the locale files). */
function text(messages: Messages, language: Language, key: string, values: Record<string, string | number> = {}): string {
  const found = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
  if (typeof found !== 'string') throw new Error(`no message ${key} in ${language}`);
  const single = found.includes(' | ') ? found.split(' | ').at(-1)! : found;
  return single.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

class ScreenCheck {
  readonly axe: AxeFinding[] = [];
  readonly layout: LayoutProblem[] = [];
  constructor(
    private readonly page: Page,
    private readonly language: Language,
  ) {}

  /** Checks and photographs the screen as it is now, in both themes and at both sizes. */
  async capture(screen: string): Promise<void> {
    for (const theme of THEMES) {
      await this.page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
      for (const size of SIZES) {
        await this.page.setViewportSize(size);
        await settle(this.page);
        const name = `${screen}-${this.language}-${theme}-${size.width}x${size.height}`;
        this.layout.push(...(await layoutProblems(this.page, name)));
        await this.page.screenshot({ path: join(SHOTS, `${name}.png`) });
        // Every rule in the light theme; the dark theme changes only colours: its contrast.
        if (size.width === SIZES[0].width) this.axe.push(...(await seriousViolations(this.page, name, theme === 'dark' ? ['color-contrast'] : undefined)));
      }
    }
    await this.page.emulateMedia({ colorScheme: 'light' });
    await this.page.setViewportSize(SIZES[0]);
  }
}

/** Two animation frames: the layout after a resize or a theme change has been painted. */
async function settle(page: Page): Promise<void> {
  await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
}

async function openList(page: Page): Promise<void> {
  await expect(page.locator('#tenants-heading')).toBeVisible();
  await expect(page.getByRole('main').getByText(/Loading…|Memuat…/)).toHaveCount(0);
}

/** Picks `option` in a picker that is either a Reka Select (combobox) or a native select. */
async function choose(page: Page, control: Locator, option: string): Promise<void> {
  if ((await control.evaluate((element) => (element as unknown as { tagName: string }).tagName)) === 'SELECT') {
    await control.selectOption({ label: option });
    return;
  }
  await control.click();
  await page.getByRole('listbox').getByRole('option', { name: option, exact: true }).click();
  await expect(page.getByRole('listbox')).toBeHidden();
}

/** Another admin's edit of the AI response, straight on the backend (for a conflict). */
async function changeOnBackend(baseUrl: string, value: Record<string, unknown>): Promise<void> {
  const token = (await (
    await fetch(`${baseUrl}/oauth/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ grant_type: 'password', ...ACME }) })
  ).json()) as { access_token: string };
  const auth = { Authorization: `Bearer ${token.access_token}` };
  const current = await fetch(`${baseUrl}/chatbot/settings/ai-response`, { headers: auth });
  const put = await fetch(`${baseUrl}/chatbot/settings/ai-response`, {
    method: 'PUT',
    headers: { ...auth, 'Content-Type': 'application/json', 'If-Match': current.headers.get('etag')! },
    body: JSON.stringify(value),
  });
  expect(put.status).toBe(200);
}

/**
 * How many tenant rows the list shows at once: the grid's height in view below its column
 * headers, in rows (whatever number of tenants there is to fill them).
 */
function rowsThatFit(page: Page): Promise<number> {
  return page.evaluate(`(() => {
    const grid = document.querySelector('[role="grid"]');
    const head = grid.querySelector('[role="rowgroup"]').getBoundingClientRect();
    const row = grid.querySelector('[data-testid="tenant-row"]').getBoundingClientRect();
    const bottom = Math.min(grid.getBoundingClientRect().bottom, window.innerHeight);
    return Math.floor((bottom - head.bottom) / row.height);
  })()`) as Promise<number>;
}

/**
 * How many lines the app header takes: its brand, switcher and each tool grouped by where their
 * middles sit (one line when they all share a middle, give or take a few pixels).
 */
function headerLines(page: Page): Promise<number> {
  return page.evaluate(`(() => {
    const parts = [...document.querySelectorAll('.app-header > *, .app-header__tools > *')].filter((part) => part.getBoundingClientRect().height > 0);
    const middles = parts.map((part) => { const box = part.getBoundingClientRect(); return box.top + box.height / 2; }).sort((a, b) => a - b);
    return middles.filter((middle, index) => index === 0 || middle - middles[index - 1] > 6).length;
  })()`) as Promise<number>;
}

/** At 800×600 the list keeps most of the window for its rows: at least this many. */
const MIN_ROWS_AT_800X600 = 9;

function focusedIsBody(page: Page): Promise<boolean> {
  return page.evaluate('document.activeElement === null || document.activeElement === document.body') as Promise<boolean>;
}

for (const language of ['en', 'id'] as const) {
  test(`every screen and dialog in ${language === 'en' ? 'English' : 'Bahasa Indonesia'}: axe-core, layout and screenshots`, async ({ page, host, sandbox }) => {
    test.setTimeout(180_000);
    mkdirSync(SHOTS, { recursive: true });
    const messages = await loadMessages(language);
    const m = (key: string, values?: Record<string, string | number>) => text(messages, language, key, values);
    const check = new ScreenCheck(page, language);
    await page.addInitScript(`window.localStorage.setItem('chatbot-settings.locale', '${language}')`);
    await page.setViewportSize(SIZES[0]);

    // ---- the tenant list: empty, the Add tenant dialog, then with tenants
    await page.goto(await host.start());
    await openList(page);
    await check.capture('tenant-list-empty');

    await page.getByRole('button', { name: m('tenants.add'), exact: true }).first().click();
    const addDialog = page.getByRole('dialog', { name: m('tenants.addDialog.title') });
    await addDialog.getByLabel(m('tenants.fields.name')).fill('Acme Retail');
    // This tenant speaks the sandbox's settings API (the form proposes Qontak).
    await pick(page, addDialog.getByLabel(m('backends.kind.label')), m('backends.kind.settings_api'));
    await addDialog.getByLabel(m('tenants.fields.backendUrl')).fill(sandbox.baseUrl);
    await check.capture('add-tenant');
    await addDialog.getByRole('button', { name: m('tenants.addDialog.submit'), exact: true }).click();
    await expect(addDialog).toBeHidden();
    for (const name of ['Borneo Travel', 'Cendana Clinic', 'Dapur Nusantara Catering dan Katering Pernikahan Jakarta Selatan']) {
      await hostRpc(host, 'tenants.create', { name, backendUrl: null });
    }
    await page.reload();
    await openList(page);
    await expect(page.getByTestId('tenant-row')).toHaveCount(4);
    await check.capture('tenant-list');
    await page.setViewportSize(SIZES[1]);
    await settle(page);
    expect(await rowsThatFit(page), 'tenant rows in view at 800×600').toBeGreaterThanOrEqual(MIN_ROWS_AT_800X600);
    expect(await headerLines(page), 'app header lines at 800×600').toBe(1);
    // Every filter stays reachable there: folded behind "Filters", one click away.
    const filtersToggle = page.getByTestId('filters-toggle');
    const tagFilter = page.getByRole('combobox', { name: m('tenants.filters.tag'), exact: true });
    await expect(tagFilter).toBeHidden();
    await filtersToggle.click();
    await expect(tagFilter).toBeVisible();
    await check.capture('tenant-list-filters');
    await page.setViewportSize(SIZES[1]);
    await filtersToggle.click();
    await expect(tagFilter).toBeHidden();
    // With room, the filters are always in view.
    await page.setViewportSize(SIZES[0]);
    await expect(tagFilter).toBeVisible();

    // ---- the switcher (Ctrl+K)
    await page.keyboard.press('Control+k');
    const switcher = page.getByTestId('tenant-switcher');
    await expect(switcher).toBeVisible();
    await check.capture('switcher');
    await page.keyboard.press('Escape');
    await expect(switcher).toBeHidden();

    // ---- tags and apply to many, on selected tenants
    await page.getByRole('checkbox', { name: m('tenants.row.select', { name: 'Borneo Travel' }), exact: true }).check();
    await page.getByRole('checkbox', { name: m('tenants.row.select', { name: 'Cendana Clinic' }), exact: true }).check();
    const bar = page.getByRole('toolbar', { name: m('tenants.bulk.label') });
    await bar.getByRole('button', { name: m('tenants.bulk.addTags') }).click();
    const tagsDialog = page.getByRole('dialog');
    await expect(tagsDialog).toBeVisible();
    await check.capture('tags');
    await page.keyboard.press('Escape');
    await expect(tagsDialog).toBeHidden();

    await bar.getByRole('button', { name: m('tenants.bulk.apply') }).click();
    const apply = page.getByTestId('apply-dialog');
    await choose(page, apply.getByLabel(m('apply.source'), { exact: true }), 'Acme Retail');
    await apply.getByRole('radio', { name: m('apply.kinds.ai_response'), exact: true }).check();
    await apply.getByRole('button', { name: m('apply.preview'), exact: true }).click();
    await expect(apply.getByTestId('apply-target')).toHaveCount(2);
    await apply.getByTestId('apply-target').first().getByRole('button', { name: m('apply.showChanges') }).click();
    await check.capture('apply-to-many');
    await page.keyboard.press('Escape');
    await expect(apply).toBeHidden();

    // ---- import: an export file that changes settings, and a CSV with a rejected row
    const exported = await hostRpc(host, 'transfer.export', { tenantIds: (await hostRpc(host, 'tenants.list', {})).map((tenant) => tenant.id) });
    const file = JSON.parse(exported.text) as { tenants: Array<Record<string, unknown> & { name: string; settings?: Record<string, unknown> }> };
    file.tenants[0]!.name = 'Acme Retail (copy)';
    for (const tenant of file.tenants.slice(1)) {
      const settings = (tenant.settings ?? {}) as { aiResponse?: Record<string, unknown> | null };
      if (settings.aiResponse) settings.aiResponse = { ...settings.aiResponse, threshold: 42, onThreshold: 'specific_agent', agentId: 'agt-siti' };
    }
    await page.getByRole('button', { name: m('transfer.import.open') }).click();
    const importDialog = page.getByRole('dialog', { name: m('transfer.import.title') });
    await importDialog.getByLabel(m('transfer.import.file')).setInputFiles({ name: 'export.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    await expect(importDialog.getByTestId('import-counts')).toBeVisible();
    await check.capture('import-json');
    await page.keyboard.press('Escape');
    await expect(importDialog).toBeHidden();

    await page.getByRole('button', { name: m('transfer.csv.open') }).click();
    const csvDialog = page.getByRole('dialog', { name: m('transfer.csv.title') });
    const csv = ['name,Backend URL,tags', '"PT Jaya, Tbk",https://chat.jaya.example/api/open/v1,"vip; Jakarta"', 'Salah Url,ftp://files.example,', 'Borneo Travel,,', 'Toko Dua,,medan'].join('\r\n');
    await csvDialog.getByLabel(m('transfer.csv.file')).setInputFiles({ name: 'tenants.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect(csvDialog.getByTestId('csv-counts')).toBeVisible();
    await check.capture('import-csv');
    await page.keyboard.press('Escape');
    await expect(csvDialog).toBeHidden();

    // ---- the workspace: opening a tenant moves the focus to its heading
    await page.getByRole('link', { name: 'Acme Retail', exact: true }).click();
    const heading = page.getByRole('heading', { level: 1, name: 'Acme Retail', exact: true });
    await expect(heading).toBeFocused();
    const panel = page.getByTestId('sync-panel');
    await expect(page.getByRole('form', { name: m('aiResponse.title') })).toBeVisible();
    await check.capture('ai-response');

    // ---- sign in: the dialog, then the focus lands on the sync panel
    await panel.getByRole('button', { name: m('sync.signIn'), exact: true }).click();
    const signIn = page.getByRole('dialog', { name: m('sync.signInDialog.title') });
    await signIn.getByLabel(m('sync.signInDialog.username')).fill(ACME.username);
    await check.capture('sign-in');
    await signIn.getByLabel(m('sync.signInDialog.password')).fill(ACME.password);
    await signIn.getByRole('button', { name: m('sync.signInDialog.submit'), exact: true }).click();
    await expect(signIn).toBeHidden();
    await expect(panel).toBeFocused();
    const pulled = page.waitForResponse((response) => response.url().endsWith('/rpc/sync.pull'));
    await panel.getByRole('button', { name: m('sync.pull'), exact: true }).click();
    await pulled;
    await expect(panel.getByRole('button', { name: m('sync.pull'), exact: true })).toBeEnabled();
    await check.capture('sync-panel');

    // ---- switching areas moves the focus to the area's heading
    const nav = page.getByRole('navigation', { name: m('workspace.nav') });
    await nav.getByRole('link', { name: m('idleAction.title'), exact: true }).click();
    const idle = page.getByRole('form', { name: m('idleAction.title') });
    await expect(idle.getByRole('heading', { level: 2 })).toBeFocused();
    await idle.getByRole('radio', { name: m('idleAction.actions.resolve_conversation'), exact: true }).click();
    await expect(idle.getByRole('spinbutton').first()).toBeVisible();
    await check.capture('idle-action');

    await nav.getByRole('link', { name: m('apiIntegration.title'), exact: true }).click();
    await expect(page.getByRole('heading', { level: 2, name: m('apiIntegration.title'), exact: true })).toBeFocused();
    await check.capture('api-integration');
    await page.getByRole('button', { name: m('apiIntegration.add'), exact: true }).first().click();
    await expect(page.getByRole('form').first()).toBeVisible();
    await check.capture('api-connection-form');

    await nav.getByRole('link', { name: m('crm.title'), exact: true }).click();
    const crm = page.getByRole('region', { name: m('crm.title') });
    await expect(crm.getByTestId('deal-setting-row').first()).toBeVisible();
    await check.capture('crm-integration');
    const actions = crm.getByTestId('deal-setting-row').first().getByRole('button').first();
    await actions.click();
    await page.getByRole('menuitem', { name: m('crm.edit'), exact: true }).click();
    const sheet = page.getByTestId('deal-setting-sheet');
    await expect(sheet).toBeVisible();
    await check.capture('deal-settings-sheet');
    await page.keyboard.press('Escape');
    await expect(sheet).toBeHidden();
    await expect(actions).toBeFocused();

    await nav.getByRole('link', { name: m('history.title'), exact: true }).click();
    await expect(page.getByRole('main').getByText(/Loading…|Memuat…/)).toHaveCount(0);
    await check.capture('history');

    // ---- publish plan: an AI Response change, named by its fields
    await nav.getByRole('link', { name: m('aiResponse.title'), exact: true }).click();
    const ai = page.getByRole('form', { name: m('aiResponse.title') });
    // A picker open: the rest of the page is inert, and nothing focusable hides from assistive technology.
    await ai.getByRole('radio', { name: m('aiResponse.modes.specific_agent'), exact: true }).click();
    await ai.getByRole('combobox').first().click();
    await expect(page.getByRole('listbox')).toBeVisible();
    await check.capture('picker-open');
    await page.getByRole('listbox').getByRole('option').first().click();
    await expect(page.getByRole('listbox')).toBeHidden();
    const saved = page.waitForResponse((response) => response.url().endsWith('/rpc/settings.saveDraft'));
    await ai.getByRole('spinbutton').first().fill('7');
    await saved;
    const publishButton = panel.getByRole('button', { name: new RegExp(`^${m('sync.publish')}`) });
    await publishButton.click();
    const plan = page.getByTestId('publish-dialog');
    await expect(plan.getByTestId('plan-entry').first()).toBeVisible();
    await check.capture('publish-plan');
    await page.keyboard.press('Escape');
    await expect(plan).toBeHidden();
    await expect(publishButton).toBeFocused();

    // ---- conflicts: the backend and this computer changed the threshold; Esc returns the focus
    await changeOnBackend(sandbox.baseUrl, { threshold: 33, onThreshold: 'continue_with_bot', divisionId: null, agentId: null, handoverMessage: '' });
    const savedAgain = page.waitForResponse((response) => response.url().endsWith('/rpc/settings.saveDraft'));
    await ai.getByRole('spinbutton').first().fill('8');
    await savedAgain;
    await panel.getByRole('button', { name: m('sync.pull'), exact: true }).click();
    const conflicts = page.getByTestId('conflicts-dialog');
    await expect(conflicts.getByTestId('conflict-field').first()).toBeVisible();
    await check.capture('conflicts');
    await page.keyboard.press('Escape');
    await expect(conflicts).toBeHidden();
    expect(await focusedIsBody(page), 'the focus returns to the page, not its body').toBe(false);

    expect.soft(check.axe, 'serious or critical axe-core violations').toEqual([]);
    expect(check.layout, 'boxes whose content spills out, or primary actions out of view').toEqual([]);
  });
}
