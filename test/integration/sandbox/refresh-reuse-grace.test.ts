import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACME, openSandbox, type SandboxFixture } from '../../support/sandbox/sandbox-fixture';
import type { ContractClient } from '../../sandbox/contract-client';
import { spawnSandbox } from '../../sandbox/sandbox-process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A spent refresh token is accepted again for `--refresh-reuse-grace` seconds, then refused. */
describe('sandbox: the reuse grace of a spent refresh token', () => {
  let fx: SandboxFixture;
  let now = Date.now();
  beforeAll(async () => {
    fx = await openSandbox({ refreshReuseGraceSeconds: 10, now: () => now });
  });
  afterAll(() => fx.close());

  const refresh = (client: ContractClient, refreshToken: string) =>
    client.call<{ access_token: string; refresh_token: string }>('POST', '/oauth/token', { body: { grant_type: 'refresh_token', refresh_token: refreshToken }, token: null });

  it('within the grace a repeat answers a new working pair; after it the spent token gets invalid_grant', async () => {
    const client = await fx.signedIn(ACME);
    const spent = client.refreshToken!;
    const first = await refresh(client, spent);
    expect(first.status).toBe(200);
    now += 9_000;
    const repeat = await refresh(client, spent);
    expect(repeat.status).toBe(200);
    expect(repeat.body.refresh_token).not.toBe(first.body.refresh_token);
    expect((await client.call('GET', '/divisions', { token: repeat.body.access_token })).status).toBe(200);
    // The grace counts from the first use, not from the repeat.
    now += 2_000;
    const late = await refresh(client, spent);
    expect(late.status).toBe(401);
    expect(late.body).toMatchObject({ error: { code: 'invalid_grant', message: expect.stringMatching(/used or revoked/) } });
    // The pairs issued meanwhile are the session's own and keep working.
    expect((await refresh(client, repeat.body.refresh_token)).status).toBe(200);
    expect(client.violations).toEqual([]);
  });

  it('a revoked tenant’s spent refresh token is refused even within the grace', async () => {
    const client = await fx.signedIn(ACME);
    const spent = client.refreshToken!;
    expect((await refresh(client, spent)).status).toBe(200);
    await fx.admin.revokeTokens(ACME.username);
    expect((await refresh(client, spent)).status).toBe(401);
  });

  it('is a CLI option (`--refresh-reuse-grace S`, 0 allowed)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sandbox-grace-'));
    const sandbox = await spawnSandbox(['--port', '0', '--data-dir', dataDir, '--refresh-reuse-grace', '30']);
    try {
      const grant = (body: Record<string, string>) =>
        fetch(`${sandbox.baseUrl}/oauth/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      const signIn = (await (await grant({ grant_type: 'password', username: ACME.username, password: ACME.password })).json()) as { refresh_token: string };
      expect((await grant({ grant_type: 'refresh_token', refresh_token: signIn.refresh_token })).status).toBe(200);
      expect((await grant({ grant_type: 'refresh_token', refresh_token: signIn.refresh_token })).status).toBe(200);
    } finally {
      expect(await sandbox.stop()).toBe(0);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
