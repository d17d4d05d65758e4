import type Database from 'better-sqlite3';

interface Queued {
  write: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * The durable writes of publishes in flight side by side, committed together (a group commit).
 * A write given to `commit` runs at the next turn of the event loop with every write given
 * meanwhile: all in one transaction, each in a savepoint of its own (a write that throws is
 * undone alone and its promise rejects with its error; the others stay), made durable by one
 * commit. A write's promise settles only after that commit, so its caller never acts on a write
 * that is not in the store yet: a request leaves once its entry is 'sending', a document counts
 * as published once its result is stored. A crash before the commit loses the group's writes
 * only, whose callers were all still waiting — an entry left 'sending' is sent again at the next
 * start, with its idempotency key and If-Match, as after any crash in flight.
 */
export class CommitGroup {
  private queued: Queued[] = [];
  private readonly all: (batch: readonly Queued[], outcomes: PromiseSettledResult<unknown>[]) => void;
  private readonly one: (write: () => unknown) => unknown;

  constructor(db: Database.Database) {
    // Inside `all`'s transaction, better-sqlite3 runs `one` as a savepoint.
    this.one = db.transaction((write: () => unknown) => write());
    this.all = db.transaction((batch: readonly Queued[], outcomes: PromiseSettledResult<unknown>[]) => {
      for (const item of batch) {
        try {
          outcomes.push({ status: 'fulfilled', value: this.one(item.write) });
        } catch (error) {
          // An error that made SQLite roll back the whole transaction (a full disk, I/O) ends the group: none of it is stored.
          if (!db.inTransaction) throw error;
          outcomes.push({ status: 'rejected', reason: error });
        }
      }
    });
  }

  /** Runs `write` (synchronous, atomic) with the writes of the same turn; resolves with its value once committed. */
  commit<T>(write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queued.push({ write, resolve: resolve as (value: unknown) => void, reject });
      if (this.queued.length === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const batch = this.queued;
    this.queued = [];
    const outcomes: PromiseSettledResult<unknown>[] = [];
    try {
      this.all(batch, outcomes);
    } catch (error) {
      // The commit itself failed (a full disk, the store closed): nothing of the group was stored.
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.status === 'fulfilled') item.resolve(outcome.value);
      else item.reject(outcome.reason);
    });
  }
}
