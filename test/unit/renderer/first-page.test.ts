import { afterEach, describe, expect, it } from 'vitest';
import { primeTransport } from '../../../renderer/src/api/primed-transport';
import { requestFirstPage } from '../../../renderer/src/app/first-screen';
import { FIRST_SCREEN_ROWS, firstPageInput } from '../../../renderer/src/lib/tenant-first-page';
import { TENANT_SORT_STORAGE_KEY } from '../../../renderer/src/lib/tenant-sort';
import { recordingTransport } from '../../support/renderer/recording-transport';

afterEach(() => window.localStorage.removeItem(TENANT_SORT_STORAGE_KEY));

describe('the list’s first page, asked for before the app loads', () => {
  it('is sent on the tenant list only, sorted as remembered, as the store will ask for it', () => {
    const { transport, calls } = recordingTransport();
    expect(requestFirstPage(transport, '#/tenants/abc/history')).toBeNull();
    window.localStorage.setItem(TENANT_SORT_STORAGE_KEY, JSON.stringify({ key: 'published', direction: 'desc' }));
    const primed = requestFirstPage(transport, '#/');
    const input = { sort: { key: 'published', direction: 'desc' }, limit: FIRST_SCREEN_ROWS };
    expect(calls).toEqual([{ channel: 'tenants.listPage', input }]);
    expect(primed).toMatchObject({ channel: 'tenants.listPage', input });
    expect(JSON.stringify(firstPageInput({}, { key: 'published', direction: 'desc' }))).toBe(JSON.stringify(input));
  });

  it('answers each primed call once, whatever the order they are asked in', async () => {
    const { transport, calls } = recordingTransport();
    const primed = primeTransport(transport, [
      { channel: 'tenants.listPage', input: { limit: 50 }, result: Promise.resolve({ ok: true, value: 'page' }) },
      null,
      { channel: 'tenants.list', input: {}, result: Promise.resolve({ ok: true, value: 'whole' }) },
    ]);
    expect(await primed.invoke('tenants.list', {})).toEqual({ ok: true, value: 'whole' });
    expect(await primed.invoke('tenants.listPage', { limit: 50 })).toEqual({ ok: true, value: 'page' });
    expect(await primed.invoke('tenants.listPage', { limit: 50 })).toEqual({ ok: true, value: 1 });
    expect(calls.map((call) => call.channel)).toEqual(['tenants.listPage']);
    expect(primeTransport(transport, [null, null])).toBe(transport);
  });
});
