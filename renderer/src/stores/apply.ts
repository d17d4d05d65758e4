import { defineStore } from 'pinia';
import type { ApiConnectionListItem } from '../../../shared/schemas/api-connection-document';
import type { ApplyInput } from '../../../shared/schemas/apply';

/** Apply to many: one tenant's settings previewed against, then copied to, other tenants; and undo of a batch. */
export const useApplyStore = defineStore('apply', {
  actions: {
    /** The source tenant's API connections that can be applied (deleted ones left out). */
    async sourceConnections(tenantId: string): Promise<ApiConnectionListItem[]> {
      return (await this.rpc.call('apiConnections.list', { tenantId })).filter((connection) => !connection.deleted);
    },

    preview(input: ApplyInput) {
      return this.rpc.call('apply.preview', input);
    },

    confirm(input: ApplyInput) {
      return this.rpc.call('apply.confirm', input);
    },

    /** Undoes an apply or import batch; without `force` the core refuses (CONFLICT) when documents changed since. */
    undo(batchId: string, force = false) {
      return this.rpc.call('apply.undo', { batchId, force });
    },
  },
});
