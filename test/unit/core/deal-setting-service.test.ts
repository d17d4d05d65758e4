import { describe, expect, it } from 'vitest';
import { newDealSetting, type DealSetting } from '../../../shared/schemas/crm';
import { dealSettingDocumentSchema } from '../../../shared/schemas/deal-setting-document';
import { demoCrmCatalog, disconnectedCrmCatalog } from '../../support/core/demo-crm-catalog';
import { useTempDirs } from '../../support/core/temp-dirs';
import { manualClock, useCores } from '../../support/core/open-test-core';
import { rpcErrorOf } from '../../support/core/rpc-error-of';

const complete = (patch: Partial<DealSetting> = {}): DealSetting => ({
  botResponseId: 'br-pricing',
  enabled: true,
  pipelineId: 'pl-sales',
  stageId: 'st-qualified',
  dealName: 'Pricing lead from chatbot',
  ownerId: 'owner-ayu',
  sourceId: 'src-chatbot',
  customerContactAssociation: true,
  ...patch,
});

describe('deal settings in the core', () => {
  const tempDir = useTempDirs();
  const open = useCores();

  function setup() {
    const clock = manualClock();
    const core = open(tempDir(), { clock: clock.now, onUnexpectedError: () => undefined });
    const tenantId = core.services.tenants.create({ name: 'PT Deal' }).id;
    core.services.crmCatalog.replace(tenantId, demoCrmCatalog());
    /** Publishing is the sync engine's: here the row is made to look published, as its markPublished does. */
    const markPublished = (id: string) =>
      core.services.db.prepare("UPDATE settings_documents SET base_json = draft_json, base_version = 'v1', remote_id = 'remote-1', dirty = 0 WHERE id = ?").run(id);
    return { core, clock, tenantId, deals: core.services.dealSettings, crm: core.services.crmCatalog, markPublished };
  }

  it('creates a deal setting as a dirty, unpublished draft without issues, and lists it', () => {
    const { deals, tenantId, core } = setup();
    const created = deals.create({ tenantId, draft: complete() });
    expect(dealSettingDocumentSchema.parse(created)).toEqual(created);
    expect(created).toMatchObject({ tenantId, draft: complete(), base: null, published: false, dirty: true, deleted: false, issues: [] });
    expect(deals.list(tenantId)).toEqual([created]);
    expect(deals.get({ tenantId, id: created.id })).toEqual(created);
    expect(core.services.tenants.get(tenantId).unpublishedCount).toBe(1);
  });

  it('a disabled deal setting may be incomplete (kept as a draft)', () => {
    const { deals, tenantId } = setup();
    const created = deals.create({ tenantId, draft: newDealSetting('br-order') });
    expect(created.draft).toEqual(newDealSetting('br-order'));
    expect(created.issues).toEqual([]);
  });

  it('an update that changes nothing writes nothing; one back to the base is no longer dirty', () => {
    const { deals, tenantId, core, clock, markPublished } = setup();
    const created = deals.create({ tenantId, draft: complete() });
    markPublished(created.id);
    clock.advance(5000);
    const revisions = () => (core.services.db.prepare('SELECT COUNT(*) AS n FROM revisions WHERE document_id = ?').get(created.id) as { n: number }).n;
    const before = revisions();
    const same = deals.update({ tenantId, id: created.id, draft: complete() });
    expect(same.updatedAt).toBe(created.updatedAt);
    expect(revisions()).toBe(before);

    const changed = deals.update({ tenantId, id: created.id, draft: complete({ stageId: 'st-proposal' }) });
    expect(changed).toMatchObject({ dirty: true, published: true, base: complete() });
    const back = deals.update({ tenantId, id: created.id, draft: complete() });
    expect(back.dirty).toBe(false);
  });

  it('after a pull that removes a stage, the deal setting names it and is held back from publishing', () => {
    const { deals, crm, tenantId } = setup();
    const created = deals.create({ tenantId, draft: complete({ stageId: 'st-won' }) });
    const other = deals.create({ tenantId, draft: complete({ botResponseId: 'br-demo', stageId: 'st-new' }) });
    const smaller = demoCrmCatalog();
    smaller.pipelines[0]!.stages = smaller.pipelines[0]!.stages.filter((stage) => stage.id !== 'st-won');
    crm.replace(tenantId, smaller);

    const issue = { path: ['stageId'], message: 'ref.stage.removed {"name":"Won","pipeline":"Sales pipeline"}' };
    expect(deals.get({ tenantId, id: created.id }).issues).toEqual([issue]);
    expect(deals.get({ tenantId, id: other.id }).issues).toEqual([]);
    expect(deals.issuesOf(tenantId, complete({ stageId: 'st-won' }))).toEqual([issue]);
    const checks = deals.publishChecks(tenantId);
    expect(checks.find((check) => check.documentId === created.id)).toMatchObject({ op: 'create', issues: [issue] });
    expect(checks.find((check) => check.documentId === other.id)).toMatchObject({ op: 'create', issues: [], body: complete({ botResponseId: 'br-demo', stageId: 'st-new' }), ifMatch: null });
  });

  it('publish checks: creations, updates with If-Match, deletions first; a CRM not connected holds everything back', () => {
    const { deals, crm, tenantId, markPublished } = setup();
    const published = deals.create({ tenantId, draft: complete() });
    markPublished(published.id);
    const toDelete = deals.create({ tenantId, draft: complete({ botResponseId: 'br-demo' }) });
    markPublished(toDelete.id);
    deals.update({ tenantId, id: published.id, draft: complete({ dealName: 'Renamed' }) });
    deals.delete({ tenantId, id: toDelete.id });
    const fresh = deals.create({ tenantId, draft: complete({ botResponseId: 'br-order' }) });

    expect(deals.publishChecks(tenantId).find((check) => check.op === 'update')).toMatchObject({ base: complete(), body: complete({ dealName: 'Renamed' }) });
    expect(deals.publishChecks(tenantId).map((check) => [check.documentId, check.op, check.remoteId, check.ifMatch])).toEqual([
      [toDelete.id, 'delete', 'remote-1', 'v1'],
      [published.id, 'update', 'remote-1', 'v1'],
      [fresh.id, 'create', null, null],
    ]);
    crm.replace(tenantId, disconnectedCrmCatalog());
    for (const check of deals.publishChecks(tenantId)) expect(check.issues).toEqual([{ path: [], message: 'crm.notConnected' }]);
  });

  it('delete and undo: a published one stays dirty until the deletion is published; an unpublished one is purged at the next start', async () => {
    const { core, deals, tenantId, markPublished } = setup();
    const published = deals.create({ tenantId, draft: complete() });
    markPublished(published.id);
    const draftOnly = deals.create({ tenantId, draft: complete({ botResponseId: 'br-demo' }) });

    expect(deals.delete({ tenantId, id: published.id })).toMatchObject({ deleted: true, dirty: true, published: true });
    expect(deals.delete({ tenantId, id: draftOnly.id })).toMatchObject({ deleted: true, dirty: false, published: false });
    expect(deals.undoDelete({ tenantId, id: published.id })).toMatchObject({ deleted: false, dirty: false });
    deals.delete({ tenantId, id: published.id });

    const dataDir = core.dataDir;
    await core.close();
    const reopened = open(dataDir, { onUnexpectedError: () => undefined });
    const listed = reopened.services.dealSettings.list(tenantId);
    expect(listed.map((doc) => [doc.id, doc.deleted])).toEqual([[published.id, true]]);
    expect(rpcErrorOf(() => reopened.services.dealSettings.undoDelete({ tenantId, id: draftOnly.id })).code).toBe('NOT_FOUND');
  });

  it('a deleted deal setting frees its bot response; undo is refused while another one holds it', () => {
    const { deals, tenantId, core } = setup();
    const first = deals.create({ tenantId, draft: complete() });
    deals.delete({ tenantId, id: first.id });
    const second = deals.create({ tenantId, draft: complete({ dealName: 'Second' }) });
    const before = core.services.db.prepare('SELECT * FROM settings_documents ORDER BY id').all();
    const error = rpcErrorOf(() => deals.undoDelete({ tenantId, id: first.id }));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('“Ask for pricing”');
    expect(core.services.db.prepare('SELECT * FROM settings_documents ORDER BY id').all()).toEqual(before);
    deals.delete({ tenantId, id: second.id });
    expect(deals.undoDelete({ tenantId, id: first.id }).deleted).toBe(false);
  });

  it('editing a deleted deal setting is a CONFLICT that says to undo first', () => {
    const { deals, tenantId } = setup();
    const created = deals.create({ tenantId, draft: complete() });
    deals.delete({ tenantId, id: created.id });
    const error = rpcErrorOf(() => deals.update({ tenantId, id: created.id, draft: complete({ dealName: 'x' }) }));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('Undo the deletion');
  });

  it('a damaged stored draft is a clear INTERNAL error', () => {
    const { core, deals, tenantId } = setup();
    const created = deals.create({ tenantId, draft: complete() });
    core.services.db.prepare('UPDATE settings_documents SET draft_json = ? WHERE id = ?').run('{"enabled":"maybe"}', created.id);
    const error = rpcErrorOf(() => deals.list(tenantId));
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toContain(`deal setting ${created.id} is damaged`);
  });
});
