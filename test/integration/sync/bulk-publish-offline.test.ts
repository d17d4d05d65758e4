import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreOptions } from '../../../electron/core/open-core';
import type { PublishProgress, SyncStatus } from '../../../shared/schemas/sync';
import { SandboxAdmin } from '../../sandbox/admin-client';
import { startSandbox, type RunningSandbox } from '../../sandbox/server';
import { ADMIN_SECRET } from '../../support/sandbox/sandbox-fixture';
import { failedTenants, rpc, runEnded } from './bulk-publish-world';
import { createAccounts, expectPublished, prepareTenants } from './publish-world';
import { inside, openSyncWorld, SKIP_REASON, waitUntil, type SyncWorld } from './sync-fixture';

if (!inside) console.warn(`[sync bulk-publish-offline] skipped: ${SKIP_REASON}`);

const TENANTS = 12;
const SYNC: CoreOptions['sync'] = { timeoutMs: 700, retry: { baseDelayMs: 20, maxDelayMs: 150, maxAttempts: 3 }, concurrency: 2 };

/**
 * Bulk publish while going offline midway (bad input): the backend goes away during the
 * run. The run ends (it does not hang), the tenants it could not reach are failed with a
 * backend-unreachable reason and marked offline, nothing is lost; once the backend is back on
 * the same data, `Retry failed` (a publish of only those tenants) completes them.
 */
describe.skipIf(!inside)('sync: bulk publish while going offline midway', () => {
  let world: SyncWorld;
  let sandboxDir: string;
  let restarted: RunningSandbox | null = null;
  beforeAll(async () => {
    sandboxDir = mkdtempSync(join(tmpdir(), 'sandbox-offline-'));
    world = await openSyncWorld({ dataDir: sandboxDir });
  });
  afterAll(async () => {
    try {
      await world?.close();
      await restarted?.close();
    } finally {
      rmSync(sandboxDir, { recursive: true, force: true });
    }
  });

  it('fails the unreachable rest as offline, keeps every draft, and Retry failed completes them', async () => {
    const { admin, sandbox } = world.sandbox;
    const core = world.open({ sync: SYNC });
    const tenants = await prepareTenants(core, sandbox.baseUrl, await createAccounts(admin, 'offline', TENANTS));
    const ids = tenants.map((t) => t.tenantId);
    await admin.setFaults({ rules: [{ route: 'PUT /chatbot/settings/**', latencyMs: 150 }] });

    const progress = await rpc<PublishProgress>(core, 'sync.publish', { tenantIds: ids, wholeTenants: true });
    await waitUntil(async () => (await rpc<PublishProgress>(core, 'sync.run', { runId: progress.runId })).counts.done! >= 4, 15_000, 'a few documents published');
    await sandbox.close(); // the backend goes away mid-run

    const run = await runEnded(core, progress.runId, 20_000);
    expect(run.state).toBe('finished');
    expect(run.counts).toMatchObject({ pending: 0, sending: 0, conflict: 0, cancelled: 0 });
    expect(run.counts.done).toBeGreaterThanOrEqual(4);
    expect(run.counts.failed).toBeGreaterThan(0);
    for (const result of run.results.filter((r) => r.state !== 'done')) {
      expect(result).toMatchObject({ state: 'failed', error: { code: 'BACKEND_UNREACHABLE', message: expect.any(String) } });
    }
    const failed = failedTenants(run);
    for (const tenantId of failed) {
      expect(await rpc<SyncStatus>(core, 'sync.status', { tenantId })).toMatchObject({ online: false, signedIn: true, lastError: { code: 'BACKEND_UNREACHABLE' } });
    }
    // Nothing lost: every draft is as saved, and what did not reach the backend is still to publish.
    for (const tenant of tenants) {
      const ai = core.services.documents.get(tenant.tenantId, 'ai_response');
      const idle = core.services.documents.get(tenant.tenantId, 'idle_action');
      expect({ ai: ai.draft, idle: idle.draft }).toEqual({ ai: tenant.aiResponse, idle: tenant.idleAction });
    }
    const pending = await rpc<{ tenantId: string; entries: unknown[] }[]>(core, 'sync.plan', { tenantIds: ids });
    expect(pending.filter((p) => p.entries.length > 0).map((p) => p.tenantId).sort()).toEqual([...failed].sort());

    // The backend is back with the same data (and sessions), on the same port if it is free.
    restarted = await startSandbox({ dataDir: sandboxDir, adminSecret: ADMIN_SECRET, port: sandbox.port }).catch(async () => {
      const moved = await startSandbox({ dataDir: sandboxDir, adminSecret: ADMIN_SECRET, port: 0 });
      for (const tenantId of ids) await rpc(core, 'tenants.update', { id: tenantId, backendUrl: moved.baseUrl });
      return moved;
    });
    const retry = await rpc<PublishProgress>(core, 'sync.publish', { tenantIds: failed, wholeTenants: true });
    const second = await runEnded(core, retry.runId, 20_000);
    expect(second.results.filter((r) => r.state !== 'done')).toEqual([]);
    for (const tenantId of failed) expect(await rpc<SyncStatus>(core, 'sync.status', { tenantId })).toMatchObject({ online: true });
    await expectPublished(core, new SandboxAdmin(restarted.origin, ADMIN_SECRET), tenants, expect);
  }, 60_000);
});
