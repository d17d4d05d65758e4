import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiConnectionListItem } from '../../../shared/schemas/api-connection-document';
import type { RevisionEntry } from '../../../shared/schemas/history';
import type { PublishProgress } from '../../../shared/schemas/sync';
import { remoteAiEdit, rpc, runEnded } from './bulk-publish-world';
import { intendedConnection, SECRET_MARKER } from './collection-world';
import { createAccounts } from './publish-world';
import { addTenant, inside, openSyncWorld, SKIP_REASON, type SyncWorld } from './sync-fixture';

if (!inside) console.warn(`[sync publish-history] skipped: ${SKIP_REASON}`);

/**
 * History keeps what sync did (revisions of edits, pulls, publishes, ...): a publish
 * records what the backend now holds, a pull that changes the draft records the merged draft; an
 * API connection's revisions hold its public part only, never a secret value.
 */
describe.skipIf(!inside)('sync: publishes and pulls in history', () => {
  let world: SyncWorld;
  beforeAll(async () => {
    world = await openSyncWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  it('edit → publish → pull, newest first, with who and which fields', async () => {
    const core = world.open();
    const [account] = await createAccounts(world.sandbox.admin, 'history', 1);
    const tenantId = addTenant(core, 'History', world.sandbox.sandbox.baseUrl);
    await rpc(core, 'sync.signIn', { tenantId, ...account! });
    await rpc(core, 'sync.pull', { tenantId });
    const pulled = core.services.documents.get(tenantId, 'ai_response');
    await rpc(core, 'settings.saveDraft', { tenantId, kind: 'ai_response', draft: { ...pulled.draft, threshold: 4 } });
    const started = await rpc<PublishProgress>(core, 'sync.publish', { tenantIds: [tenantId] });
    expect((await runEnded(core, started.runId, 20_000)).counts.done).toBe(1);
    await remoteAiEdit(world.sandbox, account!, { handoverMessage: 'Set in the web settings' });
    await rpc(core, 'sync.pull', { tenantId });

    const history = await rpc<RevisionEntry[]>(core, 'history.list', { tenantId, kind: 'ai_response' });
    expect(history.map((entry) => ({ source: entry.source, actor: entry.actor, fields: entry.fields }))).toEqual([
      { source: 'pull', actor: 'backend', fields: ['/handoverMessage'] },
      { source: 'publish', actor: 'backend', fields: [] },
      { source: 'edit', actor: 'user', fields: ['/threshold'] },
      { source: 'pull', actor: 'backend', fields: expect.any(Array) },
    ]);
    const published = await rpc<{ changes: unknown[] }>(core, 'history.diff', { revisionA: history[2]!.id, revisionB: history[1]!.id });
    expect(published.changes).toEqual([]); // the backend holds exactly the edit
  }, 30_000);

  it('an API connection’s publish revision holds its public part, no secret value', async () => {
    const core = world.open();
    const [account] = await createAccounts(world.sandbox.admin, 'history-api', 1);
    const tenantId = addTenant(core, 'History API', world.sandbox.sandbox.baseUrl);
    await rpc(core, 'sync.signIn', { tenantId, ...account! });
    await rpc(core, 'sync.pull', { tenantId });
    await core.services.apiConnections.create({ tenantId, ...intendedConnection(0, 4) });
    const [connection] = await rpc<ApiConnectionListItem[]>(core, 'apiConnections.list', { tenantId });
    const started = await rpc<PublishProgress>(core, 'sync.publish', { tenantIds: [tenantId] });
    expect((await runEnded(core, started.runId, 20_000)).counts.done).toBe(1);

    const history = await rpc<RevisionEntry[]>(core, 'history.list', { tenantId, kind: 'api_connection', documentId: connection!.id });
    expect(history.map((entry) => entry.source)).toEqual(['publish', 'edit']);
    const bodies = core.services.db.prepare('SELECT source, draft_json FROM revisions WHERE document_id = ? ORDER BY id').all(connection!.id) as { source: string; draft_json: string }[];
    expect(bodies.map((row) => row.source)).toEqual(['edit', 'publish']);
    expect(JSON.parse(bodies[1]!.draft_json)).toMatchObject({ code: 'T0_C4', headers: expect.anything() });
    for (const row of bodies) expect(row.draft_json).not.toContain(SECRET_MARKER);
  }, 30_000);
});
