import { describe, expect, it } from 'vitest';
import {
  IMPORT_PREVIEW_PAGE_ROWS,
  IMPORT_PREVIEW_ROWS_MAX,
  type ImportPreview,
  type ImportPreviewRows,
  type ImportResult,
  type ImportTenantPreview,
} from '../../../shared/schemas/export-document';
import { useRpcCore } from '../../support/core/rpc-core';

const CONN = { name: 'Jurnal', description: 'Accounting', code: 'JURNAL API', baseUrl: 'https://api.jurnal.id', settingsKeys: null, headers: null, token: null };
const UNKNOWN_ID = '3f1d7c2a-9b8e-4d6f-a5c4-b3a2918070f6';

/** The file's tenant number i (from 0): Toko 0001…, with one API connection. */
function tenant(i: number) {
  return { name: `Toko ${String(i + 1).padStart(4, '0')}`, backendUrl: null, tags: ['imported'], aiResponse: null, idleAction: null, referenceNames: { divisions: {}, agents: {} }, apiConnections: [CONN] };
}

function fileOf(tenants: unknown[]): string {
  return JSON.stringify({ format: 'chatbot-settings-export', version: 1, exportedAt: '2026-01-15T09:00:00.000Z', tenants });
}

/** A file of the first `count` tenants. */
function file(count: number): string {
  return fileOf(Array.from({ length: count }, (_, i) => tenant(i)));
}

describe('an import preview answers with its first page; the rest by page (transfer.previewRows, transfer.discardPreview)', () => {
  const open = useRpcCore('import-preview-pages-');
  const COUNT = 2 * IMPORT_PREVIEW_PAGE_ROWS + 30;

  it('pages through every row of the file in order, the same rows as a preview of a small file shows whole', async () => {
    const { rpc } = open();
    // Half of the tenants exist already: the preview mixes creates and updates.
    const firstHalf = await rpc.ok<ImportPreview>('transfer.previewImport', { text: file(COUNT / 2) });
    expect(firstHalf.total).toBe(COUNT / 2);
    await rpc.ok<ImportResult>('transfer.applyImport', { previewId: firstHalf.previewId });

    const preview = await rpc.ok<ImportPreview>('transfer.previewImport', { text: file(COUNT) });
    expect(preview.total).toBe(COUNT);
    expect(preview.counts).toEqual({ create: COUNT / 2, update: 0, unchanged: COUNT / 2 });
    expect(preview.tenants.map((row) => row.index)).toEqual(Array.from({ length: IMPORT_PREVIEW_PAGE_ROWS }, (_, i) => i));

    const rows: ImportTenantPreview[] = [];
    for (let offset = 0; offset < COUNT; offset += IMPORT_PREVIEW_PAGE_ROWS) {
      const page = await rpc.ok<ImportPreviewRows>('transfer.previewRows', { previewId: preview.previewId, offset, limit: IMPORT_PREVIEW_PAGE_ROWS });
      expect(page).toMatchObject({ offset, total: COUNT });
      expect(page.tenants).toHaveLength(Math.min(IMPORT_PREVIEW_PAGE_ROWS, COUNT - offset));
      rows.push(...page.tenants);
    }
    expect(rows.slice(0, IMPORT_PREVIEW_PAGE_ROWS)).toEqual(preview.tenants);
    expect(rows.map((row) => row.index)).toEqual(Array.from({ length: COUNT }, (_, i) => i));
    expect(rows.map((row) => row.name)).toEqual(Array.from({ length: COUNT }, (_, i) => `Toko ${String(i + 1).padStart(4, '0')}`));
    expect(rows.filter((row) => row.action === 'create')).toHaveLength(preview.counts.create);
    expect(rows.filter((row) => row.action === 'unchanged')).toHaveLength(preview.counts.unchanged);
    // A row deep in the file is the same as that tenant's row in a preview of a file small enough to answer whole.
    const last = rows.at(-1)!;
    const alone = await rpc.ok<ImportPreview>('transfer.previewImport', { text: fileOf([tenant(COUNT - 1)]) });
    expect(alone.tenants).toEqual([{ ...last, index: 0 }]);

    // Past the end: no rows.
    expect(await rpc.ok<ImportPreviewRows>('transfer.previewRows', { previewId: preview.previewId, offset: COUNT, limit: 10 })).toEqual({ offset: COUNT, tenants: [], total: COUNT });
  });

  it('refuses pages out of bounds and unknown previews; a discarded preview can be neither paged nor applied', async () => {
    const { rpc } = open();
    const preview = await rpc.ok<ImportPreview>('transfer.previewImport', { text: file(3) });
    expect(preview.tenants).toHaveLength(3);
    const ref = { previewId: preview.previewId };
    expect(await rpc.error('transfer.previewRows', { ...ref, offset: 0, limit: IMPORT_PREVIEW_ROWS_MAX + 1 })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await rpc.error('transfer.previewRows', { ...ref, offset: -1, limit: 10 })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await rpc.error('transfer.previewRows', { ...ref, offset: 0, limit: 0 })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await rpc.error('transfer.previewRows', { ...ref, offset: 0, limit: 10, more: 1 })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await rpc.error('transfer.previewRows', { previewId: UNKNOWN_ID, offset: 0, limit: 10 })).toMatchObject({ code: 'NOT_FOUND', message: /expired/ });

    expect(await rpc.ok('transfer.discardPreview', ref)).toEqual({ discarded: true });
    expect(await rpc.ok('transfer.discardPreview', ref)).toEqual({ discarded: false });
    expect(await rpc.error('transfer.previewRows', { ...ref, offset: 0, limit: 10 })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await rpc.error('transfer.startImport', ref)).toMatchObject({ code: 'NOT_FOUND', message: /expired/ });
  });
});
