import { describe, expect, it } from 'vitest';
import type { CsvPreview } from '../../../shared/schemas/csv-import';
import type { Tenant } from '../../../shared/schemas/tenant';
import type { TenantListItem } from '../../../shared/schemas/tenant-list';
import { snapshot, useRpcCore } from '../../support/core/rpc-core';

describe('bulk tenant creation from CSV (transfer.previewCsv, transfer.applyCsv)', () => {
  const open = useRpcCore('csv-');

  it('reads BOM, CRLF and quoted commas, and creates the rows with their tags in one go', async () => {
    const { rpc } = open();
    const text = '\uFEFFName,Backend URL,Tags\r\n"PT Jaya, Tbk",https://chat.jaya.example/api/open/v1,"vip; Jakarta"\r\nCV Berkah,,\r\n"Toko ""Sentosa""",http://localhost:8080,medan|VIP\r\n';
    const preview = await rpc.ok<CsvPreview>('transfer.previewCsv', { text });
    expect(preview.columns).toEqual(['name', 'backendUrl', 'tags']);
    expect(preview.rows).toEqual([
      { row: 2, name: 'PT Jaya, Tbk', backendUrl: 'https://chat.jaya.example/api/open/v1', tags: ['vip', 'jakarta'], errors: [] },
      { row: 3, name: 'CV Berkah', backendUrl: null, tags: [], errors: [] },
      { row: 4, name: 'Toko "Sentosa"', backendUrl: 'http://localhost:8080', tags: ['medan', 'vip'], errors: [] },
    ]);
    expect(preview.counts).toEqual({ valid: 3, invalid: 0 });
    const created = await rpc.ok<{ created: Tenant[] }>('transfer.applyCsv', { text });
    expect(created.created.map((t) => t.name)).toEqual(['PT Jaya, Tbk', 'CV Berkah', 'Toko "Sentosa"']);
    const list = await rpc.ok<TenantListItem[]>('tenants.list', { tag: 'vip' });
    expect(list.map((t) => t.name)).toEqual(['PT Jaya, Tbk', 'Toko "Sentosa"']);
  });

  it('gives per-row errors: missing cells, bad URLs, duplicates in the file and with existing tenants, bad tags', async () => {
    const { core, rpc } = open();
    await rpc.tenant('PT Sudah Ada');
    const text = [
      'name,backend_url,tags',
      'Satu,https://ok.example,a',
      'Dua,not a url',
      ',https://ok.example,',
      'satu,,',
      'pt sudah ada,,',
      'Tiga,ftp://files.example,',
      'Empat,https://user:pw@x.example,',
      'Lima,,"a;b;' + 'x'.repeat(41) + '"',
      'Enam,https://ok.example,,extra',
    ].join('\n');
    const before = snapshot(core.services.db);
    const preview = await rpc.ok<CsvPreview>('transfer.previewCsv', { text });
    const errors = Object.fromEntries(preview.rows.map((row) => [row.row, row.errors.map((e) => e.message)]));
    expect(errors).toEqual({
      2: [],
      3: ['csv.row.columns {"count":2,"expected":3}', 'tenant.backendUrl.invalid'],
      4: ['tenant.name.required'],
      5: ['csv.row.duplicateInFile {"row":2}'],
      6: ['csv.row.duplicateExisting'],
      7: ['tenant.backendUrl.protocol'],
      8: ['tenant.backendUrl.credentials'],
      9: ['tag.tooLong {"max":40}'],
      10: ['csv.row.columns {"count":4,"expected":3}'],
    });
    expect(preview.counts).toEqual({ valid: 1, invalid: 8 });
    expect(snapshot(core.services.db)).toEqual(before);
    // All or nothing for the chosen rows: one invalid row among them creates none.
    const error = await rpc.error('transfer.applyCsv', { text, rows: [2, 3] });
    expect(error).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['rows', 1], message: 'csv.row.invalid {"row":3}' }] });
    expect(await rpc.error('transfer.applyCsv', { text })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await rpc.error('transfer.applyCsv', { text, rows: [99] })).toMatchObject({ issues: [{ message: 'csv.row.unknown {"row":99}' }] });
    expect(snapshot(core.services.db)).toEqual(before);
    expect((await rpc.ok<{ created: Tenant[] }>('transfer.applyCsv', { text, rows: [2] })).created.map((t) => t.name)).toEqual(['Satu']);
  });

  it('refuses files without a usable header, changing nothing', async () => {
    const { core, rpc } = open();
    const before = snapshot(core.services.db);
    const cases: Array<[string, RegExp]> = [
      ['', /^csv\.empty$/],
      ['\uFEFF\r\n', /^csv\.empty$/],
      ['backend url,tags\r\nhttps://a.example,vip', /^csv\.column\.name\.missing$/],
      ['PT Satu,https://a.example\r\nPT Dua,https://b.example', /^csv\.column\.name\.missing$/],
      ['name,colour\nA,red', /^csv\.column\.unknown \{"column":"colour"\}$/],
      ['name,Name\nA,B', /^csv\.column\.duplicate/],
      ['name\n"unterminated', /^csv\.syntax/],
    ];
    for (const [text, issue] of cases) {
      for (const channel of ['transfer.previewCsv', 'transfer.applyCsv']) {
        const error = await rpc.error(channel, { text });
        expect(error.code).toBe('INVALID_INPUT');
        expect(error.issues?.[0]?.message).toMatch(issue);
        expect(error.message).toMatch(/^The CSV file cannot be used; nothing was changed\./);
      }
    }
    expect(await rpc.error('transfer.previewCsv', { text: 'x'.repeat(5 * 1024 * 1024 + 1) })).toMatchObject({ code: 'INVALID_INPUT', issues: [{ message: 'csv.tooLarge' }] });
    expect(snapshot(core.services.db)).toEqual(before);
  });
});
