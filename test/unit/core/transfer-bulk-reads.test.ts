import { describe, expect, it } from 'vitest';
import type { CatalogSnapshot } from '../../../shared/schemas/catalog';
import { API_CONNECTION_KIND, DraftRows } from '../../../electron/core/documents/document-store';
import { TenantStore } from '../../../electron/core/tenants/tenant-store';
import { demoCatalog } from '../../support/core/demo-catalog';
import { manualClock, useCores } from '../../support/core/open-test-core';
import { useTempDirs } from '../../support/core/temp-dirs';

/**
 * The reads the import preview makes for a slice of tenants at once: each answers what the
 * one-tenant reads answer (byName, tagsOf, singleton, ofKind, the catalog's names), per tenant.
 */
describe('bulk reads for the import preview', () => {
  const tempDir = useTempDirs();
  const open = useCores();

  function setup() {
    const clock = manualClock();
    const core = open(tempDir(), { clock: clock.now });
    const { db, tenants, tags, documents, catalog } = core.services;
    return { core, clock, db, tenants, tags, documents, catalog, store: new TenantStore(db), drafts: new DraftRows(db) };
  }

  it('finds tenants by many names at once as byName does (ignoring case, composed or not); unknown names are absent', () => {
    const { tenants, store } = setup();
    const maju = tenants.create({ name: 'PT Maju Jaya' });
    const cafe = tenants.create({ name: 'Café Sentosa' });
    tenants.create({ name: 'CV Lain' });
    const asked = ['pt MAJU jaya', 'Cafe\u0301 Sentosa'.normalize('NFD'), 'Toko Baru'];
    const found = store.byNames(asked);
    expect([...found.keys()].sort()).toEqual(['café sentosa', 'pt maju jaya']);
    expect(found.get('pt maju jaya')).toEqual(store.byName('pt MAJU jaya'));
    expect(found.get('pt maju jaya')?.id).toBe(maju.id);
    expect(found.get('café sentosa')?.id).toBe(cafe.id);
    expect(store.byNames([]).size).toBe(0);
  });

  it('reads many tenants’ tags at once, each sorted as tagsOf; a tenant without tags is absent', () => {
    const { tenants, tags, store } = setup();
    const a = tenants.create({ name: 'PT A' });
    const b = tenants.create({ name: 'PT B' });
    const none = tenants.create({ name: 'PT Tanpa Tag' });
    tags.add({ tenantIds: [a.id, b.id], tags: ['vip', 'jakarta'] });
    tags.add({ tenantIds: [b.id], tags: ['bandung'] });
    const read = tags.tagsOfMany([a.id, b.id, none.id]);
    expect(read.get(a.id)).toEqual(store.tagsOf(a.id));
    expect(read.get(b.id)).toEqual(['bandung', 'jakarta', 'vip']);
    expect(read.has(none.id)).toBe(false);
    expect(tags.tagsOfMany([]).size).toBe(0);
  });

  it('reads many tenants’ drafts of some kinds at once: per tenant the singletons and the connections in ofKind’s order, deleted ones included', () => {
    const { tenants, documents, drafts, db, clock } = setup();
    const a = tenants.create({ name: 'PT A' });
    const b = tenants.create({ name: 'PT B' });
    const empty = tenants.create({ name: 'PT Kosong' });
    documents.saveDraft({ tenantId: a.id, kind: 'idle_action', draft: { action: 'none', idleHours: 0, idleMinutes: 0, assignTo: 'auto', divisionId: null, agentId: null, closingMessage: '' } });
    documents.saveDraft({ tenantId: b.id, kind: 'ai_response', draft: { threshold: 4, onThreshold: 'continue_with_bot', divisionId: null, agentId: null, handoverMessage: '' } });
    const meta = { source: 'edit' as const, note: null, batchId: null };
    const connection = (code: string) => JSON.stringify({ name: code, description: 'x', code, baseUrl: 'https://api.example', settingsKeys: null, headers: null, token: null });
    const ids = db.transaction(() => {
      const later = drafts.insert(a.id, API_CONNECTION_KIND, connection('B_API'), null, clock.now() + 10, meta);
      const first = drafts.insert(a.id, API_CONNECTION_KIND, connection('A_API'), null, clock.now(), meta);
      drafts.markDeleted(later, clock.now() + 20);
      return { later, first };
    })();

    const read = drafts.ofTenants([a.id, b.id, empty.id], ['ai_response', 'idle_action', API_CONNECTION_KIND]);
    expect(read.has(empty.id)).toBe(false);
    const ofA = read.get(a.id)!;
    expect(ofA.filter((row) => row.kind === API_CONNECTION_KIND)).toEqual(drafts.ofKind(a.id, API_CONNECTION_KIND));
    expect(ofA.filter((row) => row.kind === API_CONNECTION_KIND).map((row) => [row.id, row.deleted])).toEqual([
      [ids.first, 0],
      [ids.later, 1],
    ]);
    expect(ofA.find((row) => row.kind === 'idle_action')).toEqual(drafts.singleton(a.id, 'idle_action'));
    expect(ofA.some((row) => row.kind === 'ai_response')).toBe(false);
    expect(read.get(b.id)).toEqual([drafts.singleton(b.id, 'ai_response')]);
    // Only the kinds asked for.
    expect(drafts.ofTenants([a.id, b.id], ['ai_response']).get(b.id)).toEqual([drafts.singleton(b.id, 'ai_response')]);
    expect(drafts.ofTenants([a.id, b.id], ['ai_response']).has(a.id)).toBe(false);
    expect(drafts.ofTenants([a.id], []).size).toBe(0);
  });

  it('reads the live catalog entries of some names (trimmed, ignoring case, any script) of many tenants, with when each catalog was fetched', () => {
    const { tenants, catalog, clock } = setup();
    const a = tenants.create({ name: 'PT A' });
    const b = tenants.create({ name: 'PT B' });
    const never = tenants.create({ name: 'PT Belum' });
    const snapshot: CatalogSnapshot = demoCatalog();
    snapshot.divisions.push({ id: 'div-istanbul', name: ' İstanbul Office ' }, { id: 'div-sales-2', name: 'SALES' }, { id: 'div-strasse', name: 'Straße' });
    catalog.replace(a.id, snapshot);
    clock.advance(60_000);
    const smaller = demoCatalog();
    smaller.agents = smaller.agents.filter((agent) => agent.id !== 'agt-siti');
    catalog.replace(b.id, demoCatalog());
    catalog.replace(b.id, smaller);

    const read = catalog.liveEntriesNamed([a.id, b.id, never.id], ['sales', 'i\u0307stanbul office', 'Siti Rahayu ', 'STRASSE', 'Nobody']);
    const viewA = catalog.get(a.id);
    const short = (entry: { id: string; name: string; removed: boolean }) => ({ id: entry.id, name: entry.name, removed: entry.removed });
    // Each name's matches among the live entries, as the mapping by name would find them in get().
    expect(read.get(a.id)).toEqual({
      divisions: viewA.divisions.filter((d) => ['div-sales', 'div-istanbul', 'div-sales-2'].includes(d.id)).map(short),
      agents: viewA.agents.filter((agent) => agent.id === 'agt-siti').map(short),
      fetchedAt: viewA.fetchedAt,
    });
    // Siti left B's catalog: a removed entry is not a match.
    expect(read.get(b.id)).toEqual({ divisions: [{ id: 'div-sales', name: 'Sales', removed: false }], agents: [], fetchedAt: catalog.get(b.id).fetchedAt });
    expect(read.get(b.id)!.fetchedAt).toBe(new Date(clock.now()).toISOString());
    expect(read.get(never.id)).toEqual({ divisions: [], agents: [], fetchedAt: null });
    expect(catalog.liveEntriesNamed([a.id], []).get(a.id)).toEqual({ divisions: [], agents: [], fetchedAt: viewA.fetchedAt });
  });

  it('reads the live entries of some names across slices and calls as one slice does, whatever the names asked before and however many names the catalogs hold', () => {
    const { tenants, catalog } = setup();
    const first = tenants.create({ name: 'PT Pertama' });
    const second = tenants.create({ name: 'PT Kedua' });
    const third = tenants.create({ name: 'PT Ketiga' });
    catalog.replace(first.id, { divisions: [{ id: 'div-sales', name: 'Sales' }, { id: 'div-billing', name: 'Billing' }], agents: [] });
    catalog.replace(second.id, {
      divisions: [
        { id: 'div-billing', name: 'Billing' },
        { id: 'div-sales', name: 'SALES' },
        { id: 'div-sales-2', name: ' sales ' },
        { id: 'div-wide', name: '\uFF33ales' },
        { id: 'div-7', name: 'Division 7' },
      ],
      agents: [{ id: 'agt-kelvin', name: '\u212Aelvin', divisionIds: [] }],
    });
    catalog.replace(third.id, { divisions: [{ id: 'div-sales', name: 'Sales' }, { id: 'div-new', name: 'Baru' }], agents: [] });
    // What the mapping by name finds among a catalog's live entries, in its order.
    const expected = (tenantId: string, names: string[]) => {
      const wanted = new Set(names.map((name) => name.trim().normalize('NFC').toLowerCase()));
      const view = catalog.get(tenantId);
      const live = (entry: { id: string; name: string; removed: boolean }) => !entry.removed && wanted.has(entry.name.trim().normalize('NFC').toLowerCase());
      const short = (entry: { id: string; name: string }) => ({ id: entry.id, name: entry.name, removed: false });
      return { divisions: view.divisions.filter(live).map(short), agents: view.agents.filter(live).map(short), fetchedAt: view.fetchedAt };
    };
    // Unknown ids fill the slices: the first tenant in one slice, the others in the next ones.
    const filler = (n: number) => Array.from({ length: n }, (_, i) => `no-such-tenant-${n}-${i}`);
    const orders = [
      [first.id, ...filler(499), second.id, third.id],
      [third.id, ...filler(499), second.id, ...filler(500), first.id],
      [second.id, third.id, first.id],
    ];
    // Names wanted by one call and not by the next (a name met as unwanted can be wanted later).
    const askings = [['sales', 'Division 7', 'kelvin', 'baru'], ['billing'], ['Division 7', 'SALES'], ['sales', 'Division 7', 'kelvin', 'baru']];
    const check = () => {
      for (const names of askings) {
        for (const ids of orders) {
          const read = catalog.liveEntriesNamed(ids, names);
          for (const id of [first.id, second.id, third.id]) expect(read.get(id)).toEqual(expected(id, names));
        }
      }
    };
    check();
    expect(catalog.liveEntriesNamed([first.id, ...filler(499), second.id], ['sales']).get(second.id)!.divisions.map((d) => d.id)).toEqual(['div-sales', 'div-sales-2']);
    // A catalog of thousands of names, then a changed one: the same answers.
    catalog.replace(first.id, { divisions: [...Array.from({ length: 2500 }, (_, i) => ({ id: `div-${i}`, name: `Division ${i}` })), { id: 'div-sales', name: 'Sales' }], agents: [] });
    check();
    catalog.replace(third.id, { divisions: [{ id: 'div-baru', name: 'BARU' }, { id: 'div-lain', name: 'Lain' }], agents: [] });
    check();
  });
});
