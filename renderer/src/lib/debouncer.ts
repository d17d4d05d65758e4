/** Holds the latest value for `delayMs`, then hands it on; `flush` hands it on at once. */
export class Debouncer<T> {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private value: { current: T } | null = null;

  constructor(
    private readonly delayMs: number,
    private readonly fire: (value: T) => void,
  ) {}

  schedule(value: T): void {
    this.value = { current: value };
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.delayMs);
  }

  /** Fires the waiting value now; false when nothing was waiting. */
  flush(): boolean {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const waiting = this.value;
    this.value = null;
    if (!waiting) return false;
    this.fire(waiting.current);
    return true;
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.value = null;
  }

  get pending(): boolean {
    return this.value !== null;
  }
}
