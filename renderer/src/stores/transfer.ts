import { defineStore } from 'pinia';
import type { RpcInput } from '../../../shared/rpc/contract';

/** Files: export of tenants, import of an export file, and tenants from CSV (each previewed before it changes anything). */
export const useTransferStore = defineStore('transfer', {
  actions: {
    exportTenants(input: RpcInput<'transfer.export'>) {
      return this.rpc.call('transfer.export', input);
    },

    /** Gets the core's import reader ready while a file is chosen. */
    prepareImport() {
      return this.rpc.call('transfer.prepareImport', {});
    },

    previewImport(input: RpcInput<'transfer.previewImport'>) {
      return this.rpc.call('transfer.previewImport', input);
    },

    /** A page of a kept preview's rows (the preview itself holds the first page). */
    previewRows(input: RpcInput<'transfer.previewRows'>) {
      return this.rpc.call('transfer.previewRows', input);
    },

    /** Lets the core forget a preview no longer shown. */
    discardPreview(previewId: string) {
      return this.rpc.call('transfer.discardPreview', { previewId });
    },

    applyImport(input: RpcInput<'transfer.applyImport'>) {
      return this.rpc.call('transfer.applyImport', input);
    },

    /** Starts applying a previewed file in batches; its progress comes as 'transfer.progress' events. */
    startImport(input: RpcInput<'transfer.startImport'>) {
      return this.rpc.call('transfer.startImport', input);
    },

    /** Stops an import between two batches; the batches applied stay. */
    cancelImport(runId: string) {
      return this.rpc.call('transfer.cancelImport', { runId });
    },

    /** An import run's progress, with its result once it ended. */
    importRun(runId: string) {
      return this.rpc.call('transfer.importRun', { runId });
    },

    previewCsv(input: RpcInput<'transfer.previewCsv'>) {
      return this.rpc.call('transfer.previewCsv', input);
    },

    applyCsv(input: RpcInput<'transfer.applyCsv'>) {
      return this.rpc.call('transfer.applyCsv', input);
    },
  },
});
