import { describe, expect, it } from 'vitest';
import type { PublishLogEntry, RevisionEntry } from '../../../shared/schemas/history';
import type { SingletonDocumentView } from '../../../shared/schemas/settings-document';
import { MISSING_ID, snapshot, useRpcCore } from '../../support/core/rpc-core';
import { manualClock, useCores } from '../../support/core/open-test-core';
import { useTempDirs } from '../../support/core/temp-dirs';
import { Rpc } from '../../support/core/rpc-core';

const AI = { threshold: 5, onThreshold: 'any_available_agent', divisionId: null, agentId: null, handoverMessage: 'Satu' };

describe('history (history.list, history.diff, history.restore, history.publishLog)', () => {
  const open = useRpcCore('history-');
  const tempDir = useTempDirs('history-clock-');
  const openCore = useCores();

  it('lists revisions newest first with who/what/when, diffs any two, restores one as a new draft', async () => {
    const clock = manualClock();
    const rpc = new Rpc(openCore(tempDir(), { clock: clock.now }));
    const t = await rpc.tenant('PT Sejarah');
    await rpc.ok('settings.saveDraft', { tenantId: t.id, kind: 'ai_response', draft: AI });
    clock.advance(10_000); // past the autosave coalescing window: a new revision
    await rpc.ok('settings.saveDraft', { tenantId: t.id, kind: 'ai_response', draft: { ...AI, threshold: 7, handoverMessage: 'Dua' } });
    clock.advance(10_000);
    await rpc.ok('settings.discardDraft', { tenantId: t.id, kind: 'ai_response' }); // no base: the document goes, and its history
    expect(await rpc.ok('history.list', { tenantId: t.id, kind: 'ai_response' })).toEqual([]);
    await rpc.ok('settings.saveDraft', { tenantId: t.id, kind: 'ai_response', draft: AI });
    clock.advance(10_000);
    await rpc.ok('settings.saveDraft', { tenantId: t.id, kind: 'ai_response', draft: { ...AI, threshold: 7, handoverMessage: 'Dua' } });

    const list = await rpc.ok<RevisionEntry[]>('history.list', { tenantId: t.id, kind: 'ai_response' });
    expect(list.map((r) => [r.source, r.actor, r.note, [...r.fields].sort()])).toEqual([
      ['edit', 'user', null, ['/handoverMessage', '/threshold']],
      ['edit', 'user', null, ['/agentId', '/divisionId', '/handoverMessage', '/onThreshold', '/threshold']],
    ]);
    const [newer, older] = list;
    expect(Date.parse(newer!.createdAt) - Date.parse(older!.createdAt)).toBe(10_000);
    const diff = await rpc.ok<{ changes: Array<{ pointer: string; before: unknown; after: unknown }> }>('history.diff', { revisionA: older!.id, revisionB: newer!.id });
    expect(diff.changes).toEqual([
      { pointer: '/threshold', path: ['threshold'], before: 5, after: 7 },
      { pointer: '/handoverMessage', path: ['handoverMessage'], before: 'Satu', after: 'Dua' },
    ]);

    clock.advance(10_000);
    const restored = await rpc.ok<{ revision: RevisionEntry }>('history.restore', { revisionId: older!.id });
    expect(restored.revision).toMatchObject({ source: 'restore', note: expect.stringMatching(new RegExp(`^Restored revision ${older!.id} \\(edit, `)) });
    expect([...restored.revision.fields].sort()).toEqual(['/handoverMessage', '/threshold']);
    expect((await rpc.ok<SingletonDocumentView>('settings.get', { tenantId: t.id, kind: 'ai_response' })).draft).toEqual(AI);
    expect(await rpc.ok<RevisionEntry[]>('history.list', { tenantId: t.id, kind: 'ai_response' })).toHaveLength(3);
  });

  it('restores an API connection revision when its secret fields are the ones it has now', async () => {
    const clock = manualClock();
    const rpc = new Rpc(openCore(tempDir(), { clock: clock.now }));
    const t = await rpc.tenant('PT Koneksi');
    const conn = await rpc.ok<{ id: string }>('apiConnections.create', { tenantId: t.id, name: 'Jurnal', description: 'Old', code: 'J', baseUrl: 'https://api.jurnal.id', settings: null, headers: null, token: null });
    clock.advance(10_000);
    await rpc.ok('apiConnections.update', { tenantId: t.id, id: conn.id, name: 'Jurnal', description: 'New', code: 'J', baseUrl: 'https://api.jurnal.id', settings: { action: 'keep' }, headers: { action: 'keep' }, token: { action: 'keep' } });
    const list = await rpc.ok<RevisionEntry[]>('history.list', { tenantId: t.id, kind: 'api_connection', documentId: conn.id });
    expect(list.map((r) => r.fields)).toEqual([['/description'], ['/name', '/description', '/code', '/baseUrl', '/settingsKeys', '/headers', '/token']]);
    const oldest = list[1]!;
    await rpc.ok('history.restore', { revisionId: oldest.id });
    expect(await rpc.ok('apiConnections.list', { tenantId: t.id })).toMatchObject([{ description: 'Old' }]);
  });

  it('bad input changes nothing: unknown revision, revisions of two documents, a list kind without its document', async () => {
    const { core, rpc } = open();
    const t = await rpc.tenant('PT Salah');
    await rpc.ok('settings.saveDraft', { tenantId: t.id, kind: 'ai_response', draft: AI });
    await rpc.ok('settings.saveDraft', { tenantId: t.id, kind: 'idle_action', draft: { action: 'none', idleHours: 0, idleMinutes: 0, assignTo: 'auto', divisionId: null, agentId: null, closingMessage: '' } });
    const [ai] = await rpc.ok<RevisionEntry[]>('history.list', { tenantId: t.id, kind: 'ai_response' });
    const [idle] = await rpc.ok<RevisionEntry[]>('history.list', { tenantId: t.id, kind: 'idle_action' });
    const before = snapshot(core.services.db);
    expect(await rpc.error('history.restore', { revisionId: 999_999 })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await rpc.error('history.restore', { revisionId: 'one' })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await rpc.error('history.diff', { revisionA: ai!.id, revisionB: idle!.id })).toMatchObject({ code: 'INVALID_INPUT', issues: [{ message: 'history.sameDocument' }] });
    expect(await rpc.error('history.list', { tenantId: t.id, kind: 'api_connection' })).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['documentId'] }] });
    expect(await rpc.error('history.list', { tenantId: t.id, kind: 'api_connection', documentId: MISSING_ID })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await rpc.error('history.list', { tenantId: MISSING_ID, kind: 'ai_response' })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await rpc.error('history.list', { tenantId: t.id, kind: 'nope' })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(snapshot(core.services.db)).toEqual(before);
  });

  it('reads the publish log from sync’s outbox: what was sent, the answer, when', async () => {
    const { core, rpc } = open();
    const t = await rpc.tenant('PT Terbit');
    const db = core.services.db;
    db.prepare("INSERT INTO publish_runs (id, state, created_at) VALUES ('5b1f8e2a-3c4d-4e5f-8a9b-0c1d2e3f4a5b', 'finished', 0)").run();
    const insert = db.prepare(`INSERT INTO outbox (run_id, tenant_id, document_id, kind, op, body_json, idempotency_key, state, attempts, result_version, error_code, error_message, created_at, updated_at)
      VALUES ('5b1f8e2a-3c4d-4e5f-8a9b-0c1d2e3f4a5b', ?, 'd1', 'ai_response', 'update', ?, ?, ?, ?, ?, ?, ?, 1000, ?)`);
    insert.run(t.id, JSON.stringify(AI), 'k1', 'done', 1, 'v7', null, null, 2000);
    insert.run(t.id, JSON.stringify({ ...AI, threshold: 9 }), 'k2', 'failed', 3, null, 'BACKEND_UNREACHABLE', 'The backend did not answer.', 3000);
    const log = await rpc.ok<PublishLogEntry[]>('history.publishLog', { tenantId: t.id });
    expect(log.map((e) => [e.state, e.version, e.error?.code ?? null, e.attempts, e.updatedAt])).toEqual([
      ['failed', null, 'BACKEND_UNREACHABLE', 3, '1970-01-01T00:00:03.000Z'],
      ['done', 'v7', null, 1, '1970-01-01T00:00:02.000Z'],
    ]);
    expect(log[1]!.sent).toEqual(AI);
    expect(await rpc.error('history.publishLog', { tenantId: MISSING_ID })).toMatchObject({ code: 'NOT_FOUND' });
  });
});
