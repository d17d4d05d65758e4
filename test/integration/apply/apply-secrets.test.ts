import { afterEach, describe, expect, it } from 'vitest';
import type { ApplyPreview, ApplyResult } from '../../../shared/schemas/apply';
import type { ApiConnectionListItem } from '../../../shared/schemas/api-connection-document';
import { INSIDE_KEYRING, KEYRING_SKIP_REASON, clearStore, keychainSnapshot, marker, seedConnection, type StoreOfEntries } from '../api-connections/support';
import { useRpcCore } from '../../support/core/rpc-core';

/**
 * Apply to many with API connections' secrets, on the real keychain (GNOME Keyring in the
 * private D-Bus session of scripts/with-keyring.sh): values are copied only with copySecrets,
 * each target gets its own fresh set, and undo brings back each target's own values.
 */
if (!INSIDE_KEYRING) console.warn(`[apply/apply-secrets] skipped: ${KEYRING_SKIP_REASON}`);

describe.skipIf(!INSIDE_KEYRING)('apply API connections with their secrets (real keychain)', () => {
  const open = useRpcCore('apply-secrets-');
  const stores: StoreOfEntries[] = [];
  afterEach(async () => {
    for (const store of stores.splice(0)) await clearStore(store);
  });

  it('copies values only when asked, as a fresh set per target; undo restores each target’s own', async () => {
    const { core, rpc } = open();
    stores.push(core.services.vault);
    const mine = marker();
    const theirs = marker();
    const source = await rpc.tenant('Source');
    const fresh = await rpc.tenant('Fresh');
    const owned = await rpc.tenant('Owned');
    const src = await rpc.ok<{ id: string }>('apiConnections.create', { tenantId: source.id, ...seedConnection(mine) });
    await rpc.ok('apiConnections.create', { tenantId: owned.id, ...seedConnection(theirs), description: 'Own' });
    const valuesOf = async (tenantId: string) => (await keychainSnapshot(core.services.vault)).filter(([account]) => account.startsWith(`${tenantId}/`)).map(([, value]) => value);

    // Without the flag: nothing secret moves.
    const plain = { sourceTenantId: source.id, targetTenantIds: [fresh.id, owned.id], what: { kind: 'api_connections', connectionIds: [src.id] } };
    const preview = await rpc.ok<ApplyPreview>('apply.preview', plain);
    expect(preview.targets[0]!.documents[0]!.notes).toEqual([expect.stringContaining('Secrets not copied: Settings, Headers, Token left empty')]);
    expect(preview.targets[1]!.documents[0]!.notes).toEqual([expect.stringContaining('keeps its own')]);
    const first = await rpc.ok<ApplyResult>('apply.confirm', plain);
    expect(await valuesOf(fresh.id)).toEqual([]);
    expect((await valuesOf(owned.id)).every((value) => value.includes(theirs))).toBe(true);
    await rpc.ok('apply.undo', { batchId: first.batchId });

    // With the flag: each target gets the source's values in a set of its own.
    const copy = { ...plain, what: { ...plain.what, copySecrets: true } };
    const result = await rpc.ok<ApplyResult>('apply.confirm', copy);
    expect(result.applied).toEqual([fresh.id, owned.id]);
    const freshValues = await valuesOf(fresh.id);
    expect(freshValues.length).toBe(6);
    expect(freshValues.every((value) => value.includes(mine))).toBe(true);
    const ownedValues = await valuesOf(owned.id);
    expect(ownedValues.filter((value) => value.includes(mine))).toHaveLength(6);
    expect(ownedValues.filter((value) => value.includes(theirs))).toHaveLength(6); // kept for the undo
    const listed = await rpc.ok<ApiConnectionListItem[]>('apiConnections.list', { tenantId: fresh.id });
    expect(JSON.stringify(listed)).not.toContain(mine);

    await rpc.ok('apply.undo', { batchId: result.batchId });
    expect(await rpc.ok('apiConnections.list', { tenantId: fresh.id })).toEqual([]);
    expect(await valuesOf(fresh.id)).toEqual([]);
    const restored = await valuesOf(owned.id);
    expect(restored).toHaveLength(6);
    expect(restored.every((value) => value.includes(theirs))).toBe(true);
    expect((await rpc.ok<ApiConnectionListItem[]>('apiConnections.list', { tenantId: owned.id }))[0]).toMatchObject({ description: 'Own' });
  });
});
