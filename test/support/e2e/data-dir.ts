import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh, empty data directory for one host; remove it once the host has stopped. */
export function makeDataDir(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'csd-e2e-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
