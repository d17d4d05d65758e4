import { describe, expect, it } from 'vitest';
import type { TenantListItem } from '../../../shared/schemas/tenant-list';
import { useRpcCore } from '../../support/core/rpc-core';

/** The list's "last published": what this computer knows the backend has, from a publish or a pull. */
describe('the tenant list’s last publish', () => {
  const open = useRpcCore();

  it('counts a pull as known to be on the backend: a pull revision, or else a document with a backend version', async () => {
    const { core, rpc } = open();
    const pulled = await rpc.tenant('A Pulled');
    const pulledQuietly = await rpc.tenant('B Pulled Unchanged');
    const never = await rpc.tenant('C Never');
    const edited = await rpc.tenant('D Edited Only');
    const db = core.services.db;
    // Written as sync writes them (its own tests cover how they get there).
    const insertDocument = db.prepare(`INSERT INTO settings_documents (id, tenant_id, kind, draft_json, base_json, base_version, dirty, created_at, updated_at)
      VALUES (?, ?, 'ai_response', '{}', ?, ?, ?, ?, ?)`);
    insertDocument.run('0d6f6a52-1111-4c3e-9a5e-000000000001', pulled.id, '{}', 'v1', 0, 1768467600000, 1768467600000);
    db.prepare("INSERT INTO revisions (document_id, source, draft_json, created_at, updated_at) VALUES (?, 'pull', '{}', ?, ?)").run(
      '0d6f6a52-1111-4c3e-9a5e-000000000001',
      1768467600000,
      1768467600000,
    );
    insertDocument.run('0d6f6a52-1111-4c3e-9a5e-000000000002', pulledQuietly.id, '{}', 'v7', 0, 1768471200000, 1768471200000);
    insertDocument.run('0d6f6a52-1111-4c3e-9a5e-000000000003', edited.id, null, null, 1, 1768474800000, 1768474800000);
    db.prepare("INSERT INTO revisions (document_id, source, draft_json, created_at, updated_at) VALUES (?, 'edit', '{}', ?, ?)").run(
      '0d6f6a52-1111-4c3e-9a5e-000000000003',
      1768474800000,
      1768474800000,
    );

    const list = await rpc.ok<TenantListItem[]>('tenants.list', {});
    expect(list.map((tenant) => [tenant.id, tenant.lastPublishedAt])).toEqual([
      [pulled.id, '2026-01-15T09:00:00.000Z'],
      [pulledQuietly.id, '2026-01-15T10:00:00.000Z'],
      [never.id, null],
      [edited.id, null],
    ]);
  });
});
