import type { RendererApi } from '../../../shared/rpc/contract';
import type { RpcResult } from '../../../shared/rpc/rpc-error';

export interface PrimedCall {
  channel: string;
  input: unknown;
  /** The raw answer of the call, sent before the app loaded. */
  result: Promise<RpcResult<unknown>>;
}

/**
 * A transport that answers one call from a request already on its way: the first screen's data
 * is asked for while the app's code still loads (boot/first-request.ts), and the app's own
 * identical call (same channel, same input) takes that answer instead of asking again. Used once;
 * every other call, and a second identical one, goes to the transport. The answer is still parsed
 * by the RPC client like any other.
 */
export function primeTransport(transport: RendererApi, primed: PrimedCall | null): RendererApi {
  if (!primed) return transport;
  let pending: PrimedCall | null = primed;
  const key = JSON.stringify(primed.input ?? {});
  return {
    invoke(channel, input) {
      if (pending && channel === pending.channel && JSON.stringify(input ?? {}) === key) {
        const { result } = pending;
        pending = null;
        return result;
      }
      return transport.invoke(channel, input);
    },
    on: (event, listener) => transport.on(event, listener),
  };
}
