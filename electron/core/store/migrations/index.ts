import type Database from 'better-sqlite3';
import type { Migration } from './migration';
import { migration001Tenants } from './001-tenants';
import { migration002SettingsDocuments } from './002-settings-documents';
import { migration003Catalog } from './003-catalog';
import { migration004VaultOwners } from './004-vault-owners';
import { migration005Sync } from './005-sync';
import { migration006TagsAndChangeBatches } from './006-tags-and-change-batches';
import { migration007CollectionSync } from './007-collection-sync';
import { migration008BackendKinds } from './008-backend-kinds';
import { migration009CatalogLiveNames } from './009-catalog-live-names';
import { migration010CatalogNameKeys } from './010-catalog-name-keys';

export type { Migration } from './migration';
export { APPLICATION_ID } from './001-tenants';

/** Every schema step, in order. A new step goes at the end, in a file of its own; never edit a shipped one. */
export const MIGRATIONS: readonly Migration[] = [migration001Tenants, migration002SettingsDocuments, migration003Catalog, migration004VaultOwners, migration005Sync, migration006TagsAndChangeBatches, migration007CollectionSync, migration008BackendKinds, migration009CatalogLiveNames, migration010CatalogNameKeys];

export const LATEST_VERSION = MIGRATIONS.length;

/** Applies the steps after the current user_version up to `target`, each atomically with its version. */
export function applyMigrations(db: Database.Database, target: number = LATEST_VERSION): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const step of MIGRATIONS) {
    if (step.version <= current || step.version > target) continue;
    db.transaction(() => {
      step.up(db);
      db.pragma(`user_version = ${step.version}`);
    })();
  }
}
