import { defineStore } from 'pinia';
import type { ChangeSheet, SecretSection, SheetStamp } from '../../../shared/change-sheet/change-sheet';

/**
 * Change sheets for tenants whose backend offers no settings writes: made by the core from the
 * drafts and catalogs; ticks are the user's and stay here (per tenant and line) while the app runs.
 * A secret never reaches the renderer: Copy asks the core to put it on the clipboard.
 */
export const useChangeSheetsStore = defineStore('changeSheets', {
  state: () => ({
    sheets: {} as Record<string, ChangeSheet>,
    /** Ticked line ids per tenant. */
    ticks: {} as Record<string, string[]>,
    /** Whether this shell saves sheets as PDF (the desktop app does); null until asked. */
    pdfAvailable: null as boolean | null,
  }),

  actions: {
    async load(tenantIds: readonly string[]): Promise<ChangeSheet[]> {
      const sheets = await this.rpc.call('changeSheet.get', { tenantIds: [...tenantIds] });
      for (const sheet of sheets) this.sheets[sheet.tenantId] = sheet;
      return sheets;
    },

    isTicked(tenantId: string, lineId: string): boolean {
      return (this.ticks[tenantId] ?? []).includes(lineId);
    },

    toggle(tenantId: string, lineId: string, ticked: boolean) {
      const current = new Set(this.ticks[tenantId] ?? []);
      if (ticked) current.add(lineId);
      else current.delete(lineId);
      this.ticks[tenantId] = [...current];
    },

    async copySecret(tenantId: string, documentId: string, section: SecretSection): Promise<number> {
      const result = await this.rpc.call('changeSheet.copySecret', { tenantId, documentId, section });
      return result.clearsAfterSeconds;
    },

    /** Asks the shell once whether it makes PDFs. */
    async checkPdf(): Promise<boolean> {
      if (this.pdfAvailable === null) this.pdfAvailable = (await this.rpc.call('changeSheet.pdfSupport', {})).available;
      return this.pdfAvailable;
    },

    /** The sheet's standalone HTML (the same page Save as HTML writes: no secret in it) to a PDF; the path, or null when cancelled. */
    async savePdf(html: string, fileName: string): Promise<string | null> {
      return (await this.rpc.call('changeSheet.savePdf', { html, fileName })).path;
    },

    async markApplied(tenantId: string, stamps: SheetStamp[]): Promise<number> {
      const result = await this.rpc.call('changeSheet.markApplied', { tenantId, stamps });
      this.ticks[tenantId] = [];
      return result.applied;
    },
  },
});
