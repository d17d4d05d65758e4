import type { RpcDispatcher, RpcEventName } from '../../shared/rpc/contract';
import { systemClock, type Clock } from './clock';
import { createCoreServices, type CoreServices } from './core-services';
import { EventBus } from './events/event-bus';
import { createHandlers } from './rpc/handlers';
import { createRouter } from './rpc/router';
import { openStoreDatabase } from './store/open-database';
import type { Vault } from './vault/vault';
import type { SyncEngineOptions } from './sync/sync-engine';

export { StoreOpenError, type StoreOpenErrorCode } from './store/store-open-error';
export { recoverStore, type RecoverResult } from './store/recover-store';
export type { CoreServices } from './core-services';

export interface CoreOptions {
  dataDir: string;
  appVersion: string;
  transport: 'electron' | 'host';
  /** Time source (tests move it to check revision coalescing). */
  clock?: Clock;
  /** Told about unexpected failures (bugs, store trouble, a keychain clean-up that failed) for the log; default: console.error. */
  onUnexpectedError?: (channel: string, error: unknown) => void;
  /** The OS keychain; default: keytar under the store's own service name. Only for tests of failures that cannot be caused for real. */
  vault?: Vault;
  /** Sync's timeouts, retries and concurrency (tests shorten them). */
  sync?: SyncEngineOptions;
}

export interface Core {
  readonly dataDir: string;
  readonly dispatcher: RpcDispatcher;
  readonly services: CoreServices;
  /** The events of shared rpcEvents ('tenant.changed' after every write). Returns unsubscribe. */
  onEvent(listener: (name: RpcEventName, payload: unknown) => void): () => void;
  /** Resolves when the start-up housekeeping (the keychain's orphan sweep) is over; it never rejects. */
  whenIdle(): Promise<void>;
  /**
   * Stops everything, then closes the store and releases its lock; later requests get
   * STORE_UNAVAILABLE. In reverse order of start: the health checks, the publish runs (entries in
   * flight are resent at the next start), the keychain queue (the tasks it took finish), the
   * start-up housekeeping, then the database. Idempotent: every call resolves when it is closed.
   */
  close(): Promise<void>;
}

/** Opens (creating, checking and migrating) the store in `dataDir`. Throws StoreOpenError. */
export function openCore(options: CoreOptions): Core {
  const clock = options.clock ?? systemClock;
  const { db } = openStoreDatabase(options.dataDir, clock);
  let open = true;
  let closing: Promise<void> | null = null;
  try {
    const events = new EventBus();
    const onUnexpectedError = options.onUnexpectedError ?? ((channel: string, error: unknown) => console.error(`core: ${channel} failed`, error));
    const services = createCoreServices(db, events, clock, { vault: options.vault, log: onUnexpectedError, sync: options.sync });
    const handlers = createHandlers(services, { version: options.appVersion, dataDir: options.dataDir, transport: options.transport });
    const dispatcher = createRouter(handlers, { isOpen: () => open, onUnexpectedError });
    // Deleted connections the backend never had go now; the sweep then removes their secrets
    // and any other orphan, in the background: the keychain may be slow or absent.
    services.apiConnections.purgeUnpublishedDeletions();
    services.dealSettings.purgeUnpublishedDeletions();
    const housekeeping = services.vaultHousekeeping.start();
    // Publishes a crash or a quit interrupted go on (in-flight entries resent with their idempotency keys).
    services.sync.resumeUnfinished();
    // The signed-in tenants' backends are checked now and then (online state), more rarely while offline.
    services.sync.startHealthChecks();
    // Reverse order of start: the health checks and the publish runs stop taking work (requests
    // in flight are aborted), the keychain queue takes no new task and finishes the ones it took
    // (the start-up sweep among them), then the database closes. With nothing going on, all of
    // it happens within the call, so the store's lock is free when close() returns.
    const closeInOrder = async (): Promise<void> => {
      const idle = services.sync.isIdle() && services.vaultQueue.isIdle();
      const stopping = services.sync.stop();
      const draining = services.vaultQueue.close();
      if (idle) {
        db.close();
        return;
      }
      try {
        await stopping;
        await draining;
        await housekeeping;
      } finally {
        db.close();
      }
    };
    return {
      dataDir: options.dataDir,
      dispatcher,
      services,
      onEvent: (listener) => events.on(listener),
      whenIdle: () => housekeeping,
      close() {
        open = false;
        closing ??= closeInOrder();
        return closing;
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
