import type { RendererApi } from '../../../shared/rpc/contract';
import type { RpcResult } from '../../../shared/rpc/rpc-error';

export interface PrimedCall {
  channel: string;
  input: unknown;
  /** The raw answer of the call, sent before the app loaded. */
  result: Promise<RpcResult<unknown>>;
}

/**
 * A transport that answers calls from requests already on their way: the first screen's data
 * is asked for while the app's code still loads (boot/first-request.ts), and the app's own
 * identical call (same channel, same input) takes that answer instead of asking again. Each is
 * used once; every other call, and a second identical one, goes to the transport. The answer is
 * still parsed by the RPC client like any other.
 */
export function primeTransport(transport: RendererApi, primed: PrimedCall | readonly (PrimedCall | null)[] | null): RendererApi {
  const pending = new Map<string, PrimedCall>();
  for (const call of Array.isArray(primed) ? primed : [primed]) {
    if (call) pending.set(callKey(call.channel, call.input), call);
  }
  if (pending.size === 0) return transport;
  return {
    invoke(channel, input) {
      // A call on a channel no primed answer waits for goes straight through, without a key made
      // of its input (an import file's input is tens of megabytes).
      if (![...pending.values()].some((call) => call.channel === channel)) return transport.invoke(channel, input);
      const key = callKey(channel, input);
      const call = pending.get(key);
      if (call) {
        pending.delete(key);
        return call.result;
      }
      return transport.invoke(channel, input);
    },
    on: (event, listener) => transport.on(event, listener),
  };
}

function callKey(channel: string, input: unknown): string {
  return `${channel} ${JSON.stringify(input ?? {})}`;
}
