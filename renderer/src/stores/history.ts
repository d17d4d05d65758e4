import { defineStore } from 'pinia';
import type { RpcInput } from '../../../shared/rpc/contract';

/** History: a document's revisions, the difference of two, restoring one, and the tenant's publish log. */
export const useHistoryStore = defineStore('history', {
  actions: {
    revisions(input: RpcInput<'history.list'>) {
      return this.rpc.call('history.list', input);
    },

    diff(input: RpcInput<'history.diff'>) {
      return this.rpc.call('history.diff', input);
    },

    restore(input: RpcInput<'history.restore'>) {
      return this.rpc.call('history.restore', input);
    },

    publishLog(input: RpcInput<'history.publishLog'>) {
      return this.rpc.call('history.publishLog', input);
    },

    /** The tenant's API connections and deal settings that have a history (an empty list when they cannot be read). */
    async documentsOf(tenantId: string) {
      const [connections, dealSettings] = await Promise.all([
        this.rpc.call('apiConnections.list', { tenantId }).catch(() => []),
        this.rpc.call('dealSettings.list', { tenantId }).catch(() => []),
      ]);
      return { connections, dealSettings };
    },
  },
});
