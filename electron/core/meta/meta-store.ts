import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';

/**
 * The owner of the meta table (one row per key): the installation's id, the rising mutation
 * counter, the flags that the keychain was ever written and that the store's entries are all in its
 * own keychain service, and the app settings (`setting.<name>`).
 * Every statement that names it is here.
 */
export class MetaStore {
  private readonly stmt;

  constructor(db: Database.Database) {
    this.stmt = {
      initInstallation: db.prepare<[string]>("INSERT OR IGNORE INTO meta (key, value) VALUES ('installation_id', ?)"),
      initCounter: db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('mutation_counter', 0)"),
      installationId: db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'installation_id'"),
      nextMutation: db.prepare<[], { value: number }>("UPDATE meta SET value = value + 1 WHERE key = 'mutation_counter' RETURNING value"),
      vaultUsed: db.prepare<[], { one: number }>("SELECT 1 AS one FROM meta WHERE key = 'vault_used'"),
      markVaultUsed: db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('vault_used', 1)"),
      vaultOwnService: db.prepare<[], { one: number }>("SELECT 1 AS one FROM meta WHERE key = 'vault_own_service'"),
      markVaultOwnService: db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('vault_own_service', 1)"),
      setting: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
      setSetting: db.prepare<[string, string]>('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
      removeSetting: db.prepare<[string]>('DELETE FROM meta WHERE key = ?'),
    };
  }

  /** Creates the installation's id and counter on first use; returns the id. */
  ensureInstallation(): string {
    this.stmt.initInstallation.run(randomUUID());
    this.stmt.initCounter.run();
    return this.stmt.installationId.get()!.value;
  }

  /** The next mutation number: strictly greater than every number handed out before, durably. */
  nextMutationId(): number {
    return this.stmt.nextMutation.get()!.value;
  }

  /** True once this store has written a secret to the keychain. */
  isVaultUsed(): boolean {
    return this.stmt.vaultUsed.get() !== undefined;
  }

  /**
   * Before the first write: a store that had never written a secret writes all of them into its own
   * keychain service, so it is marked as having nothing in the shared one.
   */
  markVaultUsed(): void {
    if (this.stmt.markVaultUsed.run().changes > 0) this.stmt.markVaultOwnService.run();
  }

  /** True when the store's keychain entries are all in its own service (none left in the service stores once shared). */
  isVaultOwnService(): boolean {
    return this.stmt.vaultOwnService.get() !== undefined;
  }

  markVaultOwnService(): void {
    this.stmt.markVaultOwnService.run();
  }

  /** An app setting (key `setting.<name>`), as text; null when not set. */
  setting(name: string): string | null {
    const row = this.stmt.setting.get(`setting.${name}`);
    return typeof row?.value === 'string' ? row.value : null;
  }

  setSetting(name: string, value: string | null): void {
    if (value === null) this.stmt.removeSetting.run(`setting.${name}`);
    else this.stmt.setSetting.run(`setting.${name}`, value);
  }
}
