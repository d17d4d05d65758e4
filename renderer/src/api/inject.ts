import { inject, type InjectionKey } from 'vue';
import type { RpcClient } from './rpc-client';

export const RPC_CLIENT_KEY: InjectionKey<RpcClient> = Symbol('rpc-client');

export function useRpc(): RpcClient {
  const client = inject(RPC_CLIENT_KEY);
  if (!client) throw new Error('No RPC client provided: mount the app through createAppContext.');
  return client;
}
