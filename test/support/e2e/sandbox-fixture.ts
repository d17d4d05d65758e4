import { randomUUID } from 'node:crypto';
import { spawnSandbox, type SandboxProcess } from '../../sandbox/sandbox-process';
import { SandboxAdmin } from '../../sandbox/admin-client';
import { makeDataDir } from './data-dir';
import { test as hostTest } from './fixtures';

export interface E2eSandbox {
  /** `http://127.0.0.1:PORT/api/open/v1`: what a tenant's Backend URL is set to. */
  baseUrl: string;
  process: SandboxProcess;
  admin: SandboxAdmin;
}

/**
 * `sandbox`: the real sandbox backend (`npm run sandbox`'s CLI) as a process of its own, on a free
 * port of 127.0.0.1 with a fresh data directory (so its demo accounts start as the README says) and
 * the admin API on, with a secret made for this test and kept out of the command line.
 */
export const test = hostTest.extend<{ sandbox: E2eSandbox }>({
  sandbox: async ({ browserName: _browserName }, use) => {
    const dataDir = makeDataDir();
    const secret = randomUUID();
    const process = await spawnSandbox(['--port', '0', '--data-dir', dataDir.path], { env: { SANDBOX_ADMIN_SECRET: secret } });
    try {
      await use({ baseUrl: process.baseUrl, process, admin: new SandboxAdmin(process.origin, secret) });
    } finally {
      await process.stop();
      dataDir.remove();
    }
  },
});

export { expect } from '@playwright/test';
