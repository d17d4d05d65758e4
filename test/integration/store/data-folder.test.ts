import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreOpenError, openCore, recoverStore } from '../../../electron/core/open-core';
import { makeReadOnly } from '../../support/core/read-only-folder';
import { useTempDirs } from '../../support/core/temp-dirs';
import { useCores } from '../../support/core/open-test-core';

function sha(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function failure(action: () => unknown): StoreOpenError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(StoreOpenError);
    return error as StoreOpenError;
  }
  throw new Error('did not fail');
}

const openAt = (dir: string) => () => openCore({ dataDir: dir, appVersion: '0.0.0-test', transport: 'host' }).close();

describe('a data folder that is read-only or missing', () => {
  const tempDir = useTempDirs();
  const open = useCores();
  const undo: Array<() => void> = [];
  afterEach(() => {
    while (undo.length > 0) undo.pop()!();
  });

  function storeIn(dir: string): string {
    const core = open(dir);
    core.services.tenants.create({ name: 'PT Tetap Utuh' });
    void core.close();
    return join(dir, 'store.sqlite');
  }

  it('says "not writable" (not "cannot be read", not damage) for a store on a read-only folder, and changes nothing', () => {
    const dir = tempDir();
    const file = storeIn(dir);
    const before = sha(file);
    undo.push(makeReadOnly(dir));

    const error = failure(openAt(dir));
    expect(error.code).toBe('STORE_NOT_WRITABLE');
    expect(error.message).toBe(`The data folder ${dir} is not writable: it is on a read-only disk or file system.`);
    expect(error.recovery).toMatch(/not damaged/);
    expect(`${error.message} ${error.recovery}`).not.toMatch(/cannot be read|I\/O|Recover"/);
    expect(sha(file)).toBe(before);
  });

  it('says "not found" for a missing folder that cannot be created, naming the read-only parent', () => {
    const parent = tempDir();
    undo.push(makeReadOnly(parent));
    const dir = join(parent, 'gone', 'data');

    const error = failure(openAt(dir));
    expect(error.code).toBe('STORE_NOT_FOUND');
    expect(error.message).toBe(`The data folder ${dir} was not found: it cannot be created: ${parent} is on a read-only disk or file system.`);
    expect(error.message).not.toMatch(/ENOENT|mkdir/);
  });

  it('creates a missing folder that can be created', async () => {
    const dir = join(tempDir(), 'new', 'data');
    await open(dir).close();
    expect(existsSync(join(dir, 'store.sqlite'))).toBe(true);
  });

  it('recovery refuses with a reason on a read-only folder and moves nothing', () => {
    const dir = tempDir();
    const file = storeIn(dir);
    undo.push(makeReadOnly(dir));
    const error = failure(() => recoverStore(dir));
    expect(error.code).toBe('STORE_NOT_WRITABLE');
    expect(error.message).not.toMatch(/ENOENT|EROFS/);
    expect(existsSync(file)).toBe(true);
    expect(existsSync(join(dir, 'damaged'))).toBe(false);
  });

  it('recovery refuses a missing folder without creating it', () => {
    const dir = join(tempDir(), 'missing');
    const error = failure(() => recoverStore(dir));
    expect(error.code).toBe('STORE_NOT_FOUND');
    expect(error.message).toBe(`The data folder ${dir} was not found: there is no such folder.`);
    expect(existsSync(dir)).toBe(false);
  });

  it('recovery refuses a store that is not damaged, and leaves it where it is', () => {
    const dir = tempDir();
    const file = storeIn(dir);
    const before = sha(file);
    const error = failure(() => recoverStore(dir));
    expect(error.code).toBe('STORE_NOT_DAMAGED');
    expect(error.message).toMatch(/not damaged/);
    expect(sha(file)).toBe(before);
    expect(readdirSync(dir)).not.toContain('damaged');
    mkdirSync(join(dir, 'more'));
    expect(open(dir).services.tenants.list().map((tenant) => tenant.name)).toEqual(['PT Tetap Utuh']);
  });
});
