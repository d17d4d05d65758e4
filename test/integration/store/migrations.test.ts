import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LATEST_VERSION, applyMigrations } from '../../../electron/core/store/migrations';
import { useTempDirs } from '../../support/core/temp-dirs';
import { useCores } from '../../support/core/open-test-core';

const TENANT_ID = '7d0b6f1e-2f7a-4a55-9d7e-3c1b1f2a9e01';
const DOC_ID = '0a6f3c55-8d1e-4b7a-9c2d-5e4f3a2b1c00';
const AI_DRAFT = { threshold: 4, onThreshold: 'specific_division', divisionId: 'div-sales', agentId: null, handoverMessage: 'Sebentar ya' };

/** Data as each schema version could hold it (written with raw SQL: the services are current-version only). */
function seedAtVersion(db: Database.Database, version: number): void {
  if (version >= 1) {
    db.prepare('INSERT INTO tenants (id, name, name_key, backend_url, url_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      TENANT_ID, 'PT Lama', 'pt lama', 'https://old.example/api', 'https://old.example/api', 1_700_000_000_000, 1_700_000_000_000,
    );
  }
  if (version >= 2) {
    db.prepare('INSERT INTO settings_documents (id, tenant_id, kind, draft_json, dirty, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)').run(
      DOC_ID, TENANT_ID, 'ai_response', JSON.stringify(AI_DRAFT), 1_700_000_000_000, 1_700_000_000_000,
    );
    db.prepare("INSERT INTO revisions (document_id, source, draft_json, created_at, updated_at) VALUES (?, 'edit', ?, ?, ?)").run(
      DOC_ID, JSON.stringify(AI_DRAFT), 1_700_000_000_000, 1_700_000_000_000,
    );
  }
  if (version >= 3) {
    db.prepare("INSERT INTO catalog_entries (tenant_id, kind, id, name, updated_at) VALUES (?, 'division', 'div-sales', 'Sales', ?)").run(TENANT_ID, 1);
    db.prepare('INSERT INTO catalog_state (tenant_id, fetched_at) VALUES (?, ?)').run(TENANT_ID, 1_700_000_000_000);
  }
}

function buildAtVersion(file: string, version: number): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  applyMigrations(db, version);
  expect(db.pragma('user_version', { simple: true })).toBe(version);
  seedAtVersion(db, version);
  db.close();
}

function tableNames(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>).map(
    (row) => row.name,
  );
}

describe('migrations', () => {
  const tempDir = useTempDirs();
  const open = useCores();

  it('migrates an empty (0-byte) file to the latest version without a backup', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'store.sqlite'), '');
    const core = open(dir);
    expect(core.services.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(tableNames(core.services.db)).toEqual([
      'catalog_entries',
      'catalog_raw',
      'catalog_state',
      'change_batch_items',
      'change_batches',
      'document_conflicts',
      'meta',
      'outbox',
      'publish_runs',
      'revisions',
      'settings_documents',
      'sync_state',
      'tenant_tags',
      'tenants',
    ]);
    expect(readdirSafe(join(dir, 'backups'))).toEqual([]);
  });

  for (let version = 1; version < LATEST_VERSION; version++) {
    it(`migrates a store at version ${version}: schema complete, data kept, backup taken first`, async () => {
      const dir = tempDir();
      buildAtVersion(join(dir, 'store.sqlite'), version);

      const core = open(dir);
      const { db, tenants, documents, catalog } = core.services;
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      expect(tableNames(db)).toContain('catalog_entries');
      expect(tenants.get(TENANT_ID)).toMatchObject({ name: 'PT Lama', backendUrl: 'https://old.example/api' });
      if (version >= 2) {
        const view = documents.get(TENANT_ID, 'ai_response');
        expect(view.draft).toEqual(AI_DRAFT);
        expect(view.revisionCount).toBe(1);
      }
      // the migrated store works end to end through the router
      catalog.replace(TENANT_ID, { divisions: [{ id: 'div-sales', name: 'Sales' }], agents: [] });
      const saved = await core.dispatcher.dispatch('settings.saveDraft', { tenantId: TENANT_ID, kind: 'ai_response', draft: AI_DRAFT });
      expect(saved.ok).toBe(true);

      const backups = readdirSafe(join(dir, 'backups'));
      expect(backups).toHaveLength(1);
      expect(backups[0]).toMatch(new RegExp(`^store-v${version}-\\d{8}T\\d{9}Z\\.sqlite$`));
      const backup = new Database(join(dir, 'backups', backups[0]!), { readonly: true });
      expect(backup.pragma('user_version', { simple: true })).toBe(version);
      expect(backup.prepare('SELECT name FROM tenants WHERE id = ?').get(TENANT_ID)).toEqual({ name: 'PT Lama' });
      backup.close();
    });
  }

  it('gives the catalog entries of a store before version 10 their name keys, found as the import looks them up', () => {
    const dir = tempDir();
    const file = join(dir, 'store.sqlite');
    buildAtVersion(file, 9);
    const db = new Database(file);
    const entry = db.prepare('INSERT INTO catalog_entries (tenant_id, kind, id, name, removed, position, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1)');
    entry.run(TENANT_ID, 'division', 'div-istanbul', ' İstanbul Office ', 0, 1);
    entry.run(TENANT_ID, 'division', 'div-sales-old', 'SALES', 1, 2);
    entry.run(TENANT_ID, 'agent', 'agt-budi', 'Budi Santoso', 0, 0);
    db.close();

    const core = open(dir);
    const keys = core.services.db.prepare('SELECT id, name_key FROM catalog_entries ORDER BY id').all();
    expect(keys).toEqual([
      { id: 'agt-budi', name_key: 'budi santoso' },
      { id: 'div-istanbul', name_key: 'i\u0307stanbul office' },
      { id: 'div-sales', name_key: 'sales' },
      { id: 'div-sales-old', name_key: 'sales' },
    ]);
    // Removed entries are no match; the rest are found whatever the spelling asked for.
    expect(core.services.catalog.liveEntriesNamed([TENANT_ID], ['İSTANBUL OFFICE', ' sales', 'budi santoso']).get(TENANT_ID)).toEqual({
      divisions: [
        { id: 'div-sales', name: 'Sales', removed: false },
        { id: 'div-istanbul', name: ' İstanbul Office ', removed: false },
      ],
      agents: [{ id: 'agt-budi', name: 'Budi Santoso', removed: false }],
      fetchedAt: new Date(1_700_000_000_000).toISOString(),
    });
  });

  it('keeps the data of the latest version too (reopen is not a migration)', () => {
    const dir = tempDir();
    buildAtVersion(join(dir, 'store.sqlite'), LATEST_VERSION);
    const core = open(dir);
    expect(core.services.catalog.get(TENANT_ID).divisions).toEqual([{ id: 'div-sales', name: 'Sales', removed: false }]);
    expect(readdirSafe(join(dir, 'backups'))).toEqual([]);
  });
});

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
