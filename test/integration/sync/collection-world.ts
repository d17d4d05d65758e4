import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Core } from '../../../electron/core/open-core';
import type { ApiConnectionInput } from '../../../shared/schemas/api-connection';
import { apiConnectionSchema } from '../../../shared/schemas/api-connection';
import type { DealSetting } from '../../../shared/schemas/crm';
import type { PublishRun } from '../../../shared/schemas/sync';
import type { SandboxAdmin } from '../../sandbox/admin-client';
import type { Account } from './publish-world';
import { addTenant } from './sync-fixture';

/**
 * Tenants with API connections (secrets included) and deal settings, for the publish tests of
 * collection documents. Every secret holds the marker SECRET_MARKER, so that a scan of the store's
 * files can prove none reached SQLite.
 */
export const SECRET_MARKER = 'zz-secret-';
export const CONNECTIONS_PER_TENANT = 5;

export interface CollectionTenant extends Account {
  tenantId: string;
  crm: boolean;
  /** Intended state: by code. */
  connections: Map<string, ApiConnectionInput>;
  /** Intended state: by bot response. */
  dealSettings: Map<string, DealSetting>;
}

export function intendedConnection(n: number, k: number, revision = 0): ApiConnectionInput {
  return {
    name: `Connection ${k}${revision ? ` r${revision}` : ''}`,
    description: `API ${k} of tenant ${n}`,
    code: `T${n}_C${k}`,
    baseUrl: `https://api-${k}.example.test/v1`,
    settings: k % 2 === 0 ? { owner_email: `${SECRET_MARKER}settings-${n}-${k}-${revision}@example.test`, retries: k } : null,
    headers: { apikey: `${SECRET_MARKER}header-${n}-${k}-${revision}` },
    token:
      k === CONNECTIONS_PER_TENANT - 1
        ? { token_type: 'Bearer', access_token: `${SECRET_MARKER}access-${n}-${k}-${revision}`, expires_in: 3600, refresh_token: `${SECRET_MARKER}refresh-${n}-${k}`, created_at: 1_700_000_000 }
        : null,
  };
}

export function intendedDealSetting(botResponseId: string, n: number, revision = 0): DealSetting {
  return {
    botResponseId,
    enabled: true,
    pipelineId: 'pl-sales',
    stageId: revision % 2 === 0 ? 'st-new' : 'st-qualified',
    dealName: `Deal from ${botResponseId} (tenant ${n}, r${revision})`,
    ownerId: 'owner-ayu',
    sourceId: 'src-chatbot',
    customerContactAssociation: n % 2 === 0,
  };
}

/** Signs in, pulls (the CRM catalog for deal settings), then creates the connections and deal settings locally. */
export async function prepareCollectionTenants(core: Core, baseUrl: string, accounts: Account[], crmOf: (n: number) => boolean): Promise<CollectionTenant[]> {
  const out: CollectionTenant[] = [];
  for (const [n, account] of accounts.entries()) {
    const tenantId = addTenant(core, account.username, baseUrl);
    await core.services.sync.signIn(tenantId, account.username, account.password);
    await core.services.sync.pull(tenantId);
    const connections = new Map<string, ApiConnectionInput>();
    for (let k = 0; k < CONNECTIONS_PER_TENANT; k++) {
      const connection = intendedConnection(n, k);
      await core.services.apiConnections.create({ tenantId, ...connection });
      connections.set(connection.code, connection);
    }
    const dealSettings = new Map<string, DealSetting>();
    if (crmOf(n)) {
      for (const botResponseId of ['br-pricing', 'br-order']) {
        const deal = intendedDealSetting(botResponseId, n);
        core.services.dealSettings.create({ tenantId, draft: deal });
        dealSettings.set(botResponseId, deal);
      }
    }
    out.push({ ...account, tenantId, crm: crmOf(n), connections, dealSettings });
  }
  return out;
}

/** Publishes until no ready entry is left (signing in again where a session ended). Bounded. */
export async function publishUntilSettled(core: Core, tenants: { tenantId: string; username: string; password: string }[], maxRuns = 8): Promise<PublishRun[]> {
  const runs: PublishRun[] = [];
  const ids = tenants.map((t) => t.tenantId);
  for (let round = 0; round < maxRuns; round++) {
    for (const tenant of tenants) {
      if (!core.services.sync.status(tenant.tenantId).signedIn) await core.services.sync.signIn(tenant.tenantId, tenant.username, tenant.password);
    }
    const ready = core.services.sync.plan(ids).flatMap((plan) => plan.entries.filter((entry) => entry.status === 'ready'));
    if (ready.length === 0) return runs;
    const started = core.services.sync.publish(ids);
    runs.push(await core.services.sync.waitForRun(started.runId));
  }
  throw new Error(`still unpublished after ${maxRuns} runs: ${JSON.stringify(runs.at(-1)?.results.filter((r) => r.state !== 'done'))}`);
}

interface Expect {
  (value: unknown, message?: string): { toEqual(v: unknown): void; toBe(v: unknown): void };
}

/**
 * The sandbox holds exactly the intended connections and deal settings (each once: nothing was
 * created twice), and the app agrees: nothing dirty, each document has the backend's id and
 * version as its base.
 */
export async function expectCollectionsPublished(core: Core, admin: SandboxAdmin, tenants: CollectionTenant[], expect: Expect): Promise<void> {
  for (const tenant of tenants) {
    const state = await admin.state(tenant.username);
    const remoteConnections = [...state.apiConnections].sort((a, b) => String(a.value.code).localeCompare(String(b.value.code)));
    const intended = [...tenant.connections.values()].sort((a, b) => a.code.localeCompare(b.code)).map((c) => apiConnectionSchema.parse(c));
    expect(remoteConnections.map((r) => r.value), `connections of ${tenant.username}`).toEqual(intended);
    const remoteDeals = [...state.dealSettings].sort((a, b) => String(a.value.botResponseId).localeCompare(String(b.value.botResponseId)));
    expect(remoteDeals.map((r) => r.value), `deal settings of ${tenant.username}`).toEqual([...tenant.dealSettings.values()].sort((a, b) => a.botResponseId.localeCompare(b.botResponseId)));

    const rows = core.services.db
      .prepare("SELECT kind, remote_id, base_version, dirty, deleted FROM settings_documents WHERE tenant_id = ? AND kind IN ('api_connection', 'deal_setting')")
      .all(tenant.tenantId) as { kind: string; remote_id: string | null; base_version: string | null; dirty: number; deleted: number }[];
    const local = rows.map((row) => `${row.kind} ${row.remote_id} ${row.base_version} ${row.dirty} ${row.deleted}`).sort();
    const remote = [
      ...state.apiConnections.map((r) => `api_connection ${r.id} ${r.version} 0 0`),
      ...state.dealSettings.map((r) => `deal_setting ${r.id} ${r.version} 0 0`),
    ].sort();
    expect(local, `local rows of ${tenant.username}`).toEqual(remote);
    expect(core.services.sync.status(tenant.tenantId).conflictCount).toBe(0);
  }
}

/** Every byte of the store's files (database, WAL, backups). */
export function storeFilesText(dataDir: string): string {
  return readdirSync(dataDir)
    .filter((name) => name.startsWith('store'))
    .map((name) => readFileSync(join(dataDir, name)).toString('latin1'))
    .join('\n');
}
