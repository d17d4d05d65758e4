import {
  rpcContract,
  rpcEvents,
  type RendererApi,
  type RpcChannel,
  type RpcEventName,
  type RpcEventPayload,
  type RpcInput,
  type RpcOutput,
} from '../../../shared/rpc/contract';
import { rpcErrorSchema } from '../../../shared/rpc/rpc-error';
import { plainInput } from './plain-input';
import { RpcClientError } from './rpc-client-error';

export interface CallOptions {
  /**
   * The answer is parsed once this settles (the request leaves at once): a large answer arriving
   * just before a paint the screen waits for is parsed after it.
   */
  parseAfter?: Promise<unknown>;
}

export interface RpcClient {
  call<C extends RpcChannel>(channel: C, input: RpcInput<C>, options?: CallOptions): Promise<RpcOutput<C>>;
  on<E extends RpcEventName>(event: E, listener: (payload: RpcEventPayload<E>) => void): () => void;
}

export interface RpcClientOptions {
  /** Called once per UNAUTHORIZED answer (the host's launch token is no longer valid). */
  onUnauthorized?: () => void;
}

/**
 * The typed client over either transport (Electron's preload or the host's HTTP). Answers are
 * parsed with the contract's output schemas: a core that drifts from the contract fails loudly
 * here instead of somewhere deep in a component.
 */
export function createRpcClient(transport: RendererApi, options: RpcClientOptions = {}): RpcClient {
  async function call<C extends RpcChannel>(channel: C, input: RpcInput<C>, callOptions: CallOptions = {}): Promise<RpcOutput<C>> {
    let result: unknown;
    try {
      result = await transport.invoke(channel, plainInput(input));
    } catch (error) {
      throw new RpcClientError('UNREACHABLE', error instanceof Error ? error.message : String(error));
    }
    if (callOptions.parseAfter) await callOptions.parseAfter.catch(() => undefined);
    if (!result || typeof result !== 'object' || !('ok' in result)) {
      throw new RpcClientError('INTERNAL', `The answer to ${channel} is not an RPC result.`);
    }
    if (result.ok !== true) {
      const parsedError = rpcErrorSchema.safeParse((result as { error?: unknown }).error);
      const error = parsedError.success
        ? RpcClientError.fromBody(parsedError.data)
        : new RpcClientError('INTERNAL', `The error answer to ${channel} is malformed.`);
      if (error.code === 'UNAUTHORIZED') options.onUnauthorized?.();
      throw error;
    }
    const output = rpcContract[channel].output.safeParse((result as { value?: unknown }).value);
    if (!output.success) {
      throw new RpcClientError('INTERNAL', `The answer to ${channel} does not match the contract.`);
    }
    return output.data as RpcOutput<C>;
  }

  function on<E extends RpcEventName>(event: E, listener: (payload: RpcEventPayload<E>) => void): () => void {
    return transport.on(event, (raw) => {
      const payload = rpcEvents[event].safeParse(raw);
      if (payload.success) listener(payload.data as RpcEventPayload<E>);
    });
  }

  return { call, on };
}
