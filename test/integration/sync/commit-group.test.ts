import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CommitGroup } from '../../../electron/core/sync/publish/commit-group';

/** A real SQLite file in WAL mode, as the store opens it, and a second connection that sees only what was committed. */
describe('sync: writes committed in groups (CommitGroup)', () => {
  let dir: string;
  let db: Database.Database;
  let reader: Database.Database;
  let group: CommitGroup;

  const committed = () => (reader.prepare('SELECT name FROM notes ORDER BY id').all() as { name: string }[]).map((row) => row.name);
  const insert = (name: string) => () => Number(db.prepare('INSERT INTO notes (name) VALUES (?)').run(name).lastInsertRowid);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'commit-group-'));
    db = new Database(join(dir, 'store.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)');
    reader = new Database(join(dir, 'store.sqlite'), { readonly: true });
    group = new CommitGroup(db);
  });

  afterEach(() => {
    reader.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs the writes of one turn in one transaction, in order, and settles each only once they are committed', async () => {
    const seen: Array<{ name: string; inTransaction: boolean; before: string[] }> = [];
    const write = (name: string) => () => {
      seen.push({ name, inTransaction: db.inTransaction, before: committed() });
      return insert(name)();
    };
    const settled: string[] = [];
    const a = group.commit(write('a')).then((id) => settled.push(`a:${id}:${committed().join(',')}`));
    const b = group.commit(write('b')).then((id) => settled.push(`b:${id}:${committed().join(',')}`));
    expect(committed()).toEqual([]); // nothing runs in the caller's turn
    await Promise.all([a, b]);
    // Both ran inside one transaction: the second did not see the first committed yet.
    expect(seen).toEqual([
      { name: 'a', inTransaction: true, before: [] },
      { name: 'b', inTransaction: true, before: [] },
    ]);
    expect(settled).toEqual(['a:1:a,b', 'b:2:a,b']);
  });

  it('a write that throws is undone alone and rejects with its own error; the others of its group are stored', async () => {
    const results = await Promise.allSettled([
      group.commit(insert('first')),
      group.commit(() => {
        insert('half-done')();
        throw new Error('refused by its own rule');
      }),
      group.commit(insert('first')), // UNIQUE: SQLite refuses this statement only
      group.commit(insert('last')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ message: 'refused by its own rule' });
    expect((results[2] as PromiseRejectedResult).reason).toMatchObject({ code: 'SQLITE_CONSTRAINT_UNIQUE' });
    expect(committed()).toEqual(['first', 'last']);
  });

  it('when SQLite rolls the whole transaction back, every write of the group rejects and none is stored', async () => {
    await group.commit(insert('kept'));
    const results = await Promise.allSettled([
      group.commit(insert('lost with the group')),
      // OR ROLLBACK: a constraint failure ends the whole transaction, not just the statement.
      group.commit(() => db.prepare('INSERT OR ROLLBACK INTO notes (name) VALUES (?)').run('kept')),
      group.commit(insert('never run')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(committed()).toEqual(['kept']);
    // The group goes on with the next turn's writes.
    await group.commit(insert('next'));
    expect(committed()).toEqual(['kept', 'next']);
  });

  it('writes given while a group is being committed go into the next one', async () => {
    const order: string[] = [];
    const first = group.commit(() => {
      void group.commit(() => order.push('queued during the commit')).then(() => order.push('second committed'));
      order.push('first ran');
    });
    await first;
    order.push('first committed');
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['first ran', 'first committed', 'queued during the commit', 'second committed']);
  });
});
