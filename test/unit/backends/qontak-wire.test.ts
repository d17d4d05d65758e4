import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { qontakDivisionSchema, qontakUserSchema } from '../../../shared/wire/qontak/chat';
import { qontakDealFieldSchema } from '../../../shared/wire/qontak/crm';
import { qontakChatListSchema, qontakCrmSchema, summarizeQontakError } from '../../../shared/wire/qontak/envelopes';
import { toCatalogSnapshot, toCrmCatalogSnapshot } from '../../../shared/wire/qontak/catalog-mapping';
import { QontakCatalogError } from '../../../shared/wire/qontak/catalog-error';

// Mekari's recorded answers (trimmed), as the platform documents them (a copy of shared/qontak-api-excerpt.json).
const excerpt = JSON.parse(readFileSync(new URL('./fixtures/qontak-api-excerpt.json', import.meta.url), 'utf8')) as {
  routes: Record<string, { responses: Record<string, unknown> }>;
};
const answer = (route: string, status = '200') => excerpt.routes[route]!.responses[status];

describe('Qontak wire schemas on the recorded answers', () => {
  it('reads divisions and agents, dropping what the app does not use', () => {
    const divisions = qontakChatListSchema(qontakDivisionSchema).parse(answer('GET /qontak/chat/v1/divisions'));
    const users = qontakChatListSchema(qontakUserSchema).parse(answer('GET /qontak/chat/v1/users'));
    expect(divisions.meta?.pagination).toMatchObject({ offset: 1, limit: 10, target_offset: 0 });
    const snapshot = toCatalogSnapshot(divisions.data, users.data);
    expect(snapshot.divisions.map((d) => d.name)).toEqual(['ron test', 'Reguler Event', 'Pasca PJJ']);
    expect(snapshot.agents[0]).toEqual({
      id: '23986f8b-0e8b-4044-a582-6f42b75d8493',
      name: 'Testing Two',
      email: 'person5@example.test',
      online: false,
      divisionIds: ['f0285c2b-8430-4245-a62b-140530c61957'],
    });
    expect(JSON.stringify(snapshot)).not.toContain('avatar');
  });

  it('reads owners and sources from the deal form, CRM ids as strings', () => {
    const fields = qontakCrmSchema(z.array(qontakDealFieldSchema)).parse(answer('GET /qontak/crm/deals/info')).response;
    const crm = toCrmCatalogSnapshot([{ pipeline: { id: '7', name: 'Sales', slug: null }, stages: [{ id: '70', name: 'New', pipeline_id: '7', crm_pipeline_id: null, order: null }] }], fields);
    expect(crm.owners).toEqual([
      { id: '1', name: 'User 1', email: 'person8@example.test' },
      { id: '2', name: 'User 2', email: 'person9@example.test' },
    ]);
    expect(crm.sources).toEqual([
      { id: '1', name: 'Source 1' },
      { id: '2', name: 'Source 2' },
    ]);
    expect(crm.pipelines[0]!.stages).toEqual([{ id: '70', name: 'New', pipelineId: '7' }]);
  });

  it('names what is missing', () => {
    const users = qontakChatListSchema(qontakUserSchema).safeParse({ status: 'success', data: [{ full_name: 'No id' }] });
    expect(users.success).toBe(false);
    expect(users.error?.issues[0]).toMatchObject({ path: ['data', 0, 'id'], message: 'has no "id"' });
    expect(() => toCatalogSnapshot([], [{ id: 'u1', full_name: '  ', email: null, role: 'agent', is_online: null, sso_id: null, divisions: null }])).toThrow(/agent with id u1 has no name/);
    expect(() => toCrmCatalogSnapshot([], [{ name: 'creator_id', name_alias: 'Owner', dropdown: [] }])).toThrow(QontakCatalogError);
    expect(() => toCrmCatalogSnapshot([], [{ name: 'creator_id', name_alias: 'Owner', dropdown: [] }])).toThrow(/no Source field \(crm_source_id\)/);
    expect(() => toCrmCatalogSnapshot([], [{ name: 'creator_id', name_alias: 'Owner', dropdown: [{ id: null, name: 'Ghost' }] }, { name: 'crm_source_id', name_alias: 'Source', dropdown: [] }])).toThrow(/deal owner “Ghost” has no usable id/);
  });

  it('a stage listed under one pipeline but naming another known one is refused too', () => {
    const pipelines = [
      { pipeline: { id: '1', name: 'A', slug: null }, stages: [{ id: '10', name: 'Lead', pipeline_id: '2', crm_pipeline_id: null, order: null }] },
      { pipeline: { id: '2', name: 'B', slug: null }, stages: [] },
    ];
    const fields = [{ name: 'creator_id', name_alias: 'Owner', dropdown: [] }, { name: 'crm_source_id', name_alias: 'Source', dropdown: [] }];
    expect(() => toCrmCatalogSnapshot(pipelines, fields)).toThrow(/stage “Lead” \(id 10\) under pipeline “A”, but the stage names pipeline “B”/);
  });

  it('reads the three error forms', () => {
    expect(summarizeQontakError(answer('GET /qontak/chat/v1/divisions', '401'))).toEqual({ form: 'gateway', code: null, message: 'Unauthorized' });
    expect(summarizeQontakError({ status: 'error', error: { code: 422, messages: ['Record not found'] } })).toEqual({ form: 'chat', code: '422', message: 'Record not found' });
    expect(summarizeQontakError({ meta: { status: 400, error_code: 'invalid_sso_id', developer_message: 'Bad sso', message: 'Bad request' }, response: null })).toEqual({
      form: 'crm',
      code: 'invalid_sso_id',
      message: 'Bad request — Bad sso',
    });
    expect(summarizeQontakError('<html>')).toBeNull();
  });
});
