import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mount, type VueWrapper } from '@vue/test-utils';
import { createMemoryHistory } from 'vue-router';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext } from '../../../../renderer/src/app/create-app-context';
import ChangeSheetDialog from '../../../../renderer/src/components/change-sheet/ChangeSheetDialog.vue';
import ToastHost from '../../../../renderer/src/components/layout/ToastHost.vue';
import { insideKeyringSession, KEYRING_SKIP_REASON, startCoreProcess, type CoreProcess } from '../../../support/renderer/core-process';
import { click, waitFor } from '../../../support/renderer/dom';

/**
 * The change sheet's Save as PDF, against the real core in its own process: offered where the shell
 * makes PDFs (the desktop app; here a core with a PDF maker that keeps the page it was given),
 * disabled with the reason where it does not (the browser), and the page sent to be printed is
 * the sheet's HTML without any secret value.
 */
const inside = insideKeyringSession();
if (!inside) console.warn(`[renderer change sheet PDF] skipped: ${KEYRING_SKIP_REASON}`);

const SECRET = 'sk-live-9f8e7d6c5b4a-never-print';

let desktop: CoreProcess;
let browser: CoreProcess;
let pdfDir: string;
let wrapper: VueWrapper | null = null;

beforeAll(async () => {
  if (!inside) return;
  pdfDir = mkdtempSync(join(tmpdir(), 'sheet-pdf-'));
  [desktop, browser] = await Promise.all([startCoreProcess({ sheetPdfDir: pdfDir }), startCoreProcess()]);
}, 60_000);
afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
  document.body.innerHTML = '';
});
afterAll(async () => {
  await desktop?.stop();
  await browser?.stop();
  if (pdfDir) rmSync(pdfDir, { recursive: true, force: true });
});

async function tenantWithSecret(core: CoreProcess, name: string): Promise<string> {
  const tenant = await core.client.call('tenants.create', { name });
  await core.client.call('settings.saveDraft', { tenantId: tenant.id, kind: 'ai_response', draft: { threshold: 7, onThreshold: 'any_available_agent', divisionId: null, agentId: null, handoverMessage: 'Sebentar ya' } });
  await core.client.call('apiConnections.create', {
    tenantId: tenant.id,
    name: 'Jurnal',
    description: 'Accounting',
    code: 'JURNAL_API',
    baseUrl: 'https://api.jurnal.example/v1',
    settings: null,
    headers: { apikey: SECRET },
    token: null,
  });
  return tenant.id;
}

async function openSheet(core: CoreProcess, tenantIds: string[]): Promise<void> {
  const context = createAppContext({ client: core.client, locale: 'en', history: createMemoryHistory() });
  const host = document.createElement('div');
  document.body.appendChild(host);
  wrapper = mount({ components: { ChangeSheetDialog, ToastHost }, setup: () => ({ tenantIds }), template: '<ChangeSheetDialog :tenant-ids="tenantIds" :open="true" /><ToastHost />' }, { global: { plugins: context.plugins }, attachTo: host });
  await waitFor(() => document.querySelectorAll('[data-testid="change-sheet-step"]').length > 0);
}

function pdfButton(): HTMLButtonElement {
  const button = document.querySelector<HTMLButtonElement>('[data-testid="change-sheet-save-pdf"]');
  if (!button) throw new Error('no Save as PDF button');
  return button;
}

describe.skipIf(!inside)('the change sheet’s Save as PDF', () => {
  it('in the desktop app: offered; the page it prints is the sheet without any secret, for one tenant and for several', async () => {
    const first = await tenantWithSecret(desktop, 'PT Maju Jaya');
    const second = await tenantWithSecret(desktop, 'CV Sinar Terang');
    for (const tenantIds of [[first], [first, second]]) {
      await openSheet(desktop, tenantIds);
      await waitFor(() => !pdfButton().disabled);
      expect(pdfButton().textContent?.trim()).toBe('Save as PDF');
      expect(pdfButton().getAttribute('aria-describedby')).toBeNull();
      expect(document.querySelector('[data-testid="change-sheet-pdf-hint"]')).toBeNull();

      const before = desktop.sent.length;
      click(pdfButton());
      const request = await waitFor(() => desktop.sent.slice(before).find((entry) => entry.channel === 'changeSheet.savePdf'));
      const input = request.input as { html: string; fileName: string };
      expect(input.fileName).toMatch(/^change-sheet-\d{4}-\d{2}-\d{2}\.pdf$/);
      expect(input.html).toContain('<h1>Change sheet</h1>');
      expect(input.html).toContain('PT Maju Jaya');
      if (tenantIds.length > 1) expect(input.html).toContain('CV Sinar Terang');
      expect(input.html).toContain('Headers');
      expect(input.html).not.toContain(SECRET);
      expect(input.html).not.toMatch(/<script/i);
      await waitFor(() => document.body.textContent?.includes('Saved as PDF:'));
      const printed = readdirSync(pdfDir).map((file) => readFileSync(join(pdfDir, file), 'utf8'));
      expect(printed.at(-1)).toBe(input.html);
      wrapper?.unmount();
      wrapper = null;
      document.body.innerHTML = '';
    }
    // Nothing the renderer received or sent holds the secret after its creation.
    expect(desktop.received.some((text) => text.includes(SECRET))).toBe(false);
  });

  it('in the browser: disabled, and says to print to PDF instead', async () => {
    const tenantId = await tenantWithSecret(browser, 'PT Browser Saja');
    await openSheet(browser, [tenantId]);
    const hint = await waitFor(() => document.querySelector<HTMLElement>('[data-testid="change-sheet-pdf-hint"]'));
    expect(hint.textContent?.trim()).toBe('PDF needs the desktop app; use Print → Save as PDF');
    expect(pdfButton().disabled).toBe(true);
    expect(pdfButton().getAttribute('aria-describedby')).toBe(hint.id);
    expect(browser.sent.some((entry) => entry.channel === 'changeSheet.savePdf')).toBe(false);
  });
});
