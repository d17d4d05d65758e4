import type { RpcClient } from './rpc-client';

/** Calls sent so far, per counting client (see `countSentCalls`). */
const counts = new WeakMap<RpcClient, { sent: number }>();

/**
 * The same client, counting the calls it sends: an answer asked for ahead of time (the tenant
 * list's first screen, see the tenants store) is only used while nothing else was asked of the
 * core since it left, so that nothing this window wrote meanwhile can be missing from it.
 */
export function countSentCalls(client: RpcClient): RpcClient {
  const count = { sent: 0 };
  const counted: RpcClient = {
    call: ((channel, input, options) => {
      count.sent += 1;
      return client.call(channel, input, options);
    }) as RpcClient['call'],
    on: (event, listener) => client.on(event, listener),
  };
  counts.set(counted, count);
  return counted;
}

/** The calls a counting client has sent so far; null for a client that does not count. */
export function callsSent(client: RpcClient): number | null {
  return counts.get(client)?.sent ?? null;
}
