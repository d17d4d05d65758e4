import { defineStore } from 'pinia';
import type { RpcInput } from '../../../shared/rpc/contract';

/** Files: export of tenants, import of an export file, and tenants from CSV (each previewed before it changes anything). */
export const useTransferStore = defineStore('transfer', {
  actions: {
    exportTenants(input: RpcInput<'transfer.export'>) {
      return this.rpc.call('transfer.export', input);
    },

    previewImport(input: RpcInput<'transfer.previewImport'>) {
      return this.rpc.call('transfer.previewImport', input);
    },

    applyImport(input: RpcInput<'transfer.applyImport'>) {
      return this.rpc.call('transfer.applyImport', input);
    },

    previewCsv(input: RpcInput<'transfer.previewCsv'>) {
      return this.rpc.call('transfer.previewCsv', input);
    },

    applyCsv(input: RpcInput<'transfer.applyCsv'>) {
      return this.rpc.call('transfer.applyCsv', input);
    },
  },
});
