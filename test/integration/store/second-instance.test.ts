import { describe, expect, it } from 'vitest';
import { StoreOpenError, openCore } from '../../../electron/core/open-core';
import { killHard, spawnTsScript, waitForLine } from '../../support/core/child-process';
import { useTempDirs } from '../../support/core/temp-dirs';
import { useCores } from '../../support/core/open-test-core';

function openFails(dir: string): StoreOpenError {
  try {
    void openCore({ dataDir: dir, appVersion: '0.0.0-test', transport: 'host' }).close();
  } catch (error) {
    expect(error).toBeInstanceOf(StoreOpenError);
    return error as StoreOpenError;
  }
  throw new Error('the second instance was let in');
}

describe('a second instance on the same data dir', () => {
  const tempDir = useTempDirs();
  const open = useCores();

  it('is refused with STORE_LOCKED while another process holds the store, and let in once that process dies', async () => {
    const dir = tempDir();
    const child = spawnTsScript('test/support/core/hold-store.ts', [dir]);
    try {
      await waitForLine(child, /^ready$/, 20_000);
      const started = Date.now();
      const error = openFails(dir);
      expect(error.code).toBe('STORE_LOCKED');
      expect(error.message).toContain('already in use by another copy of the app');
      expect(error.recovery).toMatch(/quit it/);
      expect(Date.now() - started).toBeLessThan(2_000); // told at once, not after a long wait
    } finally {
      await killHard(child);
    }
    // the OS released the dead process's lock: no stale lock file to clean up
    const core = open(dir);
    expect(core.services.tenants.list()).toEqual([]);
  });

  it('lets the child in only after this process closes its core', async () => {
    const dir = tempDir();
    const mine = open(dir);
    const child = spawnTsScript('test/support/core/hold-store.ts', [dir]);
    try {
      const stderr: string[] = [];
      child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
      const exitCode = await Promise.race([
        new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code))),
        new Promise<string>((resolve) => setTimeout(() => resolve('still running after 20 s'), 20_000)),
      ]);
      expect(exitCode).toBe(1);
      expect(stderr.join('')).toContain('STORE_LOCKED');
    } finally {
      await killHard(child);
    }
    await mine.close();
    const second = spawnTsScript('test/support/core/hold-store.ts', [dir]);
    try {
      await waitForLine(second, /^ready$/, 20_000);
    } finally {
      second.stdin.end();
      await new Promise((resolve) => second.on('exit', resolve));
    }
  });

  it('is refused within the same process too', () => {
    const dir = tempDir();
    open(dir);
    expect(openFails(dir).code).toBe('STORE_LOCKED');
  });
});
