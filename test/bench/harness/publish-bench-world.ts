import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { openCore, type Core } from '../../../electron/core/open-core';
import type { SyncEngineOptions } from '../../../electron/core/sync/sync-engine';
import { spawnSandbox, type SandboxProcess } from '../../sandbox/sandbox-process';

/** What a publish bench's child runs against: the sandbox in its own process and the core, both over a temp dir. */
export interface PublishBenchWorld {
  core: Core;
  sandbox: SandboxProcess;
  /** The sandbox's admin secret (for SandboxAdmin and QontakSandboxAdmin). */
  adminSecret: string;
}

/**
 * Starts the sandbox (its own process, on loopback) and opens the core with `sync`'s options in a
 * fresh temp dir named from `dirPrefix`, runs `body`, then stops the sync, waits for the core to be
 * idle, closes both and removes the dir, whether `body` succeeded or not. The keychain entries
 * (sessions, connection secrets) go with the keyring session of scripts/with-keyring.sh.
 */
export async function withPublishBenchWorld<T>(dirPrefix: string, sync: SyncEngineOptions, body: (world: PublishBenchWorld) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), dirPrefix));
  const adminSecret = randomUUID();
  const sandbox = await spawnSandbox(['--port', '0', '--data-dir', join(dir, 'sandbox')], { env: { SANDBOX_ADMIN_SECRET: adminSecret } });
  const core = openCore({ dataDir: join(dir, 'app'), appVersion: 'bench', transport: 'host', sync });
  try {
    return await body({ core, sandbox, adminSecret });
  } finally {
    await core.services.sync.stop();
    await core.whenIdle();
    await core.close();
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Publishes the tenants in one run and waits for it to end: the milliseconds it took. Throws unless
 * the run settled exactly `expectedDone` documents.
 */
export async function timePublish(core: Core, tenantIds: readonly string[], expectedDone: number): Promise<number> {
  const started = performance.now();
  const run = core.services.sync.publish(tenantIds);
  const result = await core.services.sync.waitForRun(run.runId);
  const ms = performance.now() - started;
  if (result.counts.done !== expectedDone) throw new Error(`publish ended with ${JSON.stringify(result.counts)}`);
  return ms;
}
