import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaultConfigInput } from '../../sandbox/faults';
import { createAccounts, expectPublished, prepareTenants, publishUntilDone } from './publish-world';
import { inside, openSyncWorld, SKIP_REASON, type SyncWorld } from './sync-fixture';

if (!inside) console.warn(`[sync publish-faults] skipped: ${SKIP_REASON}`);

const TENANTS = 8;
const WRITES = 'PUT /chatbot/settings/**';

/**
 * Publishing many documents while the sandbox injects one kind of fault: whatever happens, the
 * backend ends up with exactly the drafts (nothing lost, nothing applied twice, nothing left
 * dirty), within a bounded number of runs and time.
 */
const SCENARIOS: { name: string; faults: FaultConfigInput['rules']; minMs?: number }[] = [
  { name: 'added latency', faults: [{ route: '**', latencyMs: 120 }] },
  { name: 'a share of 500s', faults: [{ route: WRITES, failRate: 0.4 }, { route: 'GET /**', failRate: 0.2 }] },
  { name: '503 with Retry-After', faults: [{ route: WRITES, status: 503, retryAfter: 1, times: 4 }], minMs: 1_000 },
  { name: '429 with Retry-After', faults: [{ route: WRITES, status: 429, retryAfter: 1, times: 4 }], minMs: 1_000 },
  { name: 'connection resets', faults: [{ route: WRITES, reset: true, failRate: 0.4 }] },
  { name: 'answers lost after the write landed (reset, 500)', faults: [{ route: WRITES, reset: true, failRate: 0.3, phase: 'after' }, { route: WRITES, status: 500, failRate: 0.2, phase: 'after' }] },
  { name: 'hangs past the timeout', faults: [{ route: WRITES, hang: true, times: 3 }, { route: 'GET /chatbot/**', hang: true, times: 1 }] },
  { name: 'revoked tokens', faults: [{ route: WRITES, revokeTokens: true, failRate: 0.15 }] },
];

describe.skipIf(!inside)('sync: publishing many documents through injected faults', () => {
  let world: SyncWorld;
  beforeAll(async () => {
    world = await openSyncWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  it('cancel stops a publish: nothing left in flight, drafts kept, a later publish finishes the job', async () => {
    const core = world.open();
    const accounts = await createAccounts(world.sandbox.admin, 'cancel', 4);
    const tenants = await prepareTenants(core, world.sandbox.sandbox.baseUrl, accounts);
    await world.sandbox.admin.setFaults({ rules: [{ route: WRITES, latencyMs: 400 }] });
    const started = core.services.sync.publish(tenants.map((t) => t.tenantId));
    await new Promise((resolve) => setTimeout(resolve, 150));
    const [cancelled] = await core.services.sync.cancel(started.runId);
    await world.sandbox.admin.clearFaults();
    expect(cancelled).toMatchObject({ runId: started.runId, state: 'cancelled', counts: { pending: 0, sending: 0 } });
    expect(cancelled!.counts.cancelled).toBeGreaterThan(0);
    expect(core.services.sync.plan(tenants.map((t) => t.tenantId)).flatMap((p) => p.entries).length).toBeGreaterThan(0);
    await publishUntilDone(core, tenants);
    await expectPublished(core, world.sandbox.admin, tenants, expect);
  }, 60_000);

  it.each(SCENARIOS.map((s, index) => ({ ...s, index })))('$name', async ({ index, faults, minMs }) => {
    const core = world.open();
    const accounts = await createAccounts(world.sandbox.admin, `faults${index}`, TENANTS);
    const tenants = await prepareTenants(core, world.sandbox.sandbox.baseUrl, accounts);
    await world.sandbox.admin.setFaults({ seed: 1000 + index, rules: faults.map((rule) => ({ ...rule, username: undefined })) });
    const started = Date.now();
    try {
      const runs = await publishUntilDone(core, tenants);
      if (minMs) expect(Date.now() - started).toBeGreaterThanOrEqual(minMs);
      expect(runs[0]!.total).toBe(TENANTS * 2);
      // The faults did happen during the publish (latency only "matches": it has no action).
      const { rules } = await world.sandbox.admin.faults();
      const latencyOnly = faults.every((rule) => !rule.failRate && !rule.status && !rule.reset && !rule.hang && !rule.revokeTokens);
      expect(rules.reduce((sum, rule) => sum + (latencyOnly ? rule.matched : rule.fired), 0)).toBeGreaterThan(0);
    } finally {
      await world.sandbox.admin.clearFaults();
    }
    await expectPublished(core, world.sandbox.admin, tenants, expect);
  }, 90_000);
});
