/**
 * Runs one task at a time; while one runs, only the latest value pushed waits (older waiting
 * values are dropped). Autosave uses it so that two saves of one document are never in flight
 * together and the last edit is the one that ends up saved.
 */
export class LatestWinsQueue<T> {
  private waiting: { value: T } | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly task: (value: T) => Promise<void>) {}

  /** Queues `value`; resolves when the queue is idle again. */
  push(value: T): Promise<void> {
    this.waiting = { value };
    if (!this.running) this.running = this.drain();
    return this.running;
  }

  /** Resolves when nothing runs or waits. */
  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  get busy(): boolean {
    return this.running !== null;
  }

  private async drain(): Promise<void> {
    try {
      while (this.waiting) {
        const { value } = this.waiting;
        this.waiting = null;
        try {
          await this.task(value);
        } catch {
          // The task reports its own failures; the queue only keeps going.
        }
      }
    } finally {
      this.running = null;
    }
  }
}
