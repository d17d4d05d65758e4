import { describe, expect, it } from 'vitest';
import { useRpcCore } from '../../support/core/rpc-core';

const TENANT = { name: 'Toko Baru', backendUrl: null, tags: [], aiResponse: null, idleAction: null, referenceNames: { divisions: {}, agents: {} }, apiConnections: [] };
const file = (tenants: unknown[], extra = '') => `{"format":"chatbot-settings-export","version":1,"exportedAt":"2026-01-15T09:00:00.000Z"${extra},"tenants":${JSON.stringify(tenants)}}`;

/**
 * A file is read in one pass while nothing is wrong with it; a problem found part-way (after some
 * tenants were parsed) is reported exactly as the checks one by one report it.
 */
describe('import: a problem found part-way through the file', () => {
  const open = useRpcCore('import-one-pass-');

  it('a secret named by a catalog id of a later tenant: refused, with its path', async () => {
    const { rpc } = open();
    const later = { ...TENANT, name: 'Toko Lain', referenceNames: { divisions: {}, agents: { Value: 'Siti' } } };
    const error = await rpc.error('transfer.previewImport', { text: file([TENANT, TENANT, later].map((t, i) => ({ ...t, name: `${t.name} ${i}` }))) });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.issues?.[0]?.message).toMatch(/^transfer\.file\.secret /);
    expect(error.issues?.[0]?.path).toEqual(['tenants', 2, 'referenceNames', 'agents', 'Value']);
  });

  it('too deep in the reference names of a later tenant: refused as too deep, before the schema', async () => {
    const { rpc } = open();
    const deep = JSON.parse(`${'['.repeat(20)}${']'.repeat(20)}`) as unknown;
    const later = { ...TENANT, name: 'Toko Lain', referenceNames: { divisions: { 'div-1': deep }, agents: {} } };
    const error = await rpc.error('transfer.previewImport', { text: file([TENANT, later]) });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.issues?.[0]?.message).toMatch(/^json\.tooDeep \{"max":16\}$/);
  });

  it('a header value in a later tenant: refused as a secret, with its path', async () => {
    const { rpc } = open();
    const connection = { name: 'Jurnal', description: '', code: 'JURNAL', baseUrl: 'https://api.jurnal.id', settingsKeys: null, headers: { apikey: 'x' }, token: null };
    const later = { ...TENANT, name: 'Toko Lain', apiConnections: [connection] };
    const error = await rpc.error('transfer.previewImport', { text: file([TENANT, later]) });
    expect(error.issues?.[0]?.message).toMatch(/^transfer\.file\.secret /);
    expect(error.issues?.[0]?.path).toEqual(['tenants', 1, 'apiConnections', 0, 'headers', 'apikey']);
  });

  it('a secret in the envelope after valid tenants: refused, with its path', async () => {
    const { rpc } = open();
    const error = await rpc.error('transfer.previewImport', { text: file([TENANT], ',"app":{"version":"1","token_value":"x"}') });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.issues?.[0]?.path).toEqual(['app', 'token_value']);
  });

  it('a name taken twice, after a tenant parsed: the schema’s issue', async () => {
    const { rpc } = open();
    const error = await rpc.error('transfer.previewImport', { text: file([TENANT, { ...TENANT, name: 'TOKO BARU' }]) });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.issues?.length).toBeGreaterThan(0);
    expect(error.issues?.[0]?.path[0]).toBe('tenants');
  });

  it('a valid file with hostile-looking catalog names is read whole', async () => {
    const { rpc } = open();
    const tenant = { ...TENANT, referenceNames: { divisions: { 'div-1': 'password' }, agents: { 'agt-1': '__proto__' } } };
    const preview = await rpc.ok('transfer.previewImport', { text: file([tenant]) });
    expect(preview).toMatchObject({ total: 1, counts: { create: 1, update: 0, unchanged: 0 } });
  });
});
