import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Each table of the local store is written by exactly one module, its owner: the statements that
 * insert, update, replace or delete its rows are there and nowhere else in the core. (Migrations
 * create and reshape the tables and are not counted.)
 */
const OWNERS: Record<string, string> = {
  meta: 'meta/meta-store.ts',
  tenants: 'tenants/tenant-store.ts',
  tenant_tags: 'tenants/tenant-store.ts',
  settings_documents: 'documents/document-store.ts',
  revisions: 'documents/document-store.ts',
  document_conflicts: 'documents/document-store.ts',
  catalog_entries: 'catalog/catalog-store.ts',
  catalog_state: 'catalog/catalog-store.ts',
  catalog_raw: 'catalog/catalog-store.ts',
  sync_state: 'sync/sync-store.ts',
  publish_runs: 'sync/sync-store.ts',
  outbox: 'sync/sync-store.ts',
  change_batches: 'apply/batch-store.ts',
  change_batch_items: 'apply/batch-store.ts',
};

const CORE = join(__dirname, '../../../electron/core');
const WRITE = /\b(?:INSERT(?:\s+OR\s+(?:IGNORE|REPLACE|ABORT|FAIL|ROLLBACK))?\s+INTO|REPLACE\s+INTO|UPDATE|DELETE\s+FROM)\s+([A-Za-z_][A-Za-z0-9_]*)/g;

interface Write {
  file: string;
  table: string;
  line: number;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return path.endsWith(join('store', 'migrations')) ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every write statement in the core, by file and table (`DO UPDATE SET` of an upsert is part of its INSERT). */
export function findWrites(files: Array<{ file: string; text: string }>): Write[] {
  return files.flatMap(({ file, text }) =>
    [...text.matchAll(WRITE)]
      .filter((match) => match[1] !== 'SET')
      .map((match) => ({ file, table: match[1]!, line: text.slice(0, match.index).split('\n').length })),
  );
}

const writes = findWrites(sourceFiles(CORE).map((path) => ({ file: relative(CORE, path).split('\\').join('/'), text: readFileSync(path, 'utf8') })));

describe('table ownership', () => {
  it('finds the writes of every table in its owner module', () => {
    for (const [table, owner] of Object.entries(OWNERS)) {
      expect(writes.some((write) => write.table === table && write.file === owner), `${table} written in ${owner}`).toBe(true);
    }
  });

  it('writes each table only in its owner module, and only tables that have one', () => {
    const strays = writes
      .filter((write) => OWNERS[write.table] !== write.file)
      .map((write) => `${write.file}:${write.line} writes ${write.table} (owner: ${OWNERS[write.table] ?? 'none'})`);
    expect(strays).toEqual([]);
  });

  it('reports a write outside the owner, with its file', () => {
    const stray = findWrites([{ file: 'elsewhere.ts', text: "db.prepare('UPDATE tenants SET name = ? WHERE id = ?')" }]);
    expect(stray).toEqual([{ file: 'elsewhere.ts', table: 'tenants', line: 1 }]);
    const upsert = findWrites([{ file: 'x.ts', text: 'INSERT INTO outbox (a) VALUES (1) ON CONFLICT (a) DO UPDATE SET a = 2' }]);
    expect(upsert.map((write) => write.table)).toEqual(['outbox']);
  });
});
