import { describe, expect, it } from 'vitest';
import { catalogViewSchema } from '../../../shared/schemas/catalog';
import { DEMO_CATALOG, demoCatalog } from '../../support/core/demo-catalog';
import { useTempDirs } from '../../support/core/temp-dirs';
import { manualClock, useCores } from '../../support/core/open-test-core';
import { storeSnapshot } from '../../support/core/store-snapshot';
import { rpcErrorOf } from '../../support/core/rpc-error-of';

describe('catalog cache', () => {
  const tempDir = useTempDirs();
  const open = useCores();

  function setup() {
    const clock = manualClock();
    const core = open(tempDir(), { clock: clock.now });
    const tenant = core.services.tenants.create({ name: 'PT Katalog' });
    return { core, clock, tenantId: tenant.id, ...core.services };
  }

  it('is empty with fetchedAt null before the first replace', () => {
    const { catalog, tenantId } = setup();
    expect(catalog.get(tenantId)).toEqual({ divisions: [], agents: [], fetchedAt: null });
  });

  it('replaces with the snapshot, in its order, recording fetchedAt', () => {
    const { catalog, tenantId, clock } = setup();
    const view = catalog.replace(tenantId, demoCatalog());
    expect(catalogViewSchema.parse(view)).toEqual(view);
    expect(view.fetchedAt).toBe(new Date(clock.now()).toISOString());
    expect(view.divisions.map((d) => d.name)).toEqual(['Sales', 'Customer Support', 'Billing', 'Onboarding']);
    expect(view.agents).toHaveLength(8);
    expect(view.agents[0]).toEqual({ ...DEMO_CATALOG.agents[0], removed: false });
    expect(view.divisions.every((d) => !d.removed)).toBe(true);
    expect(Object.isFrozen(view.agents[0])).toBe(true);
  });

  it('reads many tenants’ names at once as get() would show them (order, removed, fetchedAt); a tenant never fetched is empty', () => {
    const { catalog, tenants, tenantId, clock } = setup();
    const other = tenants.create({ name: 'CV Kosong' });
    catalog.replace(tenantId, demoCatalog());
    clock.advance(60_000);
    const smaller = demoCatalog();
    smaller.agents = smaller.agents.filter((a) => a.id !== 'agt-agus');
    catalog.replace(tenantId, smaller);
    const names = catalog.namesOf([tenantId, other.id]);
    const view = catalog.get(tenantId);
    const short = (entry: { id: string; name: string; removed: boolean }) => ({ id: entry.id, name: entry.name, removed: entry.removed });
    expect(names.get(tenantId)).toEqual({ divisions: view.divisions.map(short), agents: view.agents.map(short), fetchedAt: view.fetchedAt });
    expect(names.get(tenantId)!.agents.find((a) => a.id === 'agt-agus')).toEqual({ id: 'agt-agus', name: 'Agus Wijaya', removed: true });
    expect(names.get(other.id)).toEqual({ divisions: [], agents: [], fetchedAt: null });
  });

  it('keeps entries the backend no longer lists as removed (with their names), and revives them', () => {
    const { catalog, tenantId, clock } = setup();
    catalog.replace(tenantId, demoCatalog());
    clock.advance(60_000);
    const smaller = demoCatalog();
    smaller.agents = smaller.agents.filter((a) => a.id !== 'agt-agus');
    smaller.divisions = smaller.divisions.filter((d) => d.id !== 'div-onboarding');
    smaller.agents[0] = { ...smaller.agents[0]!, name: 'Budi S.' };
    const view = catalog.replace(tenantId, smaller);
    expect(view.fetchedAt).toBe(new Date(clock.now()).toISOString());
    expect(view.agents.find((a) => a.id === 'agt-agus')).toMatchObject({ name: 'Agus Wijaya', removed: true });
    expect(view.divisions.find((d) => d.id === 'div-onboarding')).toEqual({ id: 'div-onboarding', name: 'Onboarding', removed: true });
    expect(view.agents.find((a) => a.id === 'agt-budi')).toMatchObject({ name: 'Budi S.', removed: false });
    // removed entries come last
    expect(view.agents.at(-1)?.id).toBe('agt-agus');

    const back = catalog.replace(tenantId, demoCatalog());
    expect(back.agents.find((a) => a.id === 'agt-agus')?.removed).toBe(false);
  });

  it('refuses a bad snapshot and leaves the cache as it was', () => {
    const { catalog, tenantId, db } = setup();
    catalog.replace(tenantId, demoCatalog());
    const before = storeSnapshot(db);
    const viewBefore = catalog.get(tenantId);
    const duplicate = demoCatalog();
    duplicate.agents.push({ ...duplicate.agents[0]! });
    const bad: unknown[] = [
      duplicate,
      { divisions: [{ id: 'x', name: '' }], agents: [] },
      { divisions: [], agents: [], extra: true },
      { divisions: 'all' },
      null,
    ];
    for (const snapshot of bad) {
      const error = rpcErrorOf(() => catalog.replace(tenantId, snapshot as never));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.issues?.length).toBeGreaterThan(0);
    }
    expect(storeSnapshot(db)).toEqual(before);
    expect(catalog.get(tenantId)).toEqual(viewBefore);
  });

  it('answers NOT_FOUND for an unknown tenant', () => {
    const { catalog } = setup();
    const missing = '00000000-0000-4000-8000-000000000000';
    expect(rpcErrorOf(() => catalog.get(missing)).code).toBe('NOT_FOUND');
    expect(rpcErrorOf(() => catalog.replace(missing, demoCatalog())).code).toBe('NOT_FOUND');
  });

  it('reads back across a restart, and reports a damaged entry clearly', async () => {
    const dir = tempDir();
    const first = open(dir);
    const tenant = first.services.tenants.create({ name: 'PT Restart' });
    const view = first.services.catalog.replace(tenant.id, demoCatalog());
    await first.close();
    const second = open(dir);
    expect(second.services.catalog.get(tenant.id)).toEqual(view);
    await second.close();

    const third = open(dir);
    third.services.db.prepare("UPDATE catalog_entries SET data_json = '{\"divisionIds\": 5}' WHERE id = 'agt-budi'").run();
    const error = rpcErrorOf(() => third.services.catalog.get(tenant.id));
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toContain('cached catalog');
  });
});
