// The publish benchmark's child process (publish-bench.ts starts it inside scripts/with-keyring.sh:
// sync keeps its tokens in a real keychain, and the bench must not touch the user's own). COUNT
// tenants' AI response, idle action and CONNECTIONS new API connections are published to the
// sandbox (its own process, on loopback), against a plain HTTP client (undici's request, the app's
// transport, in a process of its own: harness/plain-http-client-process.ts) sending the same
// requests (PUTs, and POSTs with an Idempotency-Key) with the same concurrency. Before either side
// is timed, the plain client sends the same kinds of requests for other tenants of the sandbox,
// untimed: its code and the sandbox's write routes are warm for both. SECRETS=1 gives every
// connection a header value, which lives in the keychain: the publish reads it from there; the
// same reads are then timed straight through keytar, to show whether the keychain is the bound.
// Usage: node --import tsx test/bench/areas/publish-run.ts COUNT CONNECTIONS SECRETS
// With PUBLISH_CPU_PROFILE=FILE the timed publish alone is profiled (node:inspector) into FILE
// (a .cpuprofile for Chrome's DevTools); the profiler's own cost makes that run's times slower.
import { writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Session } from 'node:inspector/promises';
import type { Core } from '../../../electron/core/open-core';
import type { ApiConnectionInput } from '../../../shared/schemas/api-connection';
import { SandboxAdmin } from '../../sandbox/admin-client';
import { intendedAiResponse, intendedIdleAction } from '../../integration/sync/publish-world';
import { publishScale, type PublishRun } from '../harness/bench-plan';
import { writeChildResults } from '../harness/child-bench';
import { MetricResults } from '../harness/metric-registry';
import { timePublish, withPublishBenchWorld } from '../harness/publish-bench-world';
import { timeAsync } from '../harness/stats';
import { eachConcurrently } from '../harness/each-concurrently';
import { startPlainHttpClient, type PlainRequest } from '../harness/plain-http-client-process';
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

/** Sandbox tenants the plain client warms up on, untimed, before either side is timed. */
const WARM_UP_TENANTS = 50;

interface Account {
  username: string;
  password: string;
}

async function tokenFor(baseUrl: string, account: Account): Promise<string> {
  const response = await fetch(`${baseUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ grant_type: 'password', username: account.username, password: account.password }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

/**
 * What the app sends for the tenants' documents, as plain requests: their AI response and idle
 * action (versions `version(i)`), then their new connections (codes ending in `suffix`).
 */
function plainRequests(tokens: readonly string[], connections: number, secrets: boolean, version: (i: number) => number, suffix: string): PlainRequest[] {
  return tokens.flatMap((token, i) => [
    { method: 'PUT' as const, token, path: '/chatbot/settings/ai-response', body: JSON.stringify(intendedAiResponse(version(i))), status: 200 },
    { method: 'PUT' as const, token, path: '/chatbot/settings/idle-action', body: JSON.stringify(intendedIdleAction(version(i))), status: 200 },
    ...Array.from({ length: connections }, (_, k) => ({
      method: 'POST' as const,
      token,
      path: '/chatbot/settings/api-connections',
      body: JSON.stringify(benchConnection(i, k, secrets, suffix)),
      status: 201,
    })),
  ]);
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
    const warmAccounts = Array.from({ length: WARM_UP_TENANTS }, (_, i) => ({ username: `warm-${i}@publish.test`, password: `warm-pw-${i}` }));
    await admin.createTenants([...accounts, ...warmAccounts].map((a) => ({ ...a, crmConnected: false })));

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

    const client = startPlainHttpClient();
    try {
      // Untimed: the same kinds of requests for other tenants, from the plain client, so that its
      // code and the sandbox's write routes are warm before either side is timed.
      const warmTokens = await Promise.all(warmAccounts.map((a) => tokenFor(sandbox.baseUrl, a)));
      await client.send(sandbox.baseUrl, CONCURRENCY, plainRequests(warmTokens, connections, secrets, (i) => i, '_WARM'));

      // Where the CPU went, per process, while each side ran (both sides share the machine's cores with the sandbox, and the publish with the keychain).
      const sandboxPids = processTree(sandbox.child.pid!);
      const cpu = new CpuAccount({ app: [process.pid], sandbox: sandboxPids, keychain: keychainPids() });
      cpu.start();
      const oursMs = await profiled(process.env.PUBLISH_CPU_PROFILE, () => timePublish(core, tenantIds, docs));
      const oursCpu = cpu.stop();

      // The same requests from the plain client: a token per tenant, bodies ready, If-Match "*", a
      // fresh key per creation, through undici's request API as the app's backend client sends:
      // the ratio is the app's own work over the same transport.
      const tokens = await Promise.all(accounts.map((a) => tokenFor(sandbox.baseUrl, a)));
      const requests = plainRequests(tokens, connections, secrets, (i) => i + 1, '_RAW');
      const rawCpuAccount = new CpuAccount({ client: [client.pid], sandbox: sandboxPids, keychain: keychainPids() });
      rawCpuAccount.start();
      const rawMs = await client.send(sandbox.baseUrl, CONCURRENCY, requests);
      const rawCpu = rawCpuAccount.stop();

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
      results.record(METRICS.rawCpuClientS(scale), rawCpu.client);
      results.record(METRICS.rawCoresBusy(scale), (rawCpu.client + rawCpu.sandbox + rawCpu.keychain) / (rawMs / 1000));
      if (secrets) {
        const keychainMs = await measureKeychain(core, count, scale, { ms: rawMs, cpuS: rawCpu.client + rawCpu.sandbox }, results);
        results.record(METRICS.keychainVsRaw(scale), keychainMs / rawMs);
      }
    } finally {
      await client.close();
    }
    writeChildResults(results.all());
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
