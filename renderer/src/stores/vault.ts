import { defineStore } from 'pinia';
import type { VaultStatusView } from '../../../shared/schemas/vault-status';

/** The OS keychain as the core last reported it (`vault.status`), or as a refused save revealed it. */
export const useVaultStore = defineStore('vaultStore', {
  state: () => ({
    status: null as VaultStatusView | null,
    checking: false,
  }),
  getters: {
    /** Unknown counts as available: the core's answer to a save says otherwise if need be. */
    unavailable: (state) => state.status?.state === 'unavailable',
  },
  actions: {
    async check(): Promise<VaultStatusView | null> {
      this.checking = true;
      try {
        this.status = await this.rpc.call('vault.status', {});
      } catch {
        // An engine without the channel, or one that is gone: the saves themselves will say.
      } finally {
        this.checking = false;
      }
      return this.status;
    },
    /** A save was refused with VAULT_UNAVAILABLE: its message says why, until the next check. */
    markUnavailable(message: string) {
      const cleanup = this.status?.cleanup ?? { state: 'idle' as const, removed: 0, message: null, finishedAt: null };
      this.status = { state: 'unavailable', message, cleanup };
    },
    dehydrate() {
      this.$reset();
    },
  },
});
