import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { ContractClient } from '../../sandbox/contract-client';
import { tokenResponseSchema } from '../../../shared/wire/oauth';
import { ACME, BORNEO, openSandbox, type SandboxFixture } from '../../support/sandbox/sandbox-fixture';

describe('sandbox: OAuth tokens', () => {
  let fx: SandboxFixture;
  beforeAll(async () => {
    fx = await openSandbox({ tokenTtlSeconds: 1 });
  });
  afterAll(() => fx.close());

  it('grants tokens for a password (JSON body) and they open the API', async () => {
    const client = new ContractClient(fx.sandbox.baseUrl);
    const result = await client.signIn(ACME.username, ACME.password);
    expect(result.status).toBe(200);
    const token = tokenResponseSchema.parse(result.body);
    expect(token.token_type).toBe('bearer');
    expect(token.expires_in).toBe(1);
    expect(Math.abs(token.created_at - Date.now() / 1000)).toBeLessThan(5);
    expect(result.headers['cache-control']).toBe('no-store');
    expect((await client.call('GET', '/divisions')).status).toBe(200);
    expect(client.violations).toEqual([]);
  });

  it('accepts a form-encoded body too', async () => {
    const client = new ContractClient(fx.sandbox.baseUrl);
    const result = await client.call('POST', '/oauth/token', {
      form: true,
      body: { grant_type: 'password', username: BORNEO.username, password: BORNEO.password },
      token: null,
    });
    expect(result.status).toBe(200);
    expect(client.violations).toEqual([]);
  });

  it('answers 401 invalid_grant for a wrong password or an unknown user', async () => {
    const client = new ContractClient(fx.sandbox.baseUrl);
    for (const [username, password] of [
      [ACME.username, 'wrong-password'],
      ['nobody@example.test', ACME.password],
    ]) {
      const result = await client.signIn(username!, password!);
      expect(result.status).toBe(401);
      expect(result.body).toMatchObject({ status: 'error', error: { code: 'invalid_grant' } });
    }
    expect(client.violations).toEqual([]);
  });

  it('rotates refresh tokens: the new pair works, the spent refresh token is refused', async () => {
    const client = await fx.signedIn(ACME);
    const first = client.refreshToken!;
    const refreshed = await client.call<{ access_token: string; refresh_token: string }>('POST', '/oauth/token', {
      body: { grant_type: 'refresh_token', refresh_token: first },
      token: null,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).not.toBe(first);
    expect((await client.call('GET', '/divisions', { token: refreshed.body.access_token })).status).toBe(200);

    const reused = await client.call('POST', '/oauth/token', { body: { grant_type: 'refresh_token', refresh_token: first }, token: null });
    expect(reused.status).toBe(401);
    expect(reused.body).toMatchObject({ error: { code: 'invalid_grant' } });
    expect(client.violations).toEqual([]);
  });

  it('refuses an expired access token with 401 invalid_token, and a refresh then works', async () => {
    const client = await fx.signedIn(BORNEO);
    await sleep(1_100);
    const expired = await client.call('GET', '/divisions');
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ error: { code: 'invalid_token', message: expect.stringMatching(/expired/) } });
    expect(expired.headers['www-authenticate']).toMatch(/invalid_token/);
    const refreshed = await client.call<{ access_token: string }>('POST', '/oauth/token', {
      body: { grant_type: 'refresh_token', refresh_token: client.refreshToken },
      token: null,
    });
    expect(refreshed.status).toBe(200);
    expect((await client.call('GET', '/divisions', { token: refreshed.body.access_token })).status).toBe(200);
    expect(client.violations).toEqual([]);
  });

  it('after the tenant is revoked, both its access and refresh tokens are refused', async () => {
    const client = await fx.signedIn(ACME);
    const other = await fx.signedIn(BORNEO);
    expect((await fx.admin.revokeTokens(ACME.username)).revoked).toBeGreaterThan(0);
    const denied = await client.call('GET', '/divisions');
    expect(denied.status).toBe(401);
    expect(denied.body).toMatchObject({ error: { code: 'invalid_token' } });
    const refresh = await client.call('POST', '/oauth/token', { body: { grant_type: 'refresh_token', refresh_token: client.refreshToken }, token: null });
    expect(refresh.status).toBe(401);
    expect(refresh.body).toMatchObject({ error: { code: 'invalid_grant' } });
    // Another tenant is not affected; the revoked one can sign in again.
    expect((await other.call('GET', '/divisions')).status).toBe(200);
    expect((await client.signIn(ACME.username, ACME.password)).status).toBe(200);
    expect(client.violations).toEqual([]);
    expect(other.violations).toEqual([]);
  });

  it('answers 401 unauthorized without a token, and 400 for a malformed grant', async () => {
    const client = new ContractClient(fx.sandbox.baseUrl);
    const anonymous = await client.unchecked('GET', '/divisions');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ error: { code: 'unauthorized' } });
    const badGrant = await client.unchecked('POST', '/oauth/token', { body: { grant_type: 'client_credentials' } });
    expect(badGrant.status).toBe(400);
    expect(badGrant.body).toMatchObject({ error: { code: 'validation_failed' } });
    expect(client.violations).toEqual([]);
  });
});
