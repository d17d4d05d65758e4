import { matchRoute } from './http/route-match';

/**
 * Counters per contract route since the sandbox started, for tests: how many requests reached a
 * route, how many a fault rule answered for, and how many were idempotent replays.
 */
type Counter = 'requests' | 'faulted' | 'replayed';

export class SandboxStats {
  private readonly counts = new Map<string, Record<Counter, number>>();

  count(route: string, counter: Counter): void {
    const entry = this.counts.get(route) ?? { requests: 0, faulted: 0, replayed: 0 };
    entry[counter] += 1;
    this.counts.set(route, entry);
  }

  /** Counts under the route key when the path names one, else under `METHOD path`. */
  countPath(method: string, path: string, counter: Counter): void {
    const match = matchRoute(method, path);
    this.count(match.kind === 'route' ? match.key : `${method} ${path}`, counter);
  }

  snapshot(): Record<string, Record<Counter, number>> {
    return Object.fromEntries(this.counts);
  }

  reset(): void {
    this.counts.clear();
  }
}
