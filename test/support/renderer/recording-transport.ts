import type { RendererApi } from '../../../shared/rpc/contract';

/** A transport that records the calls reaching it and answers each with its own number. */
export function recordingTransport() {
  const calls: { channel: string; input: unknown }[] = [];
  const transport: RendererApi = {
    invoke: async (channel, input) => {
      calls.push({ channel, input });
      return { ok: true, value: calls.length };
    },
    on: () => () => undefined,
  };
  return { transport, calls };
}
