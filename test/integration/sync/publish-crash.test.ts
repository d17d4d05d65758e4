import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONNECTIONS_PER_TENANT, expectCollectionsPublished, prepareCollectionTenants } from './collection-world';
import { createAccounts, expectPublished, prepareTenants } from './publish-world';
import { inside, openSyncWorld, SKIP_REASON, waitUntil, type SyncWorld } from './sync-fixture';

if (!inside) console.warn(`[sync publish-crash] skipped: ${SKIP_REASON}`);

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const CHILD = 'test/integration/sync/fixtures/publish-child.ts';
const TENANTS = 12;

function startChild(mode: 'publish' | 'resume', dataDir: string): { child: ChildProcess; lines: string[]; exited: Promise<number | null> } {
  // node itself (not the tsx wrapper, whose own child would outlive a SIGKILL).
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, mode, dataDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => lines.push(line));
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  void exited.then((code) => {
    if (code !== 0 && code !== null) console.error(`publish child (${mode}) exited ${code}: ${stderr}`);
  });
  return { child, lines, exited };
}

function outboxStates(dataDir: string): Record<string, number> {
  const db = new Database(join(dataDir, 'store.sqlite'), { fileMustExist: true });
  try {
    return Object.fromEntries((db.prepare('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state').all() as { state: string; n: number }[]).map((r) => [r.state, r.n]));
  } finally {
    db.close();
  }
}

describe.skipIf(!inside)('sync: the app killed mid-publish', () => {
  let world: SyncWorld;
  beforeAll(async () => {
    world = await openSyncWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  it('SIGKILL while writes are in flight, restart, finish: the backend has exactly the drafts', async () => {
    const dataDir = world.dataDir();
    const setup = world.open({ dataDir });
    const accounts = await createAccounts(world.sandbox.admin, 'crash', TENANTS);
    const tenants = await prepareTenants(setup, world.sandbox.sandbox.baseUrl, accounts);
    await setup.close();

    // Writes land, then their answers take a while: a kill leaves writes done but unanswered.
    await world.sandbox.admin.setFaults({ rules: [{ route: 'PUT /chatbot/settings/**', latencyMs: 150, phase: 'after' }] });
    const first = startChild('publish', dataDir);
    await waitUntil(() => first.lines.some((line) => line.startsWith('ready')), 30_000, 'the publishing child');
    const stats = async () => {
      const s = await world.sandbox.admin.stats();
      return (s.putAiResponse?.requests ?? 0) + (s.putIdleAction?.requests ?? 0);
    };
    await waitUntil(async () => (await stats()) >= 6, 30_000, 'some writes');
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();
    const atKill = outboxStates(dataDir);
    expect(atKill.done ?? 0).toBeLessThan(TENANTS * 2); // really mid-publish
    expect(atKill.sending ?? 0).toBeGreaterThan(0); // writes the backend applied but whose answers never came

    await world.sandbox.admin.clearFaults();
    const second = startChild('resume', dataDir);
    expect(await second.exited).toBe(0);
    expect(second.lines).toEqual(['ready', 'finished']);
    expect(outboxStates(dataDir)).toEqual({ done: TENANTS * 2 });

    const check = world.open({ dataDir });
    await expectPublished(check, world.sandbox.admin, tenants, expect);
  }, 120_000);

  it('SIGKILL while creations are in flight (API connections, deal settings), restart, finish: each created once, secrets intact', async () => {
    const dataDir = world.dataDir();
    const setup = world.open({ dataDir });
    const accounts = await createAccounts(world.sandbox.admin, 'crashc', 6);
    const tenants = await prepareCollectionTenants(setup, world.sandbox.sandbox.baseUrl, accounts, (n) => n % 2 === 0);
    const total = tenants.reduce((sum, t) => sum + t.connections.size + t.dealSettings.size, 0);
    await setup.close();

    // Creations land, then their answers take a while: a kill leaves documents created there but not known here.
    await world.sandbox.admin.setFaults({ rules: [{ route: 'POST /chatbot/settings/api-connections', latencyMs: 150, phase: 'after' }, { route: 'POST /crm/deal-settings', latencyMs: 150, phase: 'after' }] });
    await world.sandbox.admin.request('DELETE', '/stats');
    const first = startChild('publish', dataDir);
    await waitUntil(() => first.lines.some((line) => line.startsWith('ready')), 30_000, 'the publishing child');
    const creations = async () => {
      const s = await world.sandbox.admin.stats();
      return (s.createApiConnection?.requests ?? 0) + (s.createDealSetting?.requests ?? 0);
    };
    await waitUntil(async () => (await creations()) >= 8, 30_000, 'some creations');
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();
    const atKill = outboxStates(dataDir);
    expect(atKill.done ?? 0).toBeLessThan(total);
    expect(atKill.sending ?? 0).toBeGreaterThan(0); // created there, never answered here

    await world.sandbox.admin.clearFaults();
    const second = startChild('resume', dataDir);
    expect(await second.exited).toBe(0);
    expect(second.lines).toEqual(['ready', 'finished']);
    expect(outboxStates(dataDir)).toEqual({ done: total });
    const stats = await world.sandbox.admin.stats();
    expect((stats.createApiConnection?.replayed ?? 0) + (stats.createDealSetting?.replayed ?? 0)).toBeGreaterThan(0); // the resent ones got their first result

    const check = world.open({ dataDir });
    await expectCollectionsPublished(check, world.sandbox.admin, tenants, expect);
    for (const tenant of tenants) {
      expect((await world.sandbox.admin.state(tenant.username)).idempotencyKeys).toBe(CONNECTIONS_PER_TENANT + tenant.dealSettings.size);
      for (const item of check.services.apiConnections.list(tenant.tenantId)) {
        expect((await check.services.apiConnections.get({ tenantId: tenant.tenantId, id: item.id })).secrets).toMatchObject({ readable: true, missingFields: [] });
      }
    }
  }, 120_000);
});
