import { describe, expect, it } from 'vitest';
import { DEFAULT_QONTAK_RATE, PacerRegistry, RequestPacer } from '../../../electron/core/backends/qontak/request-pacer';

describe('RequestPacer (token bucket per credential)', () => {
  it('lets a burst through, then spaces requests at the rate', async () => {
    let now = 0;
    const pacer = new RequestPacer({ requestsPerMinute: 60, burst: 2 }, () => now);
    await pacer.take();
    await pacer.take();
    // The bucket is empty: the third request would wait a second.
    expect(pacer.estimateMs(1)).toBe(1_000);
    expect(pacer.estimateMs(5)).toBe(5_000);
    now += 500;
    expect(pacer.estimateMs(1)).toBe(500);
    now += 500;
    await pacer.take();
    expect(pacer.estimateMs(1)).toBe(1_000);
  });

  it('waits for real when the bucket is empty, in order', async () => {
    const pacer = new RequestPacer({ requestsPerMinute: 600, burst: 1 }); // one every 100 ms
    const order: number[] = [];
    const started = Date.now();
    await Promise.all([1, 2, 3].map((n) => pacer.take().then(() => order.push(n))));
    expect(order).toEqual([1, 2, 3]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(180);
  });

  it('pauses the whole credential for a Retry-After, and counts it in the time left', () => {
    let now = 10_000;
    const pacer = new RequestPacer({ requestsPerMinute: 60, burst: 5 }, () => now);
    pacer.pauseUntil(now + 3_000);
    expect(pacer.estimateMs(1)).toBe(3_000);
    now += 3_000;
    expect(pacer.estimateMs(1)).toBe(0);
  });

  it('stops waiting when cancelled', async () => {
    const pacer = new RequestPacer({ requestsPerMinute: 1, burst: 1 });
    await pacer.take();
    const controller = new AbortController();
    const waiting = pacer.take(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toBeTruthy();
  });

  it('keeps the default within 60 requests in any minute, and refuses nonsense rates', () => {
    expect(DEFAULT_QONTAK_RATE.requestsPerMinute + DEFAULT_QONTAK_RATE.burst).toBeLessThanOrEqual(60);
    expect(() => new RequestPacer({ requestsPerMinute: 0, burst: 1 })).toThrow(RangeError);
    expect(() => new RequestPacer({ requestsPerMinute: 10, burst: 0 })).toThrow(RangeError);
  });

  it('shares one pacer per base URL and client id', () => {
    const registry = new PacerRegistry();
    const a = registry.pacerFor('https://api.mekari.com/', 'client-a');
    expect(registry.pacerFor('https://api.mekari.com', 'client-a')).toBe(a);
    expect(registry.pacerFor('https://api.mekari.com', 'client-b')).not.toBe(a);
    expect(registry.pacerFor('https://api.mekari.io', 'client-a')).not.toBe(a);
    registry.pacerFor('https://api.mekari.com', 'client-a', { requestsPerMinute: 600, burst: 10 });
    expect(a.currentRate).toEqual({ requestsPerMinute: 600, burst: 10 });
  });
});
