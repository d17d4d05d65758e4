import { RpcError } from '../../../shared/rpc/rpc-error';

/**
 * Where a change sheet's `Save as PDF` goes: the desktop shell renders the sheet's standalone HTML
 * in a hidden, sandboxed window without JavaScript, prints it to PDF and saves it where the user
 * chooses (electron/main/change-sheet-pdf.ts). The headless host has no such window: there the
 * browser's Print → Save as PDF does the same, and the core says so.
 */
export interface SheetPdf {
  /** Asks where to save (starting from `fileName`), renders `html` to PDF and writes it there; the path, or null when cancelled. */
  save(html: string, fileName: string): Promise<string | null>;
}

export function pdfUnavailable(): RpcError {
  return new RpcError('PDF_UNAVAILABLE', 'Saving as PDF needs the desktop app. Here, use Print and choose “Save as PDF” as the printer.');
}
