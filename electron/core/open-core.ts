import type { RpcDispatcher, RpcEventName } from '../../shared/rpc/contract';
import { systemClock, type Clock } from './clock';
import { createCoreServices, type CoreServices } from './core-services';
import { EventBus } from './events/event-bus';
import { createLogger, type Logger } from './logging/logger';
import { createHandlers } from './rpc/handlers';
import { createDiagnosticsService } from './diagnostics/create-diagnostics-service';
import { createRouter } from './rpc/router';
import { openStoreDatabase } from './store/open-database';
import type { Vault } from './vault/vault';
import type { SyncEngineOptions } from './sync/sync-engine';
import type { Clipboard } from './change-sheet/clipboard';
import type { SheetPdf } from './change-sheet/sheet-pdf';

export { StoreOpenError, type StoreOpenErrorCode } from './store/store-open-error';
export { recoverStore, type RecoverResult } from './store/recover-store';
export type { CoreServices } from './core-services';
export type { Logger } from './logging/logger';

export interface CoreOptions {
  dataDir: string;
  appVersion: string;
  transport: 'electron' | 'host';
  /** Time source (tests move it to check revision coalescing). */
  clock?: Clock;
  /**
   * Told about unexpected failures (bugs, store trouble, a keychain clean-up that failed), after
   * they went to the log. When given, the log does not also echo them to stderr.
   */
  onUnexpectedError?: (channel: string, error: unknown) => void;
  /** Default: the rotating log in the data folder's logs/, echoing warnings and errors to stderr. */
  logger?: Logger;
  /** The OS keychain; default: keytar under the store's own service name. Only for tests of failures that cannot be caused for real. */
  vault?: Vault;
  /** Sync's timeouts, retries and concurrency (tests shorten them). */
  sync?: SyncEngineOptions;
  /** The system clipboard for a change sheet's Copy (Electron's, or the host's X clipboard); default: none (Copy is refused). */
  clipboard?: Clipboard;
  /** Saves a change sheet as PDF (Electron's hidden print window); default: none (PDF_UNAVAILABLE: the browser prints to PDF). */
  sheetPdf?: SheetPdf;
}

export interface Core {
  readonly dataDir: string;
  readonly dispatcher: RpcDispatcher;
  readonly services: CoreServices;
  /** The app's log (one line per event, redacted, size-capped). */
  readonly logger: Logger;
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
  const { db, paths, backupPath } = openStoreDatabase(options.dataDir, clock);
  let open = true;
  let closing: Promise<void> | null = null;
  const logger = options.logger ?? createLogger({ file: { dir: paths.logs }, echo: options.onUnexpectedError ? null : (text) => process.stderr.write(text) });
  try {
    logger.info('store', `opened ${paths.db} (${options.transport}, app ${options.appVersion})${backupPath ? `; upgraded, the previous version kept at ${backupPath}` : ''}`);
    const events = new EventBus();
    const onUnexpectedError = (channel: string, error: unknown): void => {
      logger.failure(channel, error);
      options.onUnexpectedError?.(channel, error);
    };
    const services = createCoreServices(db, events, clock, { vault: options.vault, log: onUnexpectedError, sync: options.sync, clipboard: options.clipboard, sheetPdf: options.sheetPdf });
    services.appSettings.applyNetwork((message) => logger.warn('network', message));
    const app = { version: options.appVersion, dataDir: options.dataDir, transport: options.transport };
    const diagnostics = createDiagnosticsService({ db, paths, app, logger, clock, vaultHousekeeping: services.vaultHousekeeping });
    const handlers = createHandlers(services, app, { diagnostics });
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
    const closeDatabase = (): void => {
      db.close();
      logger.info('store', 'closed');
      if (!options.logger) logger.close();
    };
    const closeInOrder = async (): Promise<void> => {
      const idle = services.sync.isIdle() && services.vaultQueue.isIdle() && services.importer.isIdle();
      // An import being applied stops between two batches (what it applied stays).
      const importing = services.importer.stop().then(() => services.importer.close());
      const stopping = services.sync.stop();
      const draining = services.vaultQueue.close();
      if (idle) {
        closeDatabase();
        return;
      }
      try {
        await importing;
        await stopping;
        await draining;
        await housekeeping;
      } finally {
        closeDatabase();
      }
    };
    return {
      dataDir: options.dataDir,
      dispatcher,
      services,
      logger,
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
    logger.failure('store', error);
    if (!options.logger) logger.close();
    throw error;
  }
}
