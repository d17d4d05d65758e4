import { describe, expect, it } from 'vitest';
import type { RendererApi } from '../../../shared/rpc/contract';
import { createRpcClient } from '../../../renderer/src/api/rpc-client';

/** A transport that answers every call at once, and counts the calls. */
function answeringTransport(value: unknown) {
  let calls = 0;
  const transport: RendererApi = {
    invoke: async () => {
      calls += 1;
      return { ok: true, value };
    },
    on: () => () => undefined,
  };
  return { transport, calls: () => calls };
}

/** Lets every pending promise callback run. */
async function settle() {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

describe('RPC client: parsing an answer after a given moment', () => {
  it('sends the request at once and settles with the parsed answer only once `parseAfter` has settled', async () => {
    const { transport, calls } = answeringTransport([]);
    const client = createRpcClient(transport);
    let release = (): void => undefined;
    const parseAfter = new Promise<void>((resolve) => (release = resolve));
    let answer: unknown = null;
    void client.call('tenants.list', {}, { parseAfter }).then((value) => (answer = value));
    await settle();
    expect(calls()).toBe(1);
    expect(answer).toBeNull();
    release();
    await settle();
    expect(answer).toEqual([]);
  });

  it('still parses (and refuses an answer off the contract) when `parseAfter` rejects', async () => {
    const { transport } = answeringTransport([{ not: 'a tenant' }]);
    const client = createRpcClient(transport);
    await expect(client.call('tenants.list', {}, { parseAfter: Promise.reject(new Error('no paint')) })).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});
