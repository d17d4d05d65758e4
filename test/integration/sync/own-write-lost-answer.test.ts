import type { AiResponse } from '../../../shared/schemas/ai-response';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BORNEO, CENDANA } from '../../support/sandbox/sandbox-fixture';
import { addTenant, inside, openSyncWorld, SKIP_REASON, type SyncWorld } from './sync-fixture';

if (!inside) console.warn(`[sync own-write-lost-answer] skipped: ${SKIP_REASON}`);

/**
 * The backend commits a PUT and its answer is lost (the connection is reset after the commit, on
 * every try); the user edits the same document; the next publish gets 412. The remote is what
 * this installation sent: that is the base, and the newer edit merges onto it with no conflict.
 */
describe.skipIf(!inside)('sync: the app’s own write whose answer was lost is not a conflict', () => {
  let world: SyncWorld;
  beforeAll(async () => {
    world = await openSyncWorld();
  });
  afterAll(() => world?.close());

  it('AI Response: the newer edit is published over the lost write without a conflict', async () => {
    const core = world.open();
    const tenantId = addTenant(core, 'Borneo', world.sandbox.sandbox.baseUrl);
    await core.services.sync.signIn(tenantId, BORNEO.username, BORNEO.password);
    await core.services.sync.pull(tenantId);
    const draft = core.services.documents.get(tenantId, 'ai_response').draft as AiResponse;
    core.services.documents.saveDraft({ tenantId, kind: 'ai_response', draft: { ...draft, handoverMessage: 'first' } });

    await world.sandbox.admin.setFaults({ rules: [{ route: 'PUT /chatbot/settings/ai-response', phase: 'after', reset: true }] });
    const lost = await core.services.sync.waitForRun(core.services.sync.publish([tenantId]).runId);
    expect(lost.results).toEqual([expect.objectContaining({ state: 'failed', error: expect.objectContaining({ code: 'BACKEND_UNREACHABLE' }) })]);
    await world.sandbox.admin.clearFaults();
    expect((await world.sandbox.admin.state(BORNEO.username)).aiResponse.value).toMatchObject({ handoverMessage: 'first' });

    core.services.documents.saveDraft({ tenantId, kind: 'ai_response', draft: { ...draft, handoverMessage: 'second' } });
    const run = await core.services.sync.waitForRun(core.services.sync.publish([tenantId]).runId);
    expect(run.results).toEqual([expect.objectContaining({ kind: 'ai_response', state: 'done', error: null })]);
    expect(core.services.sync.conflicts(tenantId)).toEqual([]);
    const state = await world.sandbox.admin.state(BORNEO.username);
    expect(state.aiResponse.value).toMatchObject({ handoverMessage: 'second' });
    expect(core.services.documents.get(tenantId, 'ai_response')).toMatchObject({ dirty: false, baseVersion: state.aiResponse.version });
  });

  it('API connection: the same for a connection’s PUT', async () => {
    const core = world.open();
    const tenantId = addTenant(core, 'Cendana', world.sandbox.sandbox.baseUrl);
    await core.services.sync.signIn(tenantId, CENDANA.username, CENDANA.password);
    await core.services.sync.pull(tenantId);
    const fields = { name: 'Ledger', code: 'LOST_ANSWER', baseUrl: 'https://ledger.example.test/v1' };
    const created = await core.services.apiConnections.create({ tenantId, ...fields, description: 'zero', settings: null, headers: { apikey: 'lost-answer-key' }, token: null });
    expect((await core.services.sync.waitForRun(core.services.sync.publish([tenantId]).runId)).counts.done).toBe(1);
    const edit = (description: string) =>
      core.services.apiConnections.update({ tenantId, id: created.id, ...fields, description, settings: { action: 'keep' }, headers: { action: 'keep' }, token: { action: 'keep' } });

    await edit('first');
    await world.sandbox.admin.setFaults({ rules: [{ route: 'PUT /chatbot/settings/api-connections/*', phase: 'after', reset: true }] });
    const lost = await core.services.sync.waitForRun(core.services.sync.publish([tenantId]).runId);
    expect(lost.results).toEqual([expect.objectContaining({ state: 'failed' })]);
    await world.sandbox.admin.clearFaults();
    expect((await world.sandbox.admin.state(CENDANA.username)).apiConnections[0]!.value).toMatchObject({ description: 'first' });

    await edit('second');
    const run = await core.services.sync.waitForRun(core.services.sync.publish([tenantId]).runId);
    expect(run.results).toEqual([expect.objectContaining({ kind: 'api_connection', state: 'done', error: null })]);
    expect(core.services.sync.conflicts(tenantId)).toEqual([]);
    expect((await world.sandbox.admin.state(CENDANA.username)).apiConnections[0]!.value).toMatchObject({ description: 'second', headers: { apikey: 'lost-answer-key' } });
  });
});
