import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, session, type BrowserWindowConstructorOptions } from 'electron';
import type { SheetPdf } from '../core/change-sheet/sheet-pdf';

/** An in-memory session of its own (no `persist:`): nothing of the print window stays, nothing of the app's is shared. */
export const PDF_PARTITION = 'change-sheet-pdf';

/**
 * The hidden window a sheet is printed in: sandboxed, no JavaScript, no Node, no preload, its own
 * throwaway session. The page is the sheet's standalone HTML, which has no script anyway.
 */
export function pdfWindowOptions(): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 794,
    height: 1123,
    webPreferences: {
      sandbox: true,
      javascript: false,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      plugins: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: false,
      partition: PDF_PARTITION,
    },
  };
}

/**
 * Renders `html` to a PDF: the page goes to a private temp file (a data: URL would cap the size),
 * is loaded in the hidden window with every other request refused (no network, no other file),
 * printed with Chromium's printToPDF, and the window and the file are gone afterwards.
 */
export async function renderHtmlToPdf(html: string): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'change-sheet-'));
  const file = join(dir, 'sheet.html');
  let win: BrowserWindow | null = null;
  try {
    await writeFile(file, html, { encoding: 'utf8', mode: 0o600 });
    const pageUrl = pathToFileURL(file).href;
    session.fromPartition(PDF_PARTITION).webRequest.onBeforeRequest((details, callback) => callback({ cancel: details.url !== pageUrl }));
    win = new BrowserWindow(pdfWindowOptions());
    win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    win.webContents.on('will-navigate', (event) => event.preventDefault());
    await win.loadURL(pageUrl);
    return await win.webContents.printToPDF({ pageSize: 'A4', printBackground: false, preferCSSPageSize: true });
  } finally {
    if (win !== null && !win.isDestroyed()) win.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}

export interface SheetPdfUi {
  /** A save dialog starting from the suggested name; null when cancelled. */
  chooseFile(suggestedName: string): Promise<string | null>;
}

/**
 * The desktop shell's Save as PDF for the change sheet (the core's SheetPdf port): where to save
 * first (a cancel renders nothing), then the PDF, written there.
 */
export function createElectronSheetPdf(
  ui: SheetPdfUi,
  render: (html: string) => Promise<Buffer> = renderHtmlToPdf,
  write: (path: string, data: Buffer) => Promise<void> = (path, data) => writeFile(path, data),
): SheetPdf {
  return {
    async save(html, fileName) {
      const path = await ui.chooseFile(fileName);
      if (path === null) return null;
      await write(path, await render(html));
      return path;
    },
  };
}
