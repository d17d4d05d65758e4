import { describe, expect, it } from 'vitest';
import { rpc, startHostFixture, useHostFixture } from './host-fixture';

const fx = useHostFixture();

interface SseEvent {
  event: string;
  data: string;
}

/** Reads server-sent events from /events (fetch + stream, as the renderer does) until `until` holds. */
async function collectEvents(response: Response, until: (events: SseEvent[]) => boolean): Promise<SseEvent[]> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const events: SseEvent[] = [];
  let buffer = '';
  while (!until(events)) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const fields = Object.fromEntries(
        frame
          .split('\n')
          .filter((line) => line !== '' && !line.startsWith(':'))
          .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trimStart()]),
      );
      if (fields.event !== undefined) events.push({ event: fields.event, data: fields.data ?? '' });
    }
  }
  await reader.cancel();
  return events;
}

describe('host: RPC and events', () => {
  it('round-trips a real RPC: tenants.create then tenants.list', async () => {
    const created = await rpc(fx, 'tenants.create', { name: '  PT Maju Jaya  ', backendUrl: 'https://service-chat.qontak.com/api/open/v1' });
    expect(created.status).toBe(200);
    expect(created.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(created.headers['cache-control']).toBe('no-store');
    const tenant = (created.json as { ok: true; value: { id: string; name: string } }).value;
    expect(tenant.name).toBe('PT Maju Jaya');

    const listed = await rpc(fx, 'tenants.list', { query: 'maju' });
    expect(listed.json).toEqual({ ok: true, value: [expect.objectContaining({ id: tenant.id, name: 'PT Maju Jaya', backendUrl: 'https://service-chat.qontak.com/api/open/v1' })] });

    const missing = await rpc(fx, 'tenants.get', { id: '00000000-0000-4000-8000-000000000000' });
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('streams tenant.changed to /events when a tenant changes', async () => {
    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(), 10_000);
    try {
      const response = await fetch(`${fx.server.origin}events`, {
        headers: { Authorization: `Bearer ${fx.server.token}` },
        signal: controller.signal,
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);

      const created = rpc(fx, 'tenants.create', { name: 'Toko Sejahtera' });
      const events = await collectEvents(response, (seen) => seen.some((e) => e.event === 'tenant.changed'));
      const tenant = ((await created).json as { value: { id: string } }).value;
      const changed = events.find((e) => e.event === 'tenant.changed');
      expect(changed).toBeDefined();
      expect(JSON.parse(changed!.data)).toEqual({ tenantId: tenant.id });
    } finally {
      clearTimeout(timeout);
      controller.abort();
    }
  });

  it('ends open event streams when the server closes', async () => {
    const other = await startHostFixture();
    const response = await fetch(`${other.server.origin}events`, { headers: { Authorization: `Bearer ${other.server.token}` } });
    const reader = response.body!.getReader();
    await reader.read(); // the greeting
    const closing = other.close();
    const outcome = await Promise.race([
      reader.read().then(
        (r) => (r.done ? 'ended' : 'data'),
        () => 'ended',
      ),
      new Promise((resolve) => setTimeout(() => resolve('hung'), 5_000)),
    ]);
    await closing;
    expect(outcome).toBe('ended');
  });
});
