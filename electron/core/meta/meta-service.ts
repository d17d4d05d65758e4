import type Database from 'better-sqlite3';
import { MetaStore } from './meta-store';

/**
 * The installation's identity and its rising mutation counter: together they make the
 * idempotency keys of publishes (installationId + mutation number), unique across crashes.
 */
export class MetaService {
  readonly installationId: string;
  private readonly store: MetaStore;

  constructor({ db }: { db: Database.Database }) {
    this.store = new MetaStore(db);
    this.installationId = this.store.ensureInstallation();
  }

  /** The next mutation number: strictly greater than every number handed out before, durably. */
  nextMutationId(): number {
    return this.store.nextMutationId();
  }
}
