import { afterEach, describe, expect, it } from 'vitest';
import { SessionTokens } from '../../../electron/core/sync/session/session-tokens';
import { ACME } from '../../support/sandbox/sandbox-fixture';
import { addTenant, inside, openSyncWorld, SKIP_REASON, type SyncWorld } from './sync-fixture';

if (!inside) console.warn(`[sync refresh-answer-lost] skipped: ${SKIP_REASON}`);

/**
 * The backend rotates the refresh token and commits, then the answer is lost (the connection is
 * reset after the commit). The app's clock runs ahead so that its access token is due for a
 * refresh at the next request.
 */
describe.skipIf(!inside)('sync: a lost answer to a token refresh', () => {
  let world: SyncWorld | null = null;
  afterEach(async () => {
    await world?.close();
    world = null;
  });

  async function signedInWithLostRefresh(graceSeconds: number) {
    world = await openSyncWorld({ refreshReuseGraceSeconds: graceSeconds });
    let now = Date.now();
    const core = world.open({ clock: () => now });
    const tenantId = addTenant(core, 'Acme', world.sandbox.sandbox.baseUrl);
    await core.services.sync.signIn(tenantId, ACME.username, ACME.password);
    const before = JSON.parse((await core.services.vault.get(SessionTokens.ref(tenantId)))!) as { refreshToken: string };
    now += 2 * 3600_000; // the access token (an hour) is due
    await world.sandbox.admin.setFaults({ rules: [{ route: 'POST /oauth/token', phase: 'after', reset: true, times: 1 }] });
    return { core, tenantId, before, sandbox: world.sandbox };
  }

  it('repeats the refresh once with the same token: within the backend’s reuse grace the session goes on', async () => {
    const { core, tenantId, before, sandbox } = await signedInWithLostRefresh(30);
    await core.services.sync.pull(tenantId);
    expect(core.services.sync.status(tenantId)).toMatchObject({ signedIn: true, lastError: null, lastSyncAt: expect.any(String) });
    const after = JSON.parse((await core.services.vault.get(SessionTokens.ref(tenantId)))!) as { refreshToken: string };
    expect(after.refreshToken).not.toBe(before.refreshToken);
    // The sign-in, the refresh whose answer was lost, and its one repeat.
    expect((await sandbox.admin.stats()).oauthToken?.requests).toBe(3);
    expect((await sandbox.admin.faults()).rules[0]).toMatchObject({ fired: 1 });
  });

  it('without a grace the session ends, and the message says the answer was lost and signing in again restores everything', async () => {
    const { core, tenantId, sandbox } = await signedInWithLostRefresh(0);
    const draft = core.services.documents.saveDraft({
      tenantId,
      kind: 'ai_response',
      draft: { threshold: 7, onThreshold: 'any_available_agent', divisionId: null, agentId: null, handoverMessage: 'Kept' },
    });
    const result = await core.dispatcher.dispatch('sync.pull', { tenantId });
    expect(result).toMatchObject({ ok: false, error: { code: 'SIGNED_OUT' } });
    const message = result.ok ? '' : result.error.message;
    expect(message).toMatch(/answer to a token refresh was lost/);
    expect(message).toMatch(/sign in again, which restores everything/);
    expect(message).not.toMatch(/revoked or expired/);
    expect((await sandbox.admin.stats()).oauthToken?.requests).toBe(3);
    expect(core.services.sync.status(tenantId)).toMatchObject({ signedIn: false, lastError: { code: 'SIGNED_OUT', message } });
    expect(await core.services.vault.listByTenant(tenantId)).toEqual([]);
    expect(core.services.documents.get(tenantId, 'ai_response').draft).toEqual(draft.draft);

    // Signing in again restores everything: the pull works and the draft is still there.
    await core.services.sync.signIn(tenantId, ACME.username, ACME.password);
    await core.services.sync.pull(tenantId);
    expect(core.services.sync.status(tenantId)).toMatchObject({ signedIn: true, lastError: null });
    expect(core.services.documents.get(tenantId, 'ai_response').draft).toMatchObject({ handoverMessage: 'Kept' });
  });
});
