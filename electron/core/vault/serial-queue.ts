import { RpcError } from '../../../shared/rpc/rpc-error';

/**
 * Runs async tasks one after another. Everything that touches the keychain goes through one
 * queue per core: a save writes its secrets and then its row, and the orphan sweep must never
 * run in between (it would take the fresh secrets for orphans), nor two saves of one connection
 * interleave. When the core closes, the queue takes no new task (STORE_UNAVAILABLE) and the
 * store is closed only after the tasks it took are over.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private closed = false;
  private pending = 0;

  run<T>(task: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new RpcError('STORE_UNAVAILABLE', 'The local store is closed.'));
    this.pending++;
    const result = this.tail.then(task, task).finally(() => this.pending--);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** No task is waiting or running. */
  isIdle(): boolean {
    return this.pending === 0;
  }

  /** Takes no new task; resolves when the ones already taken are over. */
  async close(): Promise<void> {
    this.closed = true;
    await this.tail;
  }
}
