import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openCore, type Core } from '../../../electron/core/open-core';

// Electron's BrowserWindow and session, stood in for: the window records what it was given and
// "prints" the page it loaded, so the test sees what Chromium would have rendered.
const electron = vi.hoisted(() => {
  const state = {
    windows: [] as Array<{ options: unknown; loaded: string | null; pageText: string | null; printed: unknown; destroyed: boolean; denied: boolean }>,
    beforeRequest: null as null | ((details: { url: string }, callback: (response: { cancel: boolean }) => void) => void),
    partitions: [] as string[],
  };
  class BrowserWindow {
    private readonly record: (typeof state.windows)[number];
    readonly webContents: unknown;
    constructor(options: unknown) {
      this.record = { options, loaded: null, pageText: null, printed: null, destroyed: false, denied: false };
      state.windows.push(this.record);
      const record = this.record;
      this.webContents = {
        setWindowOpenHandler: (handler: () => { action: string }) => (record.denied = handler().action === 'deny'),
        on: () => undefined,
        printToPDF: async (options: unknown) => {
          record.printed = options;
          return Buffer.from(`%PDF-1.7 ${record.pageText ?? ''}`);
        },
      };
    }
    async loadURL(url: string) {
      this.record.loaded = url;
      // Called long after the imports below are in place.
      this.record.pageText = readFileSync(fileURLToPath(url), 'utf8');
    }
    isDestroyed() {
      return this.record.destroyed;
    }
    destroy() {
      this.record.destroyed = true;
    }
  }
  const session = {
    fromPartition: (partition: string) => {
      state.partitions.push(partition);
      return { webRequest: { onBeforeRequest: (listener: typeof state.beforeRequest) => (state.beforeRequest = listener) } };
    },
  };
  return { state, BrowserWindow, session };
});
vi.mock('electron', () => ({ BrowserWindow: electron.BrowserWindow, session: electron.session }));

const { createElectronSheetPdf, pdfWindowOptions, renderHtmlToPdf, PDF_PARTITION } = await import('../../../electron/main/change-sheet-pdf');

const SHEET_HTML = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Change sheet</title></head><body><h1>Change sheet</h1><p>Headers: (secret — use Copy)</p></body></html>';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sheet-pdf-'));
  electron.state.windows.length = 0;
  electron.state.beforeRequest = null;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the change sheet as PDF in the desktop shell', () => {
  it('prints in a hidden, sandboxed window without JavaScript, in a throwaway session of its own', () => {
    const options = pdfWindowOptions();
    expect(options.show).toBe(false);
    expect(options.webPreferences).toMatchObject({ sandbox: true, javascript: false, contextIsolation: true, nodeIntegration: false, webSecurity: true, devTools: false, partition: PDF_PARTITION });
    expect(options.webPreferences?.preload).toBeUndefined();
    expect(PDF_PARTITION.startsWith('persist:')).toBe(false);
  });

  it('renders the sheet’s HTML with printToPDF, refuses every other request, and leaves no window and no file behind', async () => {
    const pdf = await renderHtmlToPdf(SHEET_HTML);
    expect(pdf.toString('utf8')).toBe(`%PDF-1.7 ${SHEET_HTML}`);
    const [win] = electron.state.windows;
    expect(win).toMatchObject({ options: pdfWindowOptions(), printed: { pageSize: 'A4' }, destroyed: true, denied: true });
    expect(electron.state.partitions).toContain(PDF_PARTITION);
    const page = win!.loaded!;
    expect(page.startsWith('file://')).toBe(true);
    const answers: Array<[string, boolean]> = [];
    for (const url of [page, 'https://example.test/track.png', 'file:///etc/passwd', 'data:text/html,x']) electron.state.beforeRequest!({ url }, ({ cancel }) => answers.push([url, cancel]));
    expect(answers).toEqual([
      [page, false],
      ['https://example.test/track.png', true],
      ['file:///etc/passwd', true],
      ['data:text/html,x', true],
    ]);
    expect(existsSync(fileURLToPath(page))).toBe(false);
  });

  it('asks where first: a cancel renders and writes nothing; a chosen file gets the PDF', async () => {
    const render = vi.fn(async (html: string) => Buffer.from(`pdf of ${html.length}`));
    const writes: Array<[string, string]> = [];
    const write = async (path: string, data: Buffer) => void writes.push([path, data.toString('utf8')]);
    const cancelled = createElectronSheetPdf({ chooseFile: async () => null }, render, write);
    expect(await cancelled.save(SHEET_HTML, 'change-sheet-2026-12-06.pdf')).toBeNull();
    expect(render).not.toHaveBeenCalled();
    expect(writes).toEqual([]);

    const suggested: string[] = [];
    const saver = createElectronSheetPdf({ chooseFile: async (name) => (suggested.push(name), join(dir, 'chosen.pdf')) }, render, write);
    expect(await saver.save(SHEET_HTML, 'change-sheet-2026-12-06.pdf')).toBe(join(dir, 'chosen.pdf'));
    expect(suggested).toEqual(['change-sheet-2026-12-06.pdf']);
    expect(writes).toEqual([[join(dir, 'chosen.pdf'), `pdf of ${SHEET_HTML.length}`]]);
  });
});

describe('the core’s changeSheet.savePdf with the shell’s PDF maker', () => {
  const cores: Core[] = [];
  afterEach(async () => {
    for (const core of cores.splice(0)) await core.close();
  });
  const open = (withPdf: boolean): Core => {
    const target = join(dir, 'saved.pdf');
    const core = openCore({
      dataDir: join(dir, `data-${cores.length}`),
      appVersion: 'test',
      transport: 'electron',
      onUnexpectedError: () => undefined,
      ...(withPdf ? { sheetPdf: createElectronSheetPdf({ chooseFile: async () => target }) } : {}),
    });
    cores.push(core);
    return core;
  };

  it('says it can, and writes the rendered sheet where the user chose', async () => {
    const core = open(true);
    expect(await core.dispatcher.dispatch('changeSheet.pdfSupport', {})).toEqual({ ok: true, value: { available: true } });
    expect(await core.dispatcher.dispatch('changeSheet.savePdf', { html: SHEET_HTML, fileName: 'change-sheet-2026-12-06.pdf' })).toEqual({ ok: true, value: { path: join(dir, 'saved.pdf') } });
    expect(readFileSync(join(dir, 'saved.pdf'), 'utf8')).toBe(`%PDF-1.7 ${SHEET_HTML}`);
  });

  it('refuses a file name that is a path, and empty HTML, before anything is rendered', async () => {
    const core = open(true);
    for (const input of [{ html: SHEET_HTML, fileName: '../outside.pdf' }, { html: SHEET_HTML, fileName: 'sheet.html' }, { html: '', fileName: 'sheet.pdf' }]) {
      expect(await core.dispatcher.dispatch('changeSheet.savePdf', input)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(electron.state.windows).toEqual([]);
  });

  it('without the shell’s PDF maker (the headless host) says so: the browser prints to PDF', async () => {
    const core = open(false);
    expect(await core.dispatcher.dispatch('changeSheet.pdfSupport', {})).toEqual({ ok: true, value: { available: false } });
    expect(await core.dispatcher.dispatch('changeSheet.savePdf', { html: SHEET_HTML, fileName: 'sheet.pdf' })).toMatchObject({
      ok: false,
      error: { code: 'PDF_UNAVAILABLE', message: expect.stringContaining('Save as PDF') },
    });
  });
});
