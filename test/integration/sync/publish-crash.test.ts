import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONNECTIONS_PER_TENANT, expectCollectionsPublished, prepareCollectionTenants } from './collection-world';
import { createAccounts, expectPublished, intendedAiResponse, intendedIdleAction, prepareTenants } from './publish-world';
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

interface StoredEntry {
  id: number;
  document_id: string;
  kind: string;
  op: string;
  state: string;
  body_json: string | null;
  result_version: string | null;
  base_version: string | null;
  publish_revisions: number;
}

/** The outbox's entries with their documents as the store holds them (the app is not running). */
function storedEntries(dataDir: string): StoredEntry[] {
  const db = new Database(join(dataDir, 'store.sqlite'), { fileMustExist: true });
  try {
    return db
      .prepare(
        `SELECT o.id, o.document_id, o.kind, o.op, o.state, o.body_json, o.result_version, d.base_version,
           (SELECT COUNT(*) FROM revisions r WHERE r.document_id = o.document_id AND r.source = 'publish') AS publish_revisions
         FROM outbox o JOIN settings_documents d ON d.id = o.document_id ORDER BY o.id`,
      )
      .all() as StoredEntry[];
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

  it('SIGKILL again and again while results are committed in groups: every document is published once or still sending, never lost', async () => {
    const dataDir = world.dataDir();
    const setup = world.open({ dataDir });
    const accounts = await createAccounts(world.sandbox.admin, 'crashg', 8);
    const tenants = await prepareCollectionTenants(setup, world.sandbox.sandbox.baseUrl, accounts, (n) => n % 2 === 0);
    for (const [n, tenant] of tenants.entries()) {
      setup.services.documents.saveDraft({ tenantId: tenant.tenantId, kind: 'ai_response', draft: intendedAiResponse(n) });
      setup.services.documents.saveDraft({ tenantId: tenant.tenantId, kind: 'idle_action', draft: intendedIdleAction(n) });
    }
    const creations = tenants.reduce((sum, t) => sum + t.connections.size + t.dealSettings.size, 0);
    const total = creations + tenants.length * 2;
    await setup.close();

    // Every write lands, then its answer takes the same while: requests that left together are
    // answered together, so their results are committed in the same group.
    const latency = { latencyMs: 60, phase: 'after' as const };
    await world.sandbox.admin.setFaults({
      rules: [
        { route: 'PUT /chatbot/settings/**', ...latency },
        { route: 'POST /chatbot/settings/api-connections', ...latency },
        { route: 'POST /crm/deal-settings', ...latency },
      ],
    });
    await world.sandbox.admin.request('DELETE', '/stats');
    const writes = async () => {
      const s = await world.sandbox.admin.stats();
      return ['putAiResponse', 'putIdleAction', 'createApiConnection', 'createDealSetting'].reduce((sum, key) => sum + (s[key]?.requests ?? 0), 0);
    };

    /** What the store says after a kill: nothing half-written, nothing the backend has that was not marked 'sending' before it left. */
    const expectWhole = async (afterKill: number) => {
      const entries = storedEntries(dataDir);
      expect(entries).toHaveLength(total);
      for (const entry of entries) {
        const where = `kill ${afterKill}, entry ${entry.id} (${entry.kind} ${entry.op}, ${entry.state})`;
        expect(['pending', 'sending', 'done'], where).toContain(entry.state);
        // The result and its document's new base are one write: both or neither.
        if (entry.state === 'done') expect({ base: entry.base_version, revisions: entry.publish_revisions > 0 }, where).toEqual({ base: entry.result_version, revisions: true });
        else expect(entry.publish_revisions, where).toBe(0);
      }
      for (const [n, tenant] of tenants.entries()) {
        const remote = await world.sandbox.admin.state(tenant.username);
        const mine = entries.filter((entry) => entry.body_json !== null);
        const stateOf = (match: (body: Record<string, unknown>, kind: string) => boolean) =>
          mine.find((entry) => match(JSON.parse(entry.body_json!) as Record<string, unknown>, entry.kind))!.state;
        const landed: string[] = [];
        for (const connection of remote.apiConnections) landed.push(stateOf((body, kind) => kind === 'api_connection' && body.code === connection.value.code));
        for (const deal of remote.dealSettings) landed.push(stateOf((body, kind) => kind === 'deal_setting' && body.botResponseId === deal.value.botResponseId));
        if (JSON.stringify(remote.aiResponse.value) === JSON.stringify(intendedAiResponse(n))) landed.push(stateOf((_body, kind) => kind === 'ai_response'));
        if (JSON.stringify(remote.idleAction.value) === JSON.stringify(intendedIdleAction(n))) landed.push(stateOf((_body, kind) => kind === 'idle_action'));
        // What reached the backend was durably 'sending' before its request left (or is published).
        for (const state of landed) expect(['sending', 'done'], `kill ${afterKill}, ${tenant.username}`).toContain(state);
      }
      return entries.filter((entry) => entry.state === 'done').length;
    };

    let child = startChild('publish', dataDir);
    await waitUntil(() => child.lines.some((line) => line.startsWith('ready')), 30_000, 'the publishing child');
    let done = 0;
    for (let kill = 1; kill <= 3; kill++) {
      const before = await writes();
      await waitUntil(async () => child.lines.includes('finished') || (await writes()) >= before + 12, 30_000, `more writes before kill ${kill}`);
      if (kill > 1 && child.lines.includes('finished')) break; // the rest went through before this kill
      child.child.kill('SIGKILL');
      expect(await child.exited).toBeNull();
      const doneNow = await expectWhole(kill);
      expect(doneNow).toBeGreaterThanOrEqual(done);
      done = doneNow;
      if (kill === 1) expect(done).toBeLessThan(total); // really mid-publish
      child = startChild('resume', dataDir);
      await waitUntil(() => child.lines.includes('ready'), 30_000, 'the resuming child');
    }
    await world.sandbox.admin.clearFaults();
    expect(await child.exited).toBe(0);
    expect(child.lines).toEqual(['ready', 'finished']);
    expect(outboxStates(dataDir)).toEqual({ done: total });
    await expectWhole(4);

    const check = world.open({ dataDir });
    await expectCollectionsPublished(check, world.sandbox.admin, tenants, expect);
    await expectPublished(
      check,
      world.sandbox.admin,
      tenants.map((tenant, n) => ({ ...tenant, aiResponse: intendedAiResponse(n), idleAction: intendedIdleAction(n) })),
      expect,
    );
    // Each creation happened once: the resent ones got their first result back.
    for (const tenant of tenants) expect((await world.sandbox.admin.state(tenant.username)).idempotencyKeys).toBe(CONNECTIONS_PER_TENANT + tenant.dealSettings.size);
  }, 180_000);
});
