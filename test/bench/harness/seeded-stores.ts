import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore, type Core } from '../../../electron/core/open-core';
import { seedTenants, type BenchTenant } from '../bench-data';
import { timeSync } from './stats';

export interface SeededStore {
  dataDir: string;
  tenants: BenchTenant[];
  seedMs: number;
}

export function openBenchCore(dataDir: string): Core {
  return openCore({ dataDir, appVersion: 'bench', transport: 'host' });
}

/**
 * Data directories with N tenants of realistic data (bench-data.ts), seeded once per run and
 * shared by the areas (the store, the import preview and the renderer all use the 10,000
 * tenants' store). Closed after seeding: the headless host takes the store's lock for itself.
 */
export class SeededStores {
  private readonly root = mkdtempSync(join(tmpdir(), 'bench-stores-'));
  private readonly stores = new Map<number, SeededStore>();

  get(count: number): SeededStore {
    let store = this.stores.get(count);
    if (!store) {
      const dataDir = join(this.root, `tenants-${count}`);
      const core = openBenchCore(dataDir);
      let tenants: BenchTenant[] = [];
      try {
        const seedMs = timeSync(() => (tenants = seedTenants(core, count)));
        store = { dataDir, tenants, seedMs };
      } finally {
        void core.close();
      }
      this.stores.set(count, store);
    }
    return store;
  }

  /** A fresh directory for an area's own files, removed with the stores. */
  scratch(name: string): string {
    return mkdtempSync(join(this.root, `${name}-`));
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
