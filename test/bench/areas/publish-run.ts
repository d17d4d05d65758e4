// The publish benchmark's child process (publish-bench.ts starts it inside scripts/with-keyring.sh:
// sync keeps its tokens in a real keychain, and the bench must not touch the user's own). COUNT
// tenants' AI response, idle action and CONNECTIONS new API connections are published to the
// sandbox (its own process, on loopback), against a plain HTTP client (undici's request, the app's transport) sending the same requests
// (PUTs, and POSTs with an Idempotency-Key) with the same concurrency. SECRETS=1 gives every
// connection a header value, which lives in the keychain: the publish reads it from there; the
// same reads are then timed straight through keytar, to show whether the keychain is the bound.
// Usage: node --import tsx test/bench/areas/publish-run.ts COUNT CONNECTIONS SECRETS
// With PUBLISH_CPU_PROFILE=FILE the timed publish alone is profiled (node:inspector) into FILE
// (a .cpuprofile for Chrome's DevTools); the profiler's own cost makes that run's times slower.
import { writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Session } from 'node:inspector/promises';
import { request } from 'undici';
import type { Core } from '../../../electron/core/open-core';
import type { ApiConnectionInput } from '../../../shared/schemas/api-connection';
import { SandboxAdmin } from '../../sandbox/admin-client';
import { intendedAiResponse, intendedIdleAction } from '../../integration/sync/publish-world';
import { publishScale, type PublishRun } from '../harness/bench-plan';
import { writeChildResults } from '../harness/child-bench';
import { MetricResults } from '../harness/metric-registry';
import { timePublish, withPublishBenchWorld } from '../harness/publish-bench-world';
import { timeAsync } from '../harness/stats';
import { CpuAccount, keychainPids, processTree } from '../harness/process-cpu';
import { METRICS } from '../metrics';

const CONCURRENCY = 8;

function benchConnection(tenant: number, k: number, secrets: boolean, suffix = ''): ApiConnectionInput {
  return {
    name: `Connection ${k}`,
    description: `Bench API ${k} of tenant ${tenant}`,
    code: `B${tenant}_C${k}${suffix}`,
    baseUrl: `https://api-${k}.example.test/v1`,
    settings: null,
    headers: secrets ? { apikey: `bench-key-${tenant}-${k}-${randomUUID()}` } : null,
    token: null,
  };
}

/** Runs `work` over `items`, `concurrency` at a time. */
async function eachConcurrently<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

/**
 * The keychain entries holding the connections' secret values (each tenant's sets entry:
 * vault-ref.ts) read straight through keytar: one after another (as many calls as publish makes),
 * 8 at a time, and all in one findCredentials call. The reads 8 at a time are
 * also counted in CPU seconds (keytar's in this process, the keychain daemons'): with the plain
 * client's run's CPU, the least a publish that reads them could take on this machine's cores.
 */
async function measureKeychain(core: Core, expected: number, scale: string, raw: { ms: number; cpuS: number }, results: MetricResults): Promise<number> {
  const { ms: rawMs, cpuS: rawCpuS } = raw;
  const module = (await import('keytar')) as unknown as { default?: Keytar } & Keytar;
  const keytar = module.default ?? module;
  const { service, accountPrefix } = core.services.vault;
  let accounts: string[] = [];
  const findAllMs = await timeAsync(async () => {
    const all = await keytar.findCredentials(service);
    accounts = all.map((c) => c.account).filter((a) => a.startsWith(accountPrefix) && (a.endsWith('/~sets') || a.includes('/api_connection:')));
  });
  if (accounts.length !== expected) throw new Error(`the keychain holds ${accounts.length} entries of connection values, expected ${expected}`);
  const read = async (account: string) => {
    if ((await keytar.getPassword(service, account)) === null) throw new Error('a connection value is missing from the keychain');
  };
  const serialMs = await timeAsync(async () => {
    for (const account of accounts) await read(account);
  });
  const cpu = new CpuAccount({ client: [process.pid], daemons: keychainPids() });
  cpu.start();
  const parallelMs = await timeAsync(() => eachConcurrently(accounts, CONCURRENCY, read));
  const used = cpu.stop();
  results.record(METRICS.keychainCpuClientS(scale), used.client);
  results.record(METRICS.keychainCpuDaemonsS(scale), used.daemons);
  results.record(METRICS.keychainCpuFloorVsRaw(scale), (used.client + used.daemons) / availableParallelism() / (rawMs / 1000));
  results.record(METRICS.publishSecretsFloorVsRaw(scale), (rawCpuS + used.client + used.daemons) / availableParallelism() / (rawMs / 1000));
  results.record(METRICS.keychainSerialS(scale), serialMs / 1000);
  results.record(METRICS.keychainParallelS(scale), parallelMs / 1000);
  results.record(METRICS.keychainFindAllMs(scale), findAllMs);
  return serialMs;
}

/** Profiles `work` with the V8 CPU profiler into `file`, when one is named. */
async function profiled<T>(file: string | undefined, work: () => Promise<T>): Promise<T> {
  if (!file) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  }
}

async function main(): Promise<void> {
  const run: PublishRun = { tenants: Number(process.argv[2] ?? '1000'), connections: Number(process.argv[3] ?? '5'), secrets: process.argv[4] === '1' };
  const { tenants: count, connections, secrets } = run;
  const docs = count * (2 + connections);
  const scale = publishScale(run);
  const results = new MetricResults();
  // The health check would only add noise to the timing.
  await withPublishBenchWorld('bench-publish-', { concurrency: CONCURRENCY, health: { intervalMs: 3_600_000 } }, async ({ core, sandbox, adminSecret }) => {
    const admin = new SandboxAdmin(sandbox.origin, adminSecret);
    const accounts = Array.from({ length: count }, (_, i) => ({ username: `bench-${i}@publish.test`, password: `bench-pw-${i}` }));
    await admin.createTenants(accounts.map((a) => ({ ...a, crmConnected: false })));

    // Not timed: sign-in and a first pull (the catalogs and base versions), then the drafts.
    const setupStarted = performance.now();
    const tenantIds: string[] = [];
    for (const [i, account] of accounts.entries()) {
      const tenantId = core.services.tenants.create({ name: account.username, backendUrl: sandbox.baseUrl }).id;
      await core.services.sync.signIn(tenantId, account.username, account.password);
      await core.services.sync.pull(tenantId);
      core.services.documents.saveDraft({ tenantId, kind: 'ai_response', draft: intendedAiResponse(i) });
      core.services.documents.saveDraft({ tenantId, kind: 'idle_action', draft: intendedIdleAction(i) });
      for (let k = 0; k < connections; k++) await core.services.apiConnections.create({ tenantId, ...benchConnection(i, k, secrets) });
      tenantIds.push(tenantId);
    }
    const setupMs = performance.now() - setupStarted;

    // Where the CPU went, per process, while each side ran (both sides share the machine's cores with the sandbox, and the publish with the keychain).
    const cpu = new CpuAccount({ app: [process.pid], sandbox: processTree(sandbox.child.pid!), keychain: keychainPids() });
    cpu.start();
    const oursMs = await profiled(process.env.PUBLISH_CPU_PROFILE, () => timePublish(core, tenantIds, docs));
    const oursCpu = cpu.stop();

    // The same requests from a plain client: a token per tenant, bodies ready, If-Match "*", a fresh key per creation.
    const tokens = await Promise.all(
      accounts.map(async (a) => {
        const response = await fetch(`${sandbox.baseUrl}/oauth/token`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ grant_type: 'password', username: a.username, password: a.password }),
        });
        return ((await response.json()) as { access_token: string }).access_token;
      }),
    );
    const requests = accounts.flatMap((_, i) => [
      { method: 'PUT', token: tokens[i]!, path: '/chatbot/settings/ai-response', body: JSON.stringify(intendedAiResponse(i + 1)), status: 200 },
      { method: 'PUT', token: tokens[i]!, path: '/chatbot/settings/idle-action', body: JSON.stringify(intendedIdleAction(i + 1)), status: 200 },
      ...Array.from({ length: connections }, (_, k) => ({
        method: 'POST',
        token: tokens[i]!,
        path: '/chatbot/settings/api-connections',
        body: JSON.stringify(benchConnection(i, k, secrets, '_RAW')),
        status: 201,
      })),
    ]);
    cpu.start();
    const rawMs = await timeAsync(() =>
      eachConcurrently(requests, CONCURRENCY, async (entry) => {
        const headers: Record<string, string> = { Authorization: `Bearer ${entry.token}`, 'Content-Type': 'application/json' };
        if (entry.method === 'PUT') headers['If-Match'] = '*';
        else headers['Idempotency-Key'] = randomUUID();
        // Through undici's request API, as the app's backend client sends: the ratio is the app's
        // own work over the same transport.
        const response = await request(`${sandbox.baseUrl}${entry.path}`, { method: entry.method, headers, body: entry.body });
        await response.body.arrayBuffer();
        if (response.statusCode !== entry.status) throw new Error(`raw ${entry.method} answered ${response.statusCode}`);
      }),
    );

    const rawCpu = cpu.stop();

    results.record(METRICS.publishDocsPerS(scale), docs / (oursMs / 1000));
    results.record(METRICS.rawDocsPerS(scale), docs / (rawMs / 1000));
    results.record(METRICS.publishVsRaw(scale), oursMs / rawMs);
    results.record(METRICS.publishS(scale), oursMs / 1000);
    results.record(METRICS.rawS(scale), rawMs / 1000);
    results.record(METRICS.publishSetupS(scale), setupMs / 1000);
    results.record(METRICS.publishCpuAppS(scale), oursCpu.app);
    results.record(METRICS.publishCpuSandboxS(scale), oursCpu.sandbox);
    results.record(METRICS.publishCpuKeychainS(scale), oursCpu.keychain);
    results.record(METRICS.publishCoresBusy(scale), (oursCpu.app + oursCpu.sandbox + oursCpu.keychain) / (oursMs / 1000));
    results.record(METRICS.rawCpuClientS(scale), rawCpu.app);
    results.record(METRICS.rawCoresBusy(scale), (rawCpu.app + rawCpu.sandbox + rawCpu.keychain) / (rawMs / 1000));
    if (secrets) {
      const keychainMs = await measureKeychain(core, count, scale, { ms: rawMs, cpuS: rawCpu.app + rawCpu.sandbox }, results);
      results.record(METRICS.keychainVsRaw(scale), keychainMs / rawMs);
    }
    writeChildResults(results.all());
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
