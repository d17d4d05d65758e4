// The publish benchmark (issue #5): COUNT tenants' AI response, idle action and CONNECTIONS new API
// connections published to the sandbox (its own process, on loopback), against a plain HTTP client
// sending the same requests (PUTs, and POSTs with an Idempotency-Key) with the same concurrency.
// SECRETS=1 gives every connection a header value, which lives in the keychain: the publish then
// reads it from there (through the core's one keychain queue) for each request. Needs a keychain
// (tokens live there): run-bench.ts starts this inside scripts/with-keyring.sh, whose keyring is
// thrown away afterwards. Usage: tsx test/bench/publish-bench.ts COUNT CONNECTIONS SECRETS [JSON_FILE]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { openCore } from '../../electron/core/open-core';
import type { ApiConnectionInput } from '../../shared/schemas/api-connection';
import { SandboxAdmin } from '../sandbox/admin-client';
import { spawnSandbox } from '../sandbox/sandbox-process';
import { intendedAiResponse, intendedIdleAction } from '../integration/sync/publish-world';

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

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? '1000');
  const connections = Number(process.argv[3] ?? '5');
  const secrets = process.argv[4] === '1';
  const target = process.argv[5];
  const docs = count * (2 + connections);
  const label = `${count}x${2 + connections}${secrets ? '_secrets' : ''}`;
  const dir = mkdtempSync(join(tmpdir(), 'bench-publish-'));
  const adminSecret = randomUUID();
  const sandbox = await spawnSandbox(['--port', '0', '--data-dir', join(dir, 'sandbox')], { env: { SANDBOX_ADMIN_SECRET: adminSecret } });
  // The health check would only add noise to the timing.
  const core = openCore({ dataDir: join(dir, 'app'), appVersion: 'bench', transport: 'host', sync: { concurrency: CONCURRENCY, health: { intervalMs: 3_600_000 } } });
  try {
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

    const started = performance.now();
    const run = core.services.sync.publish(tenantIds);
    const result = await core.services.sync.waitForRun(run.runId);
    const oursMs = performance.now() - started;
    if (result.counts.done !== docs) throw new Error(`publish ended with ${JSON.stringify(result.counts)}`);

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
    const rawStarted = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < requests.length) {
          const request = requests[next++]!;
          const headers: Record<string, string> = { Authorization: `Bearer ${request.token}`, 'Content-Type': 'application/json' };
          if (request.method === 'PUT') headers['If-Match'] = '*';
          else headers['Idempotency-Key'] = randomUUID();
          const response = await fetch(`${sandbox.baseUrl}${request.path}`, { method: request.method, headers, body: request.body });
          await response.arrayBuffer();
          if (response.status !== request.status) throw new Error(`raw ${request.method} answered ${response.status}`);
        }
      }),
    );
    const rawMs = performance.now() - rawStarted;

    const metrics = [
      { metric: `publish_docs_per_s_${label}`, value: docs / (oursMs / 1000), unit: 'docs/s' },
      { metric: `publish_raw_docs_per_s_${label}`, value: docs / (rawMs / 1000), unit: 'docs/s' },
      { metric: `publish_vs_raw_ratio_${label}`, value: oursMs / rawMs, unit: 'x' },
      { metric: `publish_s_${label}`, value: oursMs / 1000, unit: 's' },
      { metric: `publish_setup_s_${label}`, value: setupMs / 1000, unit: 's' },
    ];
    if (target) writeFileSync(target, JSON.stringify(metrics));
    else console.log(JSON.stringify(metrics, null, 2));
  } finally {
    await core.services.sync.stop();
    await core.whenIdle();
    // The keychain entries (sessions, connection secrets) go with the keyring session of with-keyring.sh.
    core.close();
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
