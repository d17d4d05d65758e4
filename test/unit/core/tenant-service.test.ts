import { describe, expect, it } from 'vitest';
import { demoCatalog } from '../../support/core/demo-catalog';
import { useTempDirs } from '../../support/core/temp-dirs';
import { useCores } from '../../support/core/open-test-core';
import { rpcErrorOf } from '../../support/core/rpc-error-of';

describe('tenants', () => {
  const tempDir = useTempDirs();
  const open = useCores();

  it('creates a tenant with a trimmed name and an optional backend URL', () => {
    const { tenants } = open(tempDir()).services;
    const a = tenants.create({ name: '  PT Maju Jaya  ', backendUrl: ' https://service-chat.qontak.com/api/open/v1 ' });
    expect(a).toMatchObject({ name: 'PT Maju Jaya', backendUrl: 'https://service-chat.qontak.com/api/open/v1', unpublishedCount: 0 });
    expect(a.createdAt).toBe(a.updatedAt);
    const b = tenants.create({ name: 'CV Berkah', backendUrl: '' });
    expect(b.backendUrl).toBeNull();
    expect(tenants.get(a.id)).toEqual(a);
  });

  it('refuses a duplicate name ignoring case, in any script, with tenant.name.duplicate on ["name"]', () => {
    const { tenants } = open(tempDir()).services;
    tenants.create({ name: 'École Nusantara' });
    for (const name of ['école nusantara', 'ÉCOLE NUSANTARA', ' École Nusantara ']) {
      const error = rpcErrorOf(() => tenants.create({ name }));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.issues).toEqual([{ path: ['name'], message: 'tenant.name.duplicate' }]);
      expect(error.message).toBe('Invalid input: A tenant with this name already exists.');
    }
    expect(tenants.list()).toHaveLength(1);
  });

  it('renames (also to its own name in another case) but not onto another tenant', () => {
    const { tenants } = open(tempDir()).services;
    const a = tenants.create({ name: 'Toko Abadi' });
    tenants.create({ name: 'Toko Baru' });
    expect(tenants.update({ id: a.id, name: 'TOKO ABADI' }).name).toBe('TOKO ABADI');
    expect(rpcErrorOf(() => tenants.update({ id: a.id, name: 'toko baru' })).issues?.[0]?.message).toBe('tenant.name.duplicate');
    const moved = tenants.update({ id: a.id, backendUrl: 'http://localhost:8080/api' });
    expect(moved).toMatchObject({ name: 'TOKO ABADI', backendUrl: 'http://localhost:8080/api' });
    expect(tenants.update({ id: a.id, backendUrl: null }).backendUrl).toBeNull();
  });

  it('lists sorted by name, searching name and backend URL case-insensitively', () => {
    const { tenants, tenantListing } = open(tempDir()).services;
    // Searching is the tenant list's (name, backend URL and tags, ignoring case).
    const search = (query: string) => tenantListing.list({ query });
    tenants.create({ name: 'zeta Retail', backendUrl: 'https://zeta.example/API' });
    tenants.create({ name: 'Alfa Mart', backendUrl: 'https://alfa.example/api' });
    tenants.create({ name: 'beta Foods' });
    expect(tenants.list().map((t) => t.name)).toEqual(['Alfa Mart', 'beta Foods', 'zeta Retail']);
    expect(search('  ').map((t) => t.name)).toHaveLength(3);
    expect(search('FOOD').map((t) => t.name)).toEqual(['beta Foods']);
    expect(search('zeta.example/api').map((t) => t.name)).toEqual(['zeta Retail']);
    expect(search('.example').map((t) => t.name)).toEqual(['Alfa Mart', 'zeta Retail']);
    expect(search('%')).toEqual([]); // no LIKE wildcards
    expect(search('nothing like it')).toEqual([]);
  });

  it('counts unpublished documents', () => {
    const { tenants, documents } = open(tempDir()).services;
    const t = tenants.create({ name: 'PT Hitung' });
    documents.saveDraft({ tenantId: t.id, kind: 'ai_response', draft: { threshold: 5, onThreshold: 'continue_with_bot', divisionId: null, agentId: null, handoverMessage: '' } });
    expect(tenants.get(t.id).unpublishedCount).toBe(1);
    documents.saveDraft({
      tenantId: t.id,
      kind: 'idle_action',
      draft: { action: 'resolve_conversation', idleHours: 0, idleMinutes: 15, assignTo: 'auto', divisionId: null, agentId: null, closingMessage: 'Terima kasih' },
    });
    expect(tenants.list()[0]?.unpublishedCount).toBe(2);
  });

  it('deletes a tenant with its documents, revisions and catalog', () => {
    const core = open(tempDir());
    const { tenants, documents, catalog, db } = core.services;
    const keep = tenants.create({ name: 'Tetap' });
    const gone = tenants.create({ name: 'Hapus' });
    for (const t of [keep, gone]) {
      catalog.replace(t.id, demoCatalog());
      documents.saveDraft({ tenantId: t.id, kind: 'ai_response', draft: { threshold: 2, onThreshold: 'specific_agent', divisionId: null, agentId: 'agt-budi', handoverMessage: '' } });
    }
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    expect(count('SELECT COUNT(*) AS n FROM revisions')).toBe(2);

    expect(tenants.delete(gone.id)).toEqual({ id: gone.id });
    expect(rpcErrorOf(() => tenants.get(gone.id)).code).toBe('NOT_FOUND');
    expect(rpcErrorOf(() => catalog.get(gone.id)).code).toBe('NOT_FOUND'); // the cached view went too
    expect(rpcErrorOf(() => tenants.delete(gone.id)).code).toBe('NOT_FOUND');
    expect(count('SELECT COUNT(*) AS n FROM settings_documents')).toBe(1);
    expect(count('SELECT COUNT(*) AS n FROM revisions')).toBe(1);
    expect(count(`SELECT COUNT(*) AS n FROM catalog_entries WHERE tenant_id = '${gone.id}'`)).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM catalog_state')).toBe(1);
    expect(documents.get(keep.id, 'ai_response').isDefault).toBe(false);
  });

  it('emits tenant.changed after each write, not after reads or refused writes', () => {
    const core = open(tempDir());
    const events: unknown[] = [];
    const off = core.onEvent((name, payload) => events.push([name, payload]));
    const t = core.services.tenants.create({ name: 'PT Acara' });
    core.services.tenants.update({ id: t.id, name: 'PT Acara Baru' });
    core.services.tenants.list();
    core.services.tenants.get(t.id);
    rpcErrorOf(() => core.services.tenants.create({ name: 'pt acara baru' }));
    core.services.tenants.delete(t.id);
    expect(events).toEqual([
      ['tenant.changed', { tenantId: t.id }],
      ['tenant.changed', { tenantId: t.id }],
      ['tenant.changed', { tenantId: t.id }],
    ]);
    off();
    core.services.tenants.create({ name: 'Sepi' });
    expect(events).toHaveLength(3);
  });

  it('keeps working when an event listener throws', () => {
    const core = open(tempDir());
    core.onEvent(() => {
      throw new Error('listener bug');
    });
    expect(core.services.tenants.create({ name: 'PT Tahan Banting' }).name).toBe('PT Tahan Banting');
  });
});
