/**
 * One operation at a time per tenant (a pull, or one document's publish): a pull that read the
 * backend before a write landed must not merge that older state over the write's new base.
 */
export class TenantLocks {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(tenantId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(tenantId) ?? Promise.resolve();
    let release!: () => void;
    const tail = new Promise<void>((resolve) => (release = resolve));
    const chained = previous.then(() => tail);
    this.tails.set(tenantId, chained);
    await previous;
    try {
      return await work();
    } finally {
      release();
      if (this.tails.get(tenantId) === chained) this.tails.delete(tenantId);
    }
  }
}
