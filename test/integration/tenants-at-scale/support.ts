import type Database from 'better-sqlite3';
import { expect } from 'vitest';
import type { Core } from '../../../electron/core/open-core';
import { isRpcChannel, rpcContract } from '../../../shared/rpc/contract';
import type { RpcErrorBody } from '../../../shared/rpc/rpc-error';
import type { CatalogSnapshot } from '../../../shared/schemas/catalog';
import type { Tenant } from '../../../shared/schemas/tenant';
import { useCores } from '../../fixtures/core/open-test-core';
import { useTempDirs } from '../../fixtures/core/temp-dirs';

/** Calls through the dispatcher like the renderer does; every answer is checked against the contract. */
export class Rpc {
  constructor(readonly core: Core) {}

  async ok<T = unknown>(channel: string, input: unknown): Promise<T> {
    const result = await this.core.dispatcher.dispatch(channel, input);
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
    if (isRpcChannel(channel)) rpcContract[channel].output.parse(result.value);
    return result.value as T;
  }

  async error(channel: string, input: unknown): Promise<RpcErrorBody> {
    const result = await this.core.dispatcher.dispatch(channel, input);
    expect(result.ok, `${channel} should have failed`).toBe(false);
    if (result.ok) throw new Error('unreachable');
    return result.error;
  }

  tenant(name: string, backendUrl?: string): Promise<Tenant> {
    return this.ok<Tenant>('tenants.create', backendUrl === undefined ? { name } : { name, backendUrl });
  }
}

/** A core on a fresh temp store per test, closed and removed after it. */
export function useTasCore(prefix = 'tenants-at-scale-'): () => { core: Core; rpc: Rpc } {
  const tempDir = useTempDirs(prefix);
  const open = useCores();
  return () => {
    const core = open(tempDir());
    return { core, rpc: new Rpc(core) };
  };
}

/** Divisions and agents by name: the ids differ per tenant (each backend has its own), the names match. */
export function catalogWith(prefix: string, divisions: string[], agents: string[]): CatalogSnapshot {
  return {
    divisions: divisions.map((name, i) => ({ id: `${prefix}-div-${i}`, name })),
    agents: agents.map((name, i) => ({ id: `${prefix}-agt-${i}`, name, divisionIds: [] })),
  };
}

const TABLES = ['tenants', 'tenant_tags', 'settings_documents', 'revisions', 'catalog_entries', 'change_batches', 'change_batch_items'];

/** Every row of the tables these features write: "nothing changed" means equal snapshots. */
export function snapshot(db: Database.Database): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const table of TABLES) out[table] = db.prepare(`SELECT * FROM ${table}`).all().map((row) => JSON.stringify(row)).sort();
  return out;
}

export const MISSING_ID = '3f1d7c2a-9b8e-4d6f-a5c4-b3a2918070f6';
