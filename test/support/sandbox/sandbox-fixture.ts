import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../sandbox/server';
import { SandboxAdmin } from '../../sandbox/admin-client';
import { ContractClient } from '../../sandbox/contract-client';
import { DEMO_TENANTS } from '../../sandbox/demo-data';

/** A sandbox on 127.0.0.1:0 with its own temp data dir and the admin API, for one test file. */
export const ADMIN_SECRET = 'test-admin-secret';
export const [ACME, BORNEO, CENDANA] = DEMO_TENANTS as [(typeof DEMO_TENANTS)[number], (typeof DEMO_TENANTS)[number], (typeof DEMO_TENANTS)[number]];

export interface SandboxFixture {
  sandbox: RunningSandbox;
  admin: SandboxAdmin;
  dataDir: string;
  /** A contract-checked client signed in as a demo tenant. */
  signedIn(tenant: { username: string; password: string }): Promise<ContractClient>;
  close(): Promise<void>;
}

export async function openSandbox(options: Partial<SandboxOptions> = {}): Promise<SandboxFixture> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'sandbox-test-'));
  const sandbox = await startSandbox({ adminSecret: ADMIN_SECRET, ...options, dataDir, port: 0 });
  return {
    sandbox,
    admin: new SandboxAdmin(sandbox.origin, ADMIN_SECRET),
    dataDir,
    async signedIn(tenant) {
      const client = new ContractClient(sandbox.baseUrl);
      const result = await client.signIn(tenant.username, tenant.password);
      if (result.status !== 200) throw new Error(`sign-in failed: ${result.text}`);
      return client;
    },
    async close() {
      await sandbox.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
