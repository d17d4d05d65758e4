import { describe, expect, it } from 'vitest';
import type { ImportPreview, ImportResult } from '../../../shared/schemas/export-document';
import type { RevisionEntry } from '../../../shared/schemas/history';
import type { SingletonDocumentView } from '../../../shared/schemas/settings-document';
import type { TenantListItem } from '../../../shared/schemas/tenant-list';
import { MISSING_ID, catalogWith, snapshot, useRpcCore, type Rpc } from '../../support/core/rpc-core';

const AI = { threshold: 6, onThreshold: 'specific_agent', divisionId: null, agentId: 'x-agt-1', handoverMessage: 'Sebentar ya, kak.' };
const IDLE = { action: 'resolve_conversation', idleHours: 2, idleMinutes: 0, assignTo: 'auto', divisionId: null, agentId: null, closingMessage: 'Sampai jumpa.' };
const CONN = { name: 'Jurnal', description: 'Accounting', code: 'JURNAL API', baseUrl: 'https://api.jurnal.id', settings: null, headers: null, token: null };

async function seeded(rpc: Rpc) {
  const a = await rpc.tenant('PT Maju Jaya', 'https://chat.maju.example/api/open/v1');
  rpc.core.services.catalog.replace(a.id, catalogWith('x', ['Sales'], ['Budi', 'Siti Rahayu']));
  await rpc.ok('settings.saveDraft', { tenantId: a.id, kind: 'ai_response', draft: AI });
  await rpc.ok('settings.saveDraft', { tenantId: a.id, kind: 'idle_action', draft: IDLE });
  await rpc.ok('apiConnections.create', { tenantId: a.id, ...CONN });
  await rpc.ok('tags.add', { tenantIds: [a.id], tags: ['vip', 'jakarta'] });
  const b = await rpc.tenant('CV Berkah');
  return { a, b };
}

async function exported(rpc: Rpc, ids: string[]): Promise<string> {
  return (await rpc.ok<{ text: string }>('transfer.export', { tenantIds: ids })).text;
}

/** The file without its time stamp and app version: what must survive a round trip. */
function content(text: string): unknown {
  const doc = JSON.parse(text) as Record<string, unknown>;
  return { ...doc, exportedAt: null, app: null };
}

describe('export and import (transfer.export, transfer.previewImport, transfer.applyImport)', () => {
  const open = useRpcCore('transfer-');

  it('exports a versioned document without any secret value, with reference names', async () => {
    const { rpc } = open();
    const { a, b } = await seeded(rpc);
    const result = await rpc.ok<{ fileName: string; text: string; tenantCount: number }>('transfer.export', { tenantIds: [a.id, b.id] });
    expect(result.fileName).toMatch(/^chatbot-settings-2-tenants-\d{4}-\d{2}-\d{2}\.json$/);
    const doc = JSON.parse(result.text);
    expect(doc).toMatchObject({ format: 'chatbot-settings-export', version: 1, app: { version: '0.0.0-test' } });
    expect(doc.tenants[0]).toEqual({
      name: 'PT Maju Jaya',
      backendUrl: 'https://chat.maju.example/api/open/v1',
      tags: ['jakarta', 'vip'],
      aiResponse: AI,
      idleAction: IDLE,
      referenceNames: { divisions: {}, agents: { 'x-agt-1': 'Siti Rahayu' } },
      apiConnections: [{ name: 'Jurnal', description: 'Accounting', code: 'JURNAL API', baseUrl: 'https://api.jurnal.id', settingsKeys: null, headers: null, token: null }],
    });
    expect(doc.tenants[1]).toMatchObject({ name: 'CV Berkah', backendUrl: null, aiResponse: null, idleAction: null, apiConnections: [] });
    expect(await rpc.error('transfer.export', { tenantIds: [MISSING_ID] })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('round-trips: export → import into a fresh store → export gives the same document; references mapped by name', async () => {
    const first = open();
    const { a, b } = await seeded(first.rpc);
    const text = await exported(first.rpc, [a.id, b.id]);

    const second = open();
    // The receiving store knows “Siti Rahayu” under its own id.
    const existing = await second.rpc.tenant('pt maju jaya');
    second.core.services.catalog.replace(existing.id, catalogWith('y', [], ['Siti Rahayu']));
    const preview = await second.rpc.ok<ImportPreview>('transfer.previewImport', { text });
    expect(preview.counts).toEqual({ create: 1, update: 1, unchanged: 0 });
    expect(preview.tenants[0]).toMatchObject({ name: 'PT Maju Jaya', action: 'update', tenantId: existing.id, warnings: [] });
    expect(preview.tenants[0]!.changes.map((c) => [c.area, c.action])).toEqual([
      ['tenant', 'update'],
      ['ai_response', 'create'],
      ['idle_action', 'create'],
      ['api_connection', 'create'],
    ]);
    expect(preview.tenants[1]).toMatchObject({ name: 'CV Berkah', action: 'create', tenantId: null });
    const applied = await second.rpc.ok<ImportResult>('transfer.applyImport', { previewId: preview.previewId });
    expect(applied.updated).toEqual([existing.id]);
    expect(applied.created).toHaveLength(1);
    const ai = await second.rpc.ok<SingletonDocumentView>('settings.get', { tenantId: existing.id, kind: 'ai_response' });
    expect(ai).toMatchObject({ draft: { ...AI, agentId: 'y-agt-0' }, dirty: true, issues: [] });
    expect((await second.rpc.ok<RevisionEntry[]>('history.list', { tenantId: existing.id, kind: 'ai_response' }))[0]).toMatchObject({ source: 'import', batchId: applied.batchId });
    // Names are matched ignoring case: the existing tenant keeps its own name.
    const tenants = await second.rpc.ok<TenantListItem[]>('tenants.list', {});
    expect(tenants.map((t) => [t.name, t.tags])).toEqual([['CV Berkah', []], ['pt maju jaya', ['jakarta', 'vip']]]);

    const again = await exported(second.rpc, [existing.id, applied.created[0]!]);
    const expected = content(text) as { tenants: Array<Record<string, unknown>> };
    expected.tenants[0] = { ...expected.tenants[0], name: 'pt maju jaya', aiResponse: { ...AI, agentId: 'y-agt-0' }, referenceNames: { divisions: {}, agents: { 'y-agt-0': 'Siti Rahayu' } } };
    expect(content(again)).toEqual(expected);

    // Importing the same file again changes nothing.
    const before = snapshot(second.core.services.db);
    expect((await second.rpc.ok<ImportPreview>('transfer.previewImport', { text: again })).counts).toEqual({ create: 0, update: 0, unchanged: 2 });
    expect(await second.rpc.ok<ImportResult>('transfer.applyImport', { text: again })).toEqual({ batchId: null, created: [], updated: [], unchanged: 2 });
    expect(snapshot(second.core.services.db)).toEqual(before);
  });

  it('round-trips within one store: an import of its own export is a no-op', async () => {
    const { core, rpc } = open();
    const { a, b } = await seeded(rpc);
    const text = await exported(rpc, [a.id, b.id]);
    const before = snapshot(core.services.db);
    expect((await rpc.ok<ImportPreview>('transfer.previewImport', { text })).counts).toEqual({ create: 0, update: 0, unchanged: 2 });
    await rpc.ok('transfer.applyImport', { text });
    expect(snapshot(core.services.db)).toEqual(before);
  });

  it('plans a stored connection from its checked public part: a damaged one stops the preview with its own error, nothing changed', async () => {
    const { core, rpc } = open();
    const { a } = await seeded(rpc);
    const text = await exported(rpc, [a.id]);
    const { db } = core.services;
    const row = db.prepare<[string, string], { id: string }>('SELECT id FROM settings_documents WHERE tenant_id = ? AND kind = ?').get(a.id, 'api_connection')!;
    // Sound JSON of the wrong shape (no code), then no JSON at all: each a damaged row, named by its id.
    for (const damaged of [JSON.stringify({ name: 'Jurnal', baseUrl: 'https://api.jurnal.id' }), '{"name":']) {
      db.prepare('UPDATE settings_documents SET draft_json = ? WHERE id = ?').run(damaged, row.id);
      const before = snapshot(db);
      const error = await rpc.error('transfer.previewImport', { text });
      expect(error.code).toBe('INTERNAL');
      expect(error.message).toBe(`The saved API connection ${row.id} is damaged and cannot be read.`);
      expect(snapshot(db)).toEqual(before);
    }
  });

  it('imports connections whose values were set as connections to re-enter, and says so', async () => {
    const { rpc } = open();
    const doc = {
      format: 'chatbot-settings-export',
      version: 1,
      exportedAt: '2026-01-15T09:00:00.000Z',
      tenants: [
        {
          name: 'Toko Baru',
          backendUrl: null,
          tags: [],
          aiResponse: null,
          idleAction: null,
          referenceNames: { divisions: {}, agents: {} },
          apiConnections: [
            { ...CONN, settings: undefined, headers: [{ name: 'apikey', set: true }], settingsKeys: ['owner_email'], token: { token_type: 'bearer', expires_in: 3600, created_at: 1700000000, accessTokenSet: true, refreshTokenSet: false } },
          ],
        },
      ],
    };
    const preview = await rpc.ok<ImportPreview>('transfer.previewImport', { text: JSON.stringify(doc) });
    expect(preview.tenants[0]!.warnings).toEqual([expect.stringContaining('Settings, Headers values and Token are not in the file')]);
    const result = await rpc.ok<ImportResult>('transfer.applyImport', { previewId: preview.previewId });
    const list = await rpc.ok<Array<{ code: string; hasSecrets?: boolean }>>('apiConnections.list', { tenantId: result.created[0] });
    expect(list).toHaveLength(1);
    const text = await exported(rpc, result.created);
    expect(JSON.parse(text).tenants[0].apiConnections[0]).toMatchObject({ settingsKeys: null, headers: [{ name: 'apikey', set: false }], token: null });
  });
});
