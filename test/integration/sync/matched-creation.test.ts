import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BORNEO } from '../../support/sandbox/sandbox-fixture';
import { addTenant, inside, openSyncWorld, SKIP_REASON, type SyncWorld } from './sync-fixture';

if (!inside) console.warn(`[sync matched-creation] skipped: ${SKIP_REASON}`);

/**
 * Two installations create an API connection with the same code. The second's publish is
 * refused (the code is taken); its pull matches its draft to the backend's connection — against
 * an empty base, so the description both gave differently is a conflict, and its next publish
 * sends nothing until the user chooses.
 */
describe.skipIf(!inside)('sync: a local creation matched to the backend’s document', () => {
  let world: SyncWorld;
  beforeAll(async () => {
    world = await openSyncWorld();
  });
  afterAll(() => world?.close());

  it('surfaces every field both sides gave differently, and never replaces the first installation’s value unasked', async () => {
    const [first, second] = [world.open(), world.open()];
    const tenants = [];
    for (const core of [first, second]) {
      const tenantId = addTenant(core, 'Borneo', world.sandbox.sandbox.baseUrl);
      await core.services.sync.signIn(tenantId, BORNEO.username, BORNEO.password);
      await core.services.sync.pull(tenantId);
      tenants.push(tenantId);
    }
    const [a, b] = tenants as [string, string];
    const common = { name: 'Ledger', code: 'SHARED_CODE', baseUrl: 'https://ledger.example.test/v1', settings: null, headers: null, token: null };
    await first.services.apiConnections.create({ tenantId: a, ...common, description: 'From the first installation' });
    const created = await second.services.apiConnections.create({ tenantId: b, ...common, description: 'From the second installation' });

    expect((await first.services.sync.waitForRun(first.services.sync.publish([a]).runId)).counts.done).toBe(1);
    const refused = await second.services.sync.waitForRun(second.services.sync.publish([b]).runId);
    expect(refused.results).toEqual([expect.objectContaining({ op: 'create', state: 'failed', error: expect.objectContaining({ code: 'BACKEND_ERROR' }) })]);

    const pulled = await second.services.sync.pull(b);
    expect(pulled.conflicts).toEqual([
      expect.objectContaining({
        kind: 'api_connection',
        documentId: created.id,
        conflicts: [expect.objectContaining({ pointer: '/description', local: 'From the second installation', remote: 'From the first installation' })],
      }),
    ]);
    // The fields both gave alike merged; the one document is the backend's.
    expect(second.services.apiConnections.list(b)).toEqual([expect.objectContaining({ id: created.id, code: 'SHARED_CODE', published: true, dirty: true })]);

    const blocked = await second.services.sync.waitForRun(second.services.sync.publish([b]).runId);
    expect(blocked.total).toBe(0);
    const state = await world.sandbox.admin.state(BORNEO.username);
    expect(state.apiConnections.map((c) => c.value.description)).toEqual(['From the first installation']);

    // The user chooses: theirs leaves nothing to publish; the installations agree.
    await second.services.sync.resolveConflict(b, 'api_connection', { '/description': 'theirs' }, created.id);
    expect(second.services.sync.plan([b])[0]!.entries).toEqual([]);
    expect(second.services.apiConnections.list(b)).toEqual([expect.objectContaining({ description: 'From the first installation', dirty: false })]);
  });
});
