import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';

/**
 * The installation's identity and its rising mutation counter: together they make the
 * idempotency keys of publishes (installationId + mutation number), unique across crashes.
 */
export class MetaService {
  readonly installationId: string;
  private readonly nextMutation: Database.Statement<[], { value: number }>;

  constructor(db: Database.Database) {
    db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('installation_id', ?)").run(randomUUID());
    db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('mutation_counter', 0)").run();
    const row = db.prepare("SELECT value FROM meta WHERE key = 'installation_id'").get() as { value: string };
    this.installationId = row.value;
    this.nextMutation = db.prepare("UPDATE meta SET value = value + 1 WHERE key = 'mutation_counter' RETURNING value");
  }

  /** The next mutation number: strictly greater than every number handed out before, durably. */
  nextMutationId(): number {
    return this.nextMutation.get()!.value;
  }
}
