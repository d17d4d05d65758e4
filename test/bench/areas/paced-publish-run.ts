// The paced publish benchmark's child process (paced-publish-bench.ts starts it inside
// scripts/with-keyring.sh). TENANTS Qontak-kind tenants publish CONNECTIONS new API connections
// each to the sandbox's Qontak mode (its own process, on loopback; settings routes on), all on one
// Mekari credential whose limit is RATE requests a minute in the sandbox, with the tenants' pace
// set to the same rate. One credential for every tenant: only requests that share a credential
// meet its limit (Mekari's pairs are per company; here they stand for many tenants' requests
// queued behind one limit). Creations only, so that the tenants, which share the credential's
// account, never write the same document. Reported: the ideal time at that rate (requests ÷ rate)
// ÷ the measured time, and the requests the sandbox refused for the rate (429).
// Usage: node --import tsx test/bench/areas/paced-publish-run.ts TENANTS CONNECTIONS RATE
import { randomUUID } from 'node:crypto';
import { PacerRegistry } from '../../../electron/core/backends/qontak/request-pacer';
import { SandboxAdmin } from '../../sandbox/admin-client';
import { QontakSandboxAdmin } from '../../sandbox/qontak/qontak-admin-client';
import { pacedPublishScale, type PacedPublishRun } from '../harness/bench-plan';
import { writeChildResults } from '../harness/child-bench';
import { MetricResults } from '../harness/metric-registry';
import { timePublish, withPublishBenchWorld } from '../harness/publish-bench-world';
import { METRICS } from '../metrics';

const CONCURRENCY = 8;
/** The pace while signing in (not timed): far above anything the loopback sandbox answers. */
const SETUP_RATE = { requestsPerMinute: 1_000_000, burst: 1_000 };

async function main(): Promise<void> {
  const run: PacedPublishRun = { tenants: Number(process.argv[2] ?? '200'), connections: Number(process.argv[3] ?? '2'), requestsPerMinute: Number(process.argv[4] ?? '600') };
  const scale = pacedPublishScale(run);
  const requests = run.tenants * run.connections;
  const results = new MetricResults();
  const sync = { concurrency: CONCURRENCY, health: { intervalMs: 3_600_000 }, qontak: { rate: SETUP_RATE, pacers: new PacerRegistry(SETUP_RATE) } };
  await withPublishBenchWorld('bench-paced-', sync, async ({ core, sandbox, adminSecret }) => {
    const account = { username: 'paced@publish.test', password: `bench-pw-${randomUUID()}` };
    await new SandboxAdmin(sandbox.origin, adminSecret).createTenants([{ ...account, crmConnected: false }]);
    const qontakAdmin = new QontakSandboxAdmin(sandbox.origin, adminSecret);
    const pair = { clientId: 'bench-paced', clientSecret: `bench-hmac-${randomUUID()}` };
    await qontakAdmin.createTenants([{ ...pair, username: account.username, crmConnected: false, settingsRoutes: true, ratePerMinute: null }]);

    // Not timed: sign-in (the capability probe) and the drafts, at the setup pace and without a limit.
    const setupStarted = performance.now();
    const tenantIds: string[] = [];
    for (let i = 0; i < run.tenants; i++) {
      const tenantId = core.services.tenants.create({ name: `Paced ${i}`, backendUrl: sandbox.origin, backendKind: 'qontak' }).id;
      await core.services.sync.signInHmac(tenantId, pair.clientId, pair.clientSecret);
      for (let k = 0; k < run.connections; k++) {
        await core.services.apiConnections.create({
          tenantId,
          name: `Connection ${k}`,
          description: `Paced API ${k} of tenant ${i}`,
          code: `P${i}_C${k}`,
          baseUrl: `https://api-${k}.example.test/v1`,
          settings: null,
          headers: null,
          token: null,
        });
      }
      tenantIds.push(tenantId);
    }
    if (core.services.sync.status(tenantIds[0]!).capabilities?.publishing !== 'backend') throw new Error('the credential’s settings routes are off: nothing would be sent');
    // The limit and the pace, both at the rate; the sandbox's window starts empty (no limit counted until now).
    for (const tenantId of tenantIds) core.services.tenants.update({ id: tenantId, requestsPerMinute: run.requestsPerMinute });
    await qontakAdmin.editTenant(pair.clientId, { ratePerMinute: run.requestsPerMinute });
    const before = (await qontakAdmin.tenants()).find((t) => t.clientId === pair.clientId)!.counts;
    const setupMs = performance.now() - setupStarted;

    const measuredMs = await timePublish(core, tenantIds, requests);
    const after = (await qontakAdmin.tenants()).find((t) => t.clientId === pair.clientId)!.counts;

    const idealMs = (requests / run.requestsPerMinute) * 60_000;
    results.record(METRICS.pacedPublishEfficiency(scale), idealMs / measuredMs);
    results.record(METRICS.pacedPublishRateLimited(scale), after.rateLimited - before.rateLimited);
    results.record(METRICS.pacedPublishS(scale), measuredMs / 1000);
    results.record(METRICS.pacedPublishIdealS(scale), idealMs / 1000);
    results.record(METRICS.pacedPublishSetupS(scale), setupMs / 1000);
    console.error(`paced publish ${scale}: ${after.requests - before.requests} requests answered, ${after.rateLimited - before.rateLimited} refused for the rate`);
    writeChildResults(results.all());
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
