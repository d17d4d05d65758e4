import { describe, expect, it } from 'vitest';
import type { ApplyPreview, ApplyResult, BatchSummary } from '../../../shared/schemas/apply';
import type { ApiConnectionListItem } from '../../../shared/schemas/api-connection-document';
import type { SingletonDocumentView } from '../../../shared/schemas/settings-document';
import type { RevisionEntry } from '../../../shared/schemas/history';
import { MISSING_ID, catalogWith, snapshot, useRpcCore, type Rpc } from '../../support/core/rpc-core';

const DIVISIONS = ['Sales', 'Customer Support'];
const AGENTS = ['Budi Santoso', 'Siti Rahayu'];
const SOURCE_AI = { threshold: 4, onThreshold: 'specific_division', divisionId: 'src-div-1', agentId: null, handoverMessage: 'Mohon tunggu, tim Customer Support segera membantu.' };
const SOURCE_IDLE = { action: 'assign_conversation', idleHours: 1, idleMinutes: 30, assignTo: 'agent', divisionId: null, agentId: 'src-agt-0', closingMessage: 'Terima kasih.' };

/** A source and targets whose catalogs have the same names under other ids; one target lacks “Customer Support”. */
async function world(rpc: Rpc) {
  const { core } = rpc;
  const source = await rpc.tenant('Source Tenant');
  core.services.catalog.replace(source.id, catalogWith('src', DIVISIONS, AGENTS));
  const targets = [];
  for (const name of ['Target A', 'Target B']) {
    const t = await rpc.tenant(name);
    core.services.catalog.replace(t.id, catalogWith(name.slice(-1).toLowerCase(), [...DIVISIONS].reverse(), AGENTS));
    targets.push(t);
  }
  const lacking = await rpc.tenant('Target Lacking');
  core.services.catalog.replace(lacking.id, catalogWith('l', ['Sales'], AGENTS));
  await rpc.ok('settings.saveDraft', { tenantId: source.id, kind: 'ai_response', draft: SOURCE_AI });
  await rpc.ok('settings.saveDraft', { tenantId: source.id, kind: 'idle_action', draft: SOURCE_IDLE });
  return { source, a: targets[0]!, b: targets[1]!, lacking };
}

describe('apply to many (apply.preview, apply.confirm, apply.undo)', () => {
  const open = useRpcCore('apply-');

  it('previews per target a field diff, maps references by name, and makes a missing name an error; nothing changes', async () => {
    const { core, rpc } = open();
    const { source, a, b, lacking } = await world(rpc);
    await rpc.ok('settings.saveDraft', { tenantId: b.id, kind: 'ai_response', draft: { ...SOURCE_AI, divisionId: 'b-div-0', handoverMessage: 'Lama' } });
    const before = snapshot(core.services.db);
    const input = { sourceTenantId: source.id, targetTenantIds: [a.id, b.id, lacking.id, MISSING_ID], what: { kind: 'ai_response' } };
    const preview = await rpc.ok<ApplyPreview>('apply.preview', input);
    expect(snapshot(core.services.db)).toEqual(before);
    expect(preview.counts).toEqual({ ok: 2, unchanged: 0, error: 2 });
    const [pa, pb, pl, pm] = preview.targets;
    // Target A had nothing: the diff is against the defaults; “Customer Support” is a-div-0 there.
    expect(pa).toMatchObject({ tenantId: a.id, status: 'ok', documents: [{ kind: 'ai_response', action: 'create' }] });
    expect(pa!.documents[0]!.changes.find((c) => c.pointer === '/divisionId')).toEqual({ pointer: '/divisionId', path: ['divisionId'], before: null, after: 'a-div-0' });
    // Target B: only what differs from its own draft.
    expect(pb!.documents[0]!.changes.map((c) => c.pointer).sort()).toEqual(['/handoverMessage']);
    expect(pl).toMatchObject({ status: 'error', documents: [], errors: [{ path: ['divisionId'], message: 'apply.ref.missing {"what":"Division","name":"Customer Support"}' }] });
    expect(pm).toMatchObject({ tenantId: MISSING_ID, name: null, status: 'error', errors: [{ message: 'tenant.notFound' }] });
  });

  it('confirms as one batch (revisions “apply”), skips the targets in error, and undoes the whole batch in one step', async () => {
    const { core, rpc } = open();
    const { source, a, b, lacking } = await world(rpc);
    await rpc.ok('settings.saveDraft', { tenantId: b.id, kind: 'idle_action', draft: { ...SOURCE_IDLE, agentId: 'b-agt-1', closingMessage: 'Punya B' } });
    const bBefore = await rpc.ok<SingletonDocumentView>('settings.get', { tenantId: b.id, kind: 'idle_action' });
    const input = { sourceTenantId: source.id, targetTenantIds: [a.id, b.id, lacking.id], what: { kind: 'idle_action' } };
    const result = await rpc.ok<ApplyResult>('apply.confirm', input);
    expect(result).toMatchObject({ applied: [a.id, b.id, lacking.id], unchanged: [], skipped: [] });
    expect(result.batchId).toEqual(expect.any(String));
    const aView = await rpc.ok<SingletonDocumentView>('settings.get', { tenantId: a.id, kind: 'idle_action' });
    expect(aView).toMatchObject({ draft: { ...SOURCE_IDLE, agentId: 'a-agt-0' }, dirty: true, issues: [] });
    const history = await rpc.ok<RevisionEntry[]>('history.list', { tenantId: b.id, kind: 'idle_action' });
    expect(history[0]).toMatchObject({ source: 'apply', batchId: result.batchId, note: 'Applied from “Source Tenant”', actor: 'user', fields: ['/agentId', '/closingMessage'] });
    const batches = await rpc.ok<BatchSummary[]>('apply.batches', {});
    expect(batches[0]).toMatchObject({ batchId: result.batchId, kind: 'apply', tenantCount: 3, undoable: true, undoneAt: null });

    expect(await rpc.ok('apply.undo', { batchId: result.batchId })).toEqual({ batchId: result.batchId, reverted: 3, gone: [] });
    expect(await rpc.ok<SingletonDocumentView>('settings.get', { tenantId: a.id, kind: 'idle_action' })).toMatchObject({ isDefault: true });
    expect((await rpc.ok<SingletonDocumentView>('settings.get', { tenantId: b.id, kind: 'idle_action' })).draft).toEqual(bBefore.draft);
    expect(await rpc.error('apply.undo', { batchId: result.batchId })).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('undone already') });
    void core;
  });

  it('applying to a tenant deleted meanwhile: an error for that tenant, the others are applied', async () => {
    const { rpc } = open();
    const { source, a, b } = await world(rpc);
    const input = { sourceTenantId: source.id, targetTenantIds: [a.id, b.id], what: { kind: 'ai_response' } };
    expect((await rpc.ok<ApplyPreview>('apply.preview', input)).counts).toEqual({ ok: 2, unchanged: 0, error: 0 });
    await rpc.ok('tenants.delete', { id: b.id }); // between preview and confirm
    const result = await rpc.ok<ApplyResult>('apply.confirm', input);
    expect(result).toMatchObject({ applied: [a.id], skipped: [{ tenantId: b.id, errors: [{ message: 'tenant.notFound' }] }] });
    // A target deleted after the batch: its undo has nothing left to do, the rest is undone.
    await rpc.ok('tenants.delete', { id: a.id });
    expect(await rpc.ok('apply.undo', { batchId: result.batchId })).toMatchObject({ reverted: 0 });
  });

  it('refuses to undo over later edits unless forced', async () => {
    const { rpc } = open();
    const { source, a } = await world(rpc);
    const result = await rpc.ok<ApplyResult>('apply.confirm', { sourceTenantId: source.id, targetTenantIds: [a.id], what: { kind: 'ai_response' } });
    await rpc.ok('settings.saveDraft', { tenantId: a.id, kind: 'ai_response', draft: { ...SOURCE_AI, divisionId: 'a-div-0', threshold: 9 } });
    expect(await rpc.error('apply.undo', { batchId: result.batchId })).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('Target A') });
    expect(await rpc.ok('apply.undo', { batchId: result.batchId, force: true })).toMatchObject({ reverted: 1 });
    expect(await rpc.ok<SingletonDocumentView>('settings.get', { tenantId: a.id, kind: 'ai_response' })).toMatchObject({ isDefault: true });
  });

  it('an unchanged target is listed as unchanged and gets no revision', async () => {
    const { rpc } = open();
    const { source, a } = await world(rpc);
    await rpc.ok('apply.confirm', { sourceTenantId: source.id, targetTenantIds: [a.id], what: { kind: 'ai_response' } });
    const again = await rpc.ok<ApplyResult>('apply.confirm', { sourceTenantId: source.id, targetTenantIds: [a.id], what: { kind: 'ai_response' } });
    expect(again).toEqual({ batchId: null, applied: [], unchanged: [a.id], skipped: [] });
    expect(await rpc.ok<RevisionEntry[]>('history.list', { tenantId: a.id, kind: 'ai_response' })).toHaveLength(1);
  });

  it('copies chosen API connections by code without secrets: existing ones keep their own, new ones get none (said)', async () => {
    const { rpc } = open();
    const { source, a, b } = await world(rpc);
    const conn = { name: 'Jurnal', description: 'Accounting', code: 'JURNAL API', baseUrl: 'https://api.jurnal.id', settings: null, headers: null, token: null };
    const created = await rpc.ok<{ id: string }>('apiConnections.create', { tenantId: source.id, ...conn });
    await rpc.ok('apiConnections.create', { tenantId: b.id, ...conn, code: 'jurnal api', baseUrl: 'https://old.jurnal.id', description: 'Old' });
    const input = { sourceTenantId: source.id, targetTenantIds: [a.id, b.id], what: { kind: 'api_connections', connectionIds: [created.id] } };
    const preview = await rpc.ok<ApplyPreview>('apply.preview', input);
    expect(preview.targets.map((t) => t.documents.map((d) => [d.label, d.action]))).toEqual([[['Jurnal (JURNAL API)', 'create']], [['Jurnal (JURNAL API)', 'update']]]);
    expect(preview.targets[1]!.documents[0]!.changes.map((c) => c.pointer).sort()).toEqual(['/baseUrl', '/code', '/description']);
    const result = await rpc.ok<ApplyResult>('apply.confirm', input);
    expect(result.applied).toEqual([a.id, b.id]);
    const listed = await rpc.ok<ApiConnectionListItem[]>('apiConnections.list', { tenantId: b.id });
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ code: 'JURNAL API', baseUrl: 'https://api.jurnal.id' });
    await rpc.ok('apply.undo', { batchId: result.batchId });
    expect(await rpc.ok<ApiConnectionListItem[]>('apiConnections.list', { tenantId: a.id })).toEqual([]);
    expect((await rpc.ok<ApiConnectionListItem[]>('apiConnections.list', { tenantId: b.id }))[0]).toMatchObject({ baseUrl: 'https://old.jurnal.id', description: 'Old' });
  });

  it('bad input changes nothing: unknown source, no targets, the source as target, a source with errors, a foreign connection', async () => {
    const { core, rpc } = open();
    const { source, a } = await world(rpc);
    const before = snapshot(core.services.db);
    expect(await rpc.error('apply.confirm', { sourceTenantId: MISSING_ID, targetTenantIds: [a.id], what: { kind: 'ai_response' } })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await rpc.error('apply.confirm', { sourceTenantId: source.id, targetTenantIds: [], what: { kind: 'ai_response' } })).toMatchObject({ code: 'INVALID_INPUT', issues: [{ message: 'apply.targets.required' }] });
    expect(await rpc.error('apply.preview', { sourceTenantId: source.id, targetTenantIds: [a.id], what: { kind: 'deal_settings' } })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await rpc.error('apply.preview', { sourceTenantId: source.id, targetTenantIds: [a.id], what: { kind: 'api_connections', connectionIds: [MISSING_ID] } })).toMatchObject({ code: 'NOT_FOUND' });
    const self = await rpc.ok<ApiConnectionListItem>('apply.confirm', { sourceTenantId: source.id, targetTenantIds: [source.id], what: { kind: 'ai_response' } });
    expect(self).toMatchObject({ applied: [], skipped: [{ tenantId: source.id, errors: [{ message: 'apply.target.isSource' }] }] });
    core.services.catalog.replace(source.id, catalogWith('src', ['Sales'], AGENTS)); // the source's own division is gone
    expect(await rpc.error('apply.confirm', { sourceTenantId: source.id, targetTenantIds: [a.id], what: { kind: 'ai_response' } })).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('Customer Support'),
    });
    const after = snapshot(core.services.db);
    expect({ ...after, catalog_entries: [] }).toEqual({ ...before, catalog_entries: [] });
  });
});
