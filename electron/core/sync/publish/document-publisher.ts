import type { BackendApi } from '../session/backend-client-factory';
import type { OutboxEntry } from '../sync-store';

/**
 * done: the entry reached its end state; stale: the backend's version moved on (412), or the
 * document is gone there (404 on a replace): pull, merge, then send again or stop.
 */
export type SendOutcome = 'done' | 'stale';

/** A document as the publish runner looks at it again after a pull merged it. */
export interface CurrentDocument {
  id: string;
  draft_json: string;
  base_json: string | null;
  base_version: string | null;
  dirty: number;
  deleted: number;
  vault_owner: string | null;
}

/**
 * How one cardinality of document kinds goes to the backend (the runner does the rest: rounds,
 * 412 → pull → merge → resend, failures, progress): one per tenant (singleton-publisher.ts) or a
 * collection (collection-publish.ts).
 */
export interface DocumentPublisher {
  /** The entry's document as it is now, if it still exists. */
  current(entry: OutboxEntry): CurrentDocument | undefined;
  /** The entry has no base version yet: the backend's version (and any change there) comes first. */
  needsPullFirst(entry: OutboxEntry): boolean;
  /** Sends the entry; a failure throws (a BackendError, or the app's own). */
  send(entry: OutboxEntry, client: BackendApi, signal: AbortSignal): Promise<SendOutcome>;
  /**
   * Starts reading what sending `entries` will need (an API connection's secrets from the
   * keychain) while other requests are in flight. Optional; never fails (a send meets its own errors).
   */
  prepare?(entries: readonly OutboxEntry[]): void;
  /** Forgets what prepare read for `entries` and no send took. */
  release?(entries: readonly OutboxEntry[]): void;
  /** Why the entry stops when a pull found the backend changed what it changes. */
  readonly conflictMessage: string;
}
