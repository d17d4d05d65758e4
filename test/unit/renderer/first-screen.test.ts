import { describe, expect, it } from 'vitest';
import type { RpcResult } from '../../../shared/rpc/rpc-error';
import { primeTransport } from '../../../renderer/src/api/primed-transport';
import { FIRST_LIST_CALL, isTenantListAddress, requestWholeList } from '../../../renderer/src/app/first-screen';
import { recordingTransport } from '../../support/renderer/recording-transport';

describe('the first screen’s request', () => {
  it('is sent only when the app opens on the tenant list', () => {
    expect(['', '#', '#/'].map(isTenantListAddress)).toEqual([true, true, true]);
    expect(['#/tenants/abc/ai-response', '#/nowhere', '#/?q=x'].map(isTenantListAddress)).toEqual([false, false, false]);

    const { transport, calls } = recordingTransport();
    expect(requestWholeList(transport, '#/tenants/abc/ai-response')).toBeNull();
    expect(calls).toEqual([]);
    const primed = requestWholeList(transport, '#/');
    expect(primed).toMatchObject(FIRST_LIST_CALL);
    expect(calls).toEqual([{ channel: 'tenants.list', input: {} }]);
  });

  it('answers the app’s identical first call from the request on its way, once; every other call goes through', async () => {
    const { transport, calls } = recordingTransport();
    const early: Promise<RpcResult<unknown>> = Promise.resolve({ ok: true, value: 'early answer' });
    const primed = primeTransport(transport, { channel: 'tenants.list', input: {}, result: early });

    expect(await primed.invoke('tenants.list', { query: 'acme' })).toEqual({ ok: true, value: 1 });
    expect(await primed.invoke('tags.list', {})).toEqual({ ok: true, value: 2 });
    expect(await primed.invoke('tenants.list', {})).toEqual({ ok: true, value: 'early answer' });
    // Used once: the same call again is a new request.
    expect(await primed.invoke('tenants.list', {})).toEqual({ ok: true, value: 3 });
    expect(calls.map((call) => call.channel)).toEqual(['tenants.list', 'tags.list', 'tenants.list']);
  });

  it('passes a failed early request on to the call that takes it', async () => {
    const { transport } = recordingTransport();
    const failed = Promise.reject(new Error('connection refused'));
    failed.catch(() => undefined);
    const primed = primeTransport(transport, { channel: 'tenants.list', input: {}, result: failed });
    await expect(primed.invoke('tenants.list', undefined)).rejects.toThrow('connection refused');
  });

  it('is the transport itself when nothing was sent early', () => {
    const { transport } = recordingTransport();
    expect(primeTransport(transport, null)).toBe(transport);
  });
});
