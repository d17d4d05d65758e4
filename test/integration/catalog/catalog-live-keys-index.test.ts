import { describe, expect, it } from 'vitest';
import { catalogStatements } from '../../../electron/core/catalog/catalog-store';
import { useCores } from '../../support/core/open-test-core';
import { useTempDirs } from '../../support/core/temp-dirs';

/** The import's reference look-ups seek the live entries by name key in their own index, never reading the entries. */
describe('catalog: live entries by name key', () => {
  const tempDir = useTempDirs('catalog-index-');
  const open = useCores();

  it('are sought in the covering index of live entries, by tenant and key', () => {
    const { db } = open(tempDir()).services;
    const { liveEntriesKeyed } = catalogStatements(db);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${liveEntriesKeyed.source}`).all('[]', '[]') as Array<{ detail: string }>).map((row) => row.detail);
    expect(plan.join('\n')).toMatch(/USING COVERING INDEX catalog_live_keys \(tenant_id=\? AND name_key=\?\)/);
  });
});
