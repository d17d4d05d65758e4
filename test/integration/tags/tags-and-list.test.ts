import { describe, expect, it } from 'vitest';
import type { TenantListItem } from '../../../shared/schemas/tenant-list';
import type { TagCount, TenantTags } from '../../../shared/schemas/tags';
import { MISSING_ID, snapshot, useRpcCore, catalogWith } from '../../support/core/rpc-core';

describe('tenant tags and the tenant list at a glance', () => {
  const open = useRpcCore();

  it('adds and removes normalised tags on many tenants at once, and lists them with counts', async () => {
    const { rpc } = open();
    const a = await rpc.tenant('PT Maju Jaya', 'https://chat.maju.example/api');
    const b = await rpc.tenant('CV Berkah');
    const c = await rpc.tenant('Toko Sentosa');
    const added = await rpc.ok<TenantTags[]>('tags.add', { tenantIds: [a.id, b.id], tags: ['  VIP ', 'Jakarta   Selatan', 'vip'] });
    expect(added).toEqual([
      { tenantId: a.id, tags: ['jakarta selatan', 'vip'] },
      { tenantId: b.id, tags: ['jakarta selatan', 'vip'] },
    ]);
    await rpc.ok('tags.add', { tenantIds: [c.id], tags: ['vip'] });
    expect(await rpc.ok<TagCount[]>('tags.list', {})).toEqual([
      { tag: 'jakarta selatan', count: 2 },
      { tag: 'vip', count: 3 },
    ]);
    expect(await rpc.ok<TenantTags[]>('tags.remove', { tenantIds: [a.id, c.id], tags: ['VIP'] })).toEqual([
      { tenantId: a.id, tags: ['jakarta selatan'] },
      { tenantId: c.id, tags: [] },
    ]);
    const list = await rpc.ok<TenantListItem[]>('tenants.list', {});
    expect(list.map((t) => [t.name, t.tags])).toEqual([
      ['CV Berkah', ['jakarta selatan', 'vip']],
      ['PT Maju Jaya', ['jakarta selatan']],
      ['Toko Sentosa', []],
    ]);
    expect((await rpc.ok<TenantListItem[]>('tenants.list', { tag: 'VIP' })).map((t) => t.name)).toEqual(['CV Berkah']);
    expect((await rpc.ok<TenantListItem[]>('tenants.list', { query: 'selatan' })).map((t) => t.name)).toEqual(['CV Berkah', 'PT Maju Jaya']);
  });

  it('refuses bad tags, too many tags and unknown tenants, changing nothing', async () => {
    const { core, rpc } = open();
    const a = await rpc.tenant('PT Satu');
    await rpc.ok('tags.add', { tenantIds: [a.id], tags: Array.from({ length: 18 }, (_, i) => `t${i}`) });
    const before = snapshot(core.services.db);
    expect(await rpc.error('tags.add', { tenantIds: [a.id], tags: ['a;b'] })).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['tags', 0], message: 'tag.charset' }] });
    expect(await rpc.error('tags.add', { tenantIds: [a.id], tags: ['   '] })).toMatchObject({ code: 'INVALID_INPUT', issues: [{ message: 'tag.required' }] });
    expect(await rpc.error('tags.add', { tenantIds: [a.id], tags: ['x'.repeat(41)] })).toMatchObject({ code: 'INVALID_INPUT' });
    const tooMany = await rpc.error('tags.add', { tenantIds: [a.id], tags: ['n1', 'n2', 'n3'] });
    expect(tooMany).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('at most 20 tags') });
    const b = await rpc.tenant('PT Dua');
    const afterB = snapshot(core.services.db);
    // One unknown tenant: the known ones are not changed either.
    expect(await rpc.error('tags.add', { tenantIds: [b.id, MISSING_ID], tags: ['vip'] })).toMatchObject({ code: 'NOT_FOUND' });
    expect(snapshot(core.services.db)).toEqual(afterB);
    expect(await rpc.error('tags.add', { tenantIds: [], tags: ['vip'] })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await rpc.error('tags.add', { tenantIds: ['not-a-uuid'], tags: ['vip'] })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(snapshot(core.services.db).tenant_tags).toEqual(before.tenant_tags);
  });

  it('shows unpublished changes, validation errors, conflicts, sign-in and online state, and filters on each', async () => {
    const { core, rpc } = open();
    const clean = await rpc.tenant('A Clean');
    const edited = await rpc.tenant('B Edited');
    const broken = await rpc.tenant('C Broken');
    core.services.catalog.replace(broken.id, catalogWith('c', ['Sales'], []));
    await rpc.ok('settings.saveDraft', { tenantId: edited.id, kind: 'ai_response', draft: { threshold: 5, onThreshold: 'any_available_agent', divisionId: null, agentId: null, handoverMessage: '' } });
    await rpc.ok('settings.saveDraft', { tenantId: broken.id, kind: 'ai_response', draft: { threshold: 5, onThreshold: 'specific_division', divisionId: 'c-div-0', agentId: null, handoverMessage: '' } });
    core.services.catalog.replace(broken.id, catalogWith('c', [], [])); // Sales is gone: a named reference error
    // sync's tables, written as sync does (its own tests cover how they get there)
    const db = core.services.db;
    db.prepare('INSERT INTO sync_state (tenant_id, signed_in, username, online, updated_at) VALUES (?, 1, ?, 1, 0)').run(clean.id, 'admin');
    const doc = db.prepare("SELECT id FROM settings_documents WHERE tenant_id = ? AND kind = 'ai_response'").get(edited.id) as { id: string };
    db.prepare('INSERT INTO document_conflicts (document_id, tenant_id, conflicts_json, updated_at) VALUES (?, ?, ?, 0)').run(doc.id, edited.id, '[]');
    db.prepare("INSERT INTO publish_runs (id, state, created_at) VALUES ('5b1f8e2a-3c4d-4e5f-8a9b-0c1d2e3f4a5b', 'finished', 0)").run();
    db.prepare(`INSERT INTO outbox (run_id, tenant_id, document_id, kind, op, body_json, idempotency_key, state, result_version, created_at, updated_at)
      VALUES ('5b1f8e2a-3c4d-4e5f-8a9b-0c1d2e3f4a5b', ?, 'x', 'ai_response', 'update', '{}', 'k1', 'done', 'v2', 1000, 1768467600000)`).run(clean.id);

    const list = await rpc.ok<TenantListItem[]>('tenants.list', {});
    expect(list.map((t) => [t.name, t.unpublishedCount, t.issueCount, t.conflictCount, t.signedIn, t.online, t.lastPublishedAt])).toEqual([
      ['A Clean', 0, 0, 0, true, true, '2026-01-15T09:00:00.000Z'],
      ['B Edited', 1, 0, 1, false, null, null],
      ['C Broken', 1, 1, 0, false, null, null],
    ]);
    const names = async (filter: object) => (await rpc.ok<TenantListItem[]>('tenants.list', filter)).map((t) => t.name);
    expect(await names({ unpublished: true })).toEqual(['B Edited', 'C Broken']);
    expect(await names({ unpublished: false })).toEqual(['A Clean']);
    expect(await names({ invalid: true })).toEqual(['C Broken']);
    expect(await names({ conflicts: true })).toEqual(['B Edited']);
    expect(await names({ signedIn: true })).toEqual(['A Clean']);
    expect(await names({ online: false })).toEqual(['B Edited', 'C Broken']);
    expect(await names({ unpublished: true, invalid: false })).toEqual(['B Edited']);
    expect(await rpc.error('tenants.list', { tag: 'a|b' })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await rpc.error('tenants.list', { unpublished: 'yes' })).toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('counts validation errors anew after each draft edit and catalog change, with several tags in order', async () => {
    const { core, rpc } = open();
    const tenant = await rpc.tenant('PT Hitung');
    await rpc.ok('tags.add', { tenantIds: [tenant.id], tags: ['zeta', 'alpha', 'mid'] });
    core.services.catalog.replace(tenant.id, catalogWith('h', ['Sales'], ['Siti']));
    const issues = async () => (await rpc.ok<TenantListItem[]>('tenants.list', {}))[0]!.issueCount;
    const ai = (divisionId: string | null) => ({ threshold: 5, onThreshold: divisionId ? 'specific_division' : 'any_available_agent', divisionId, agentId: null, handoverMessage: '' });
    expect(await issues()).toBe(0);
    await rpc.ok('settings.saveDraft', { tenantId: tenant.id, kind: 'ai_response', draft: ai('h-div-0') });
    expect(await issues()).toBe(0);
    core.services.catalog.replace(tenant.id, catalogWith('h', [], ['Siti'])); // the division is gone
    expect(await issues()).toBe(1);
    await rpc.ok('settings.saveDraft', { tenantId: tenant.id, kind: 'ai_response', draft: ai(null) });
    expect(await issues()).toBe(0);
    await rpc.ok('settings.saveDraft', { tenantId: tenant.id, kind: 'idle_action', draft: { action: 'assign_conversation', idleHours: 0, idleMinutes: 15, assignTo: 'agent', divisionId: null, agentId: 'h-agt-0', closingMessage: 'Terima kasih.' } });
    expect(await issues()).toBe(0);
    core.services.catalog.replace(tenant.id, catalogWith('h', [], [])); // the agent is gone too
    expect(await issues()).toBe(1);
    expect((await rpc.ok<TenantListItem[]>('tenants.list', {}))[0]!.tags).toEqual(['alpha', 'mid', 'zeta']);
  });

  it('searches fuzzily over name, tags and backend host (tenants.search)', async () => {
    const { rpc } = open();
    const a = await rpc.tenant('Klinik Sehat Sentosa', 'https://service-chat.qontak.com/api/open/v1');
    await rpc.tenant('PT Maju Jaya', 'https://chat.majujaya.example/api');
    await rpc.ok('tags.add', { tenantIds: [a.id], tags: ['medan'] });
    type Hit = { tenant: TenantListItem; field: string; nameIndexes: number[] };
    const byName = await rpc.ok<Hit[]>('tenants.search', { query: 'klnk sht' });
    expect(byName[0]).toMatchObject({ tenant: { name: 'Klinik Sehat Sentosa' }, field: 'name' });
    expect(byName[0]!.nameIndexes.length).toBeGreaterThan(0);
    expect((await rpc.ok<Hit[]>('tenants.search', { query: 'qontak' }))[0]).toMatchObject({ tenant: { id: a.id }, field: 'host' });
    expect((await rpc.ok<Hit[]>('tenants.search', { query: 'medan' }))[0]).toMatchObject({ tenant: { id: a.id }, field: 'tags' });
    expect(await rpc.ok<Hit[]>('tenants.search', { query: 'zzzz' })).toEqual([]);
    // a write in between is seen by the next search
    await rpc.tenant('Toko Baru');
    expect((await rpc.ok<Hit[]>('tenants.search', { query: 'toko baru' }))[0]).toMatchObject({ tenant: { name: 'Toko Baru' } });
  });
});
