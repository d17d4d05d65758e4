import { markRaw } from 'vue';
import type { PiniaPlugin } from 'pinia';
import type { RpcClient } from '../api/rpc-client';

declare module 'pinia' {
  export interface PiniaCustomProperties {
    /** The RPC client every store talks to the core through (injected, so tests pass a real core). */
    rpc: RpcClient;
  }
}

export function rpcPiniaPlugin(client: RpcClient): PiniaPlugin {
  const raw = markRaw(client);
  return () => ({ rpc: raw });
}
