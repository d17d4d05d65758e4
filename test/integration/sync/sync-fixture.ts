import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore, type Core, type CoreOptions } from '../../../electron/core/open-core';
import { openSandbox, type SandboxFixture } from '../../support/sandbox/sandbox-fixture';
import { insideKeyringSession } from '../../support/keyring/keyring-sandbox';

/**
 * A real sandbox backend on 127.0.0.1 and real cores (SQLite in temp dirs, the keychain of the
 * private keyring session of scripts/with-keyring.sh). Outside such a session the sync tests skip.
 */
export const inside = insideKeyringSession();
export const SKIP_REASON = 'needs a private keyring session: run `bash scripts/with-keyring.sh npx vitest run test/integration/sync`';

/** Short enough that a fault test ends in seconds, long enough for a loaded CI machine. */
export const FAST_SYNC: CoreOptions['sync'] = { timeoutMs: 1_500, retry: { baseDelayMs: 20, maxDelayMs: 300, maxAttempts: 6 }, concurrency: 4 };

export interface SyncWorld {
  sandbox: SandboxFixture;
  open(options?: Partial<CoreOptions>): Core;
  dataDir(): string;
  close(): Promise<void>;
}

export async function openSyncWorld(sandboxOptions: Parameters<typeof openSandbox>[0] = {}): Promise<SyncWorld> {
  const sandbox = await openSandbox(sandboxOptions);
  const cores: Core[] = [];
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'sync-test-'));
    dirs.push(dir);
    return dir;
  };
  return {
    sandbox,
    dataDir,
    open(options = {}) {
      const core = openCore({ dataDir: options.dataDir ?? dataDir(), appVersion: '0.0.0-test', transport: 'host', sync: FAST_SYNC, onUnexpectedError: () => undefined, ...options });
      cores.push(core);
      return core;
    },
    async close() {
      try {
        for (const core of cores) {
          await core.services.sync.stop();
          await core.whenIdle(); // the keychain sweep: listing while it deletes can crash keytar
          // The keychain entries (sessions, connection secrets) go with their tenants (a closed core's vault still works).
          const tenantIds = core.services.db.open ? core.services.tenants.list().map((t) => t.id) : [];
          await core.close();
          for (const tenantId of tenantIds) await core.services.vault.deleteTenant(tenantId);
        }
      } finally {
        // Whatever failed above, the sandbox and the temp dirs go.
        await sandbox.close();
        for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** A local tenant pointing at the sandbox. */
export function addTenant(core: Core, name: string, backendUrl: string): string {
  return core.services.tenants.create({ name, backendUrl }).id;
}

/** Polls until `check` is true; fails after `timeoutMs`. */
export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs = 20_000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
