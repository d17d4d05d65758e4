import { describe, expect, it } from 'vitest';
import { LatestWinsQueue } from '../../../renderer/src/lib/latest-wins-queue';
import { Debouncer } from '../../../renderer/src/lib/debouncer';

describe('LatestWinsQueue', () => {
  it('runs one task at a time and, of the values that waited, only the latest', async () => {
    const ran: number[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const queue = new LatestWinsQueue<number>(async (value) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 10));
      ran.push(value);
      inFlight--;
    });
    void queue.push(1);
    void queue.push(2);
    void queue.push(3);
    expect(queue.busy).toBe(true);
    await queue.idle();
    expect(ran).toEqual([1, 3]);
    expect(maxInFlight).toBe(1);
    expect(queue.busy).toBe(false);
  });

  it('keeps going after a failing task', async () => {
    const ran: number[] = [];
    const queue = new LatestWinsQueue<number>(async (value) => {
      await Promise.resolve();
      if (value === 1) throw new Error('boom');
      ran.push(value);
    });
    void queue.push(1);
    await queue.push(2);
    expect(ran).toEqual([2]);
  });
});

describe('Debouncer', () => {
  it('fires the latest value once after the delay, or at once on flush', async () => {
    const fired: string[] = [];
    const debouncer = new Debouncer<string>(30, (value) => fired.push(value));
    debouncer.schedule('a');
    debouncer.schedule('b');
    expect(debouncer.pending).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(fired).toEqual(['b']);

    debouncer.schedule('c');
    expect(debouncer.flush()).toBe(true);
    expect(debouncer.flush()).toBe(false);
    debouncer.schedule('d');
    debouncer.cancel();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(fired).toEqual(['b', 'c']);
  });
});
