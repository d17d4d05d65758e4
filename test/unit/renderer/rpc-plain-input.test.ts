import { describe, expect, it } from 'vitest';
import { reactive } from 'vue';
import type { RendererApi } from '../../../shared/rpc/contract';
import { createRpcClient } from '../../../renderer/src/api/rpc-client';
import { plainInput } from '../../../renderer/src/api/plain-input';

describe('RPC client: the input it sends as plain data', () => {
  it('copies through JSON (reactive state becomes plain, what JSON drops is dropped)', () => {
    const state = reactive({ name: 'Toko', tags: ['a'], at: new Date('2026-01-15T09:00:00.000Z'), gone: undefined });
    const sent = plainInput(state) as Record<string, unknown>;
    expect(sent).toEqual({ name: 'Toko', tags: ['a'], at: '2026-01-15T09:00:00.000Z' });
    expect(Object.hasOwn(sent, 'gone')).toBe(false);
    expect(plainInput(undefined)).toBeUndefined();
  });

  it('sends bytes as they are (an import file as chosen): the same bytes, not an object of numbers, nowhere else changed', async () => {
    const file = new TextEncoder().encode('{"format":"chatbot-settings-export"}');
    const received: unknown[] = [];
    const transport: RendererApi = {
      invoke: async (_channel, input) => {
        received.push(input);
        return { ok: false, error: { code: 'INVALID_INPUT', message: 'stop here' } };
      },
      on: () => () => undefined,
    };
    await createRpcClient(transport).call('transfer.previewImport', { text: file }).catch(() => undefined);
    const input = received[0] as { text: unknown };
    expect(input.text).toBe(file);
    // Inside a reactive input, too (the raw bytes go, not their proxy), beside what JSON copies.
    const state = reactive({ note: 'x', files: [file] });
    const sent = plainInput(state) as { note: string; files: unknown[] };
    expect(sent.files[0]).toBe(file);
    expect(sent.note).toBe('x');
    // A key of an input that looks like the bytes' stand-in but is not one stays as it is.
    expect(plainInput({ bytes: { 0: 1 } })).toEqual({ bytes: { 0: 1 } });
  });
});
