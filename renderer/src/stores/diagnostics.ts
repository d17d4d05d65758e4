import { defineStore } from 'pinia';

/** The diagnostics report for IT (versions, store health, outbox, the log's tail; no tenant data, no secret). */
export const useDiagnosticsStore = defineStore('diagnostics', {
  state: () => ({ exporting: false }),
  actions: {
    /** The report as a file to save: its name and its text. */
    async exportReport(): Promise<{ fileName: string; content: string }> {
      this.exporting = true;
      try {
        return await this.rpc.call('diagnostics.export', {});
      } finally {
        this.exporting = false;
      }
    },
  },
});
