// The publish benchmark (issue #5): `COUNT` tenants' AI response and idle action published to
// the sandbox (its own process, on loopback), against a plain HTTP client sending the same PUTs
// with the same concurrency. Needs a keychain (tokens live there): run-bench.ts starts this
// inside scripts/with-keyring.sh. Usage: tsx test/bench/publish-bench.ts COUNT JSON_FILE
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { openCore } from '../../electron/core/open-core';
import { SandboxAdmin } from '../sandbox/admin-client';
import { spawnSandbox } from '../sandbox/sandbox-process';
import { intendedAiResponse, intendedIdleAction } from '../integration/sync/publish-world';

const CONCURRENCY = 8;

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? '1000');
  const target = process.argv[3];
  const dir = mkdtempSync(join(tmpdir(), 'bench-publish-'));
  const secret = randomUUID();
  const sandbox = await spawnSandbox(['--port', '0', '--data-dir', join(dir, 'sandbox')], { env: { SANDBOX_ADMIN_SECRET: secret } });
  const core = openCore({ dataDir: join(dir, 'app'), appVersion: 'bench', transport: 'host', sync: { concurrency: CONCURRENCY } });
  try {
    const admin = new SandboxAdmin(sandbox.origin, secret);
    const accounts = Array.from({ length: count }, (_, i) => ({ username: `bench-${i}@publish.test`, password: `bench-pw-${i}` }));
    await admin.createTenants(accounts.map((a) => ({ ...a, crmConnected: false })));

    // Not timed: sign-in and a first pull (the catalogs and base versions), then the drafts.
    const tenantIds: string[] = [];
    for (const [i, account] of accounts.entries()) {
      const tenantId = core.services.tenants.create({ name: account.username, backendUrl: sandbox.baseUrl }).id;
      await core.services.sync.signIn(tenantId, account.username, account.password);
      await core.services.sync.pull(tenantId);
      core.services.documents.saveDraft({ tenantId, kind: 'ai_response', draft: intendedAiResponse(i) });
      core.services.documents.saveDraft({ tenantId, kind: 'idle_action', draft: intendedIdleAction(i) });
      tenantIds.push(tenantId);
    }

    const started = performance.now();
    const run = core.services.sync.publish(tenantIds);
    const result = await core.services.sync.waitForRun(run.runId);
    const oursMs = performance.now() - started;
    if (result.counts.done !== count * 2) throw new Error(`publish ended with ${JSON.stringify(result.counts)}`);

    // The same PUTs from a plain client: a token per tenant, bodies ready, If-Match "*".
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
      { token: tokens[i]!, path: '/chatbot/settings/ai-response', body: JSON.stringify(intendedAiResponse(i + 1)) },
      { token: tokens[i]!, path: '/chatbot/settings/idle-action', body: JSON.stringify(intendedIdleAction(i + 1)) },
    ]);
    const rawStarted = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < requests.length) {
          const request = requests[next++]!;
          const response = await fetch(`${sandbox.baseUrl}${request.path}`, {
            method: 'PUT',
            headers: { Authorization: `Bearer ${request.token}`, 'Content-Type': 'application/json', 'If-Match': '*' },
            body: request.body,
          });
          await response.arrayBuffer();
          if (response.status !== 200) throw new Error(`raw PUT answered ${response.status}`);
        }
      }),
    );
    const rawMs = performance.now() - rawStarted;

    const metrics = [
      { metric: `publish_docs_per_s_${count}`, value: (count * 2) / (oursMs / 1000), unit: 'docs/s' },
      { metric: `publish_raw_docs_per_s_${count}`, value: (count * 2) / (rawMs / 1000), unit: 'docs/s' },
      { metric: `publish_vs_raw_ratio_${count}`, value: oursMs / rawMs, unit: 'x' },
    ];
    if (target) writeFileSync(target, JSON.stringify(metrics));
    else console.log(JSON.stringify(metrics, null, 2));
  } finally {
    await core.services.sync.stop();
    await core.whenIdle();
    const tenantIds = core.services.tenants.list().map((t) => t.id);
    core.close();
    for (const tenantId of tenantIds) await core.services.vault.deleteTenant(tenantId).catch(() => 0);
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
