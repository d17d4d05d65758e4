import { isRpcChannel, rpcContract, type RpcDispatcher } from '../../../shared/rpc/contract';
import { RpcError, type RpcResult } from '../../../shared/rpc/rpc-error';
import { parseOrThrow } from '../validation/invalid-input';
import type { RpcHandlers } from './handlers';
import { toRpcError } from './to-rpc-error';

export interface RouterOptions {
  /** Told about failures that are not the caller's fault (INTERNAL, store trouble); never about input. */
  onUnexpectedError?: (channel: string, error: unknown) => void;
  /** Whether the store can still be used (false after close). */
  isOpen?: () => boolean;
}

/** The router both transports hand requests to. It never throws: every outcome is an RpcResult. */
export function createRouter(handlers: RpcHandlers, options: RouterOptions = {}): RpcDispatcher {
  return {
    async dispatch(channel: string, rawInput: unknown): Promise<RpcResult<unknown>> {
      try {
        return { ok: true, value: await handle(handlers, channel, rawInput, options) };
      } catch (error) {
        const rpcError = toRpcError(error, typeof channel === 'string' ? channel.slice(0, 100) : 'a request');
        if (!(error instanceof RpcError)) options.onUnexpectedError?.(String(channel), error);
        return { ok: false, error: rpcError.toBody() };
      }
    },
  };
}

function handle(handlers: RpcHandlers, channel: string, rawInput: unknown, options: RouterOptions): unknown | Promise<unknown> {
  if (typeof channel !== 'string' || !isRpcChannel(channel)) {
    throw new RpcError('UNKNOWN_CHANNEL', `There is no RPC channel named ${JSON.stringify(String(channel).slice(0, 100))}.`);
  }
  if (options.isOpen && !options.isOpen()) throw new RpcError('STORE_UNAVAILABLE', 'The local store is closed.');
  const input: unknown = parseOrThrow(rpcContract[channel].input, rawInput);
  const handler = handlers[channel] as (input: unknown) => unknown;
  return handler(input);
}

