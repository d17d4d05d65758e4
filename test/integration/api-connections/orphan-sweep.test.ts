import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/open-core';
import type { ApiConnectionDocument, ApiConnectionListItem } from '../../../shared/schemas/api-connection-document';
import type { VaultStatusView } from '../../../shared/schemas/vault-status';
import type { Tenant } from '../../../shared/schemas/tenant';
import { useTempDirs } from '../../support/core/temp-dirs';
import { useCores } from '../../support/core/open-test-core';
import { setStoreEntry } from '../vault/store-entries';
import { INSIDE_KEYRING, KEYRING_SKIP_REASON, RpcRecorder, clearStore, type StoreOfEntries, keychainAccounts, keychainSnapshot, marker, seedConnection } from './support';

/**
 * What happens to keychain entries across restarts, with the real keychain: the start-up sweep,
 * the purge of deletions the backend never had, and the deletions that wait for a publish.
 */
if (!INSIDE_KEYRING) console.warn(`[orphan-sweep] skipped: ${KEYRING_SKIP_REASON}`);

describe.skipIf(!INSIDE_KEYRING)(`keychain housekeeping at start (${INSIDE_KEYRING ? 'real keychain' : KEYRING_SKIP_REASON})`, () => {
  const tempDir = useTempDirs('api-connections-sweep-');
  const open = useCores();
  const stores: StoreOfEntries[] = [];
  afterEach(async () => {
    for (const store of stores.splice(0)) await clearStore(store);
  });

  function openCore(dir: string): { core: Core; rpc: RpcRecorder } {
    const core = open(dir, { onUnexpectedError: () => undefined });
    stores.push(core.services.vault);
    return { core, rpc: new RpcRecorder(core) };
  }

  it('removes what belongs to nothing, purges never-published deletions with their secrets, keeps the rest', async () => {
    const dir = tempDir();
    const first = openCore(dir);
    const store = first.core.services.vault;
    const t1 = await first.rpc.ok<Tenant>('tenants.create', { name: 'PT Satu' });
    const t2 = await first.rpc.ok<Tenant>('tenants.create', { name: 'PT Dua' });
    const c1 = await first.rpc.ok<ApiConnectionDocument>('apiConnections.create', { tenantId: t1.id, ...seedConnection(marker()) });
    const c2 = await first.rpc.ok<ApiConnectionDocument>('apiConnections.create', { tenantId: t1.id, ...seedConnection(marker(), { code: 'TWO' }) });
    const c3 = await first.rpc.ok<ApiConnectionDocument>('apiConnections.create', { tenantId: t2.id, ...seedConnection(marker()) });
    // c3 as if published: the backend has it, with this very secret set
    first.core.services.db
      .prepare("UPDATE settings_documents SET base_json = draft_json, base_version = '\"v1\"', base_vault_owner = vault_owner, dirty = 0 WHERE id = ?")
      .run(c3.id);
    expect(await first.rpc.ok('apiConnections.delete', { tenantId: t1.id, id: c2.id })).toMatchObject({ deleted: true, dirty: false });
    expect(await first.rpc.ok('apiConnections.delete', { tenantId: t2.id, id: c3.id })).toMatchObject({ deleted: true, dirty: true, published: true });
    expect((await first.rpc.ok<Tenant>('tenants.get', { id: t2.id })).unpublishedCount).toBe(1); // the deletion is to publish

    const keptBefore = (await keychainAccounts(store)).filter((a) => a.includes(c1.id) || a.includes(c3.id));
    expect(keptBefore).toHaveLength(12);
    const orphans = [
      `${t1.id}/api_connection:${c1.id}_000000000000/headers/apikey`, // an old set whose removal failed
      `${t1.id}/api_connection:${randomUUID()}_abcdefabcdef/token/access_token`, // a save that crashed before its row
      `${randomUUID()}/session/tokens`, // a tenant deleted while the keychain was away
      '~probe/left-over', // under the store's prefix, but not an account this app makes
    ];
    const othersOwner = `${t1.id}/session/tokens`; // another kind of owner, of a tenant that exists: not ours to judge
    for (const account of [...orphans, othersOwner]) await setStoreEntry(store.installationId, account, `orphan-${randomUUID()}`);
    await first.core.close();

    const second = openCore(dir);
    // the purge is done when the core is open; the sweep runs in the background
    expect((await second.rpc.ok<ApiConnectionListItem[]>('apiConnections.list', { tenantId: t1.id })).map((c) => c.id)).toEqual([c1.id]);
    await second.core.whenIdle();
    const left = await keychainAccounts(store);
    expect(left.sort()).toEqual([...keptBefore, othersOwner].sort());
    const status = await second.rpc.ok<VaultStatusView>('vault.status', {});
    expect(status.cleanup).toMatchObject({ state: 'done', removed: orphans.length + 6, message: null }); // + c2's six
    expect(status.cleanup.finishedAt).not.toBeNull();

    // the deletion of a published connection waits for a publish: still there, and undo brings it back as it was
    expect(await second.rpc.ok('apiConnections.list', { tenantId: t2.id })).toMatchObject([{ id: c3.id, deleted: true, dirty: true }]);
    expect(await second.rpc.ok('apiConnections.undoDelete', { tenantId: t2.id, id: c3.id })).toMatchObject({ deleted: false, dirty: false });
    expect((await second.rpc.ok<ApiConnectionDocument>('apiConnections.get', { tenantId: t2.id, id: c3.id })).secrets).toMatchObject({ readable: true, missingFields: [] });
    // the purged one is gone for good
    expect(await second.rpc.error('apiConnections.undoDelete', { tenantId: t1.id, id: c2.id })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keeps a save that starts while the sweep runs (they never interleave)', async () => {
    const dir = tempDir();
    const first = openCore(dir);
    const tenant = await first.rpc.ok<Tenant>('tenants.create', { name: 'PT Cepat' });
    await first.rpc.ok('apiConnections.create', { tenantId: tenant.id, ...seedConnection(marker()) });
    await first.core.close();

    const second = openCore(dir); // its sweep starts now
    const created = await second.rpc.ok<ApiConnectionDocument>('apiConnections.create', { tenantId: tenant.id, ...seedConnection(marker(), { code: 'DURING' }) });
    await second.core.whenIdle();
    const got = await second.rpc.ok<ApiConnectionDocument>('apiConnections.get', { tenantId: tenant.id, id: created.id });
    expect(got.secrets).toEqual({ readable: true, reason: null, message: null, missingFields: [] });
  });

  it('each store sweeps only its own entries: another data directory’s secrets, under the same service, are left alone', async () => {
    const a = openCore(tempDir());
    const ta = await a.rpc.ok<Tenant>('tenants.create', { name: 'PT A' });
    const ca = await a.rpc.ok<ApiConnectionDocument>('apiConnections.create', { tenantId: ta.id, ...seedConnection(marker()) });
    const aEntries = await keychainSnapshot(a.core.services.vault);
    expect(aEntries).toHaveLength(6);
    // an orphan of store A (a tenant A no longer has): only A's own sweep may remove it
    const aOrphan = `${randomUUID()}/session/tokens`;
    await setStoreEntry(a.core.services.vault.installationId, aOrphan, `orphan-${randomUUID()}`);

    const dirB = tempDir();
    const b = openCore(dirB);
    const tb = await b.rpc.ok<Tenant>('tenants.create', { name: 'PT B' });
    await b.rpc.ok('apiConnections.create', { tenantId: tb.id, ...seedConnection(marker()) });
    await b.rpc.ok('tenants.delete', { id: tb.id }); // B removes a whole tenant's entries: its own six
    await b.core.whenIdle();
    expect((await b.rpc.ok<VaultStatusView>('vault.status', {})).cleanup).toMatchObject({ state: 'done', removed: 6 });
    await setStoreEntry(b.core.services.vault.installationId, `${randomUUID()}/session/tokens`, `orphan-${randomUUID()}`);
    await b.core.close();
    const reopened = openCore(dirB); // B's start-up sweep: to B, every entry of A belongs to nothing
    await reopened.core.whenIdle();
    // it did sweep (its own orphan), and nothing else
    expect((await reopened.rpc.ok<VaultStatusView>('vault.status', {})).cleanup).toMatchObject({ state: 'done', removed: 1, message: null });

    // a service of its own for each store, named after its installation id
    expect(a.core.services.vault.service).toBe(`chatbot-settings-desktop/${a.core.services.vault.installationId}`);
    expect(reopened.core.services.vault.service).toBe(`chatbot-settings-desktop/${reopened.core.services.vault.installationId}`);
    expect(a.core.services.vault.installationId).not.toBe(reopened.core.services.vault.installationId);
    expect(await keychainAccounts(reopened.core.services.vault)).toEqual([]);
    expect(await keychainSnapshot(a.core.services.vault)).toEqual(
      [...aEntries, [aOrphan, expect.any(String)]].sort(([x], [y]) => String(x).localeCompare(String(y))),
    );
    const got = await a.rpc.ok<ApiConnectionDocument>('apiConnections.get', { tenantId: ta.id, id: ca.id });
    expect(got.secrets).toMatchObject({ readable: true, missingFields: [] });
  });
});
