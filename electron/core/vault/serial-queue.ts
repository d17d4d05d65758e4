/**
 * Runs async tasks one after another. Everything that touches the keychain goes through one
 * queue per core: a save writes its secrets and then its row, and the orphan sweep must never
 * run in between (it would take the fresh secrets for orphans), nor two saves of one connection
 * interleave.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
