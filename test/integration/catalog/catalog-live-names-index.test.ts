import { describe, expect, it } from 'vitest';
import { catalogStatements } from '../../../electron/core/catalog/catalog-store';
import { useCores } from '../../support/core/open-test-core';
import { useTempDirs } from '../../support/core/temp-dirs';

/** The import's reference look-ups read the live entries by name from their own index, never the entries. */
describe('catalog: live entries by name', () => {
  const tempDir = useTempDirs('catalog-index-');
  const open = useCores();

  it('are answered from the covering index of live entries', () => {
    const { db } = open(tempDir()).services;
    const statements = catalogStatements(db);
    for (const statement of [statements.liveEntriesNamed, statements.liveEntriesNamedOrUnmet]) {
      const args = statement === statements.liveEntriesNamed ? ['[]', '[]'] : ['[]', '[]', '[]'];
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${statement.source}`).all(...args) as Array<{ detail: string }>).map((row) => row.detail);
      expect(plan.join('\n')).toMatch(/USING COVERING INDEX catalog_live_names/);
    }
  });
});
