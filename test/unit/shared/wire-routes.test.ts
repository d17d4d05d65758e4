import { describe, expect, it } from 'vitest';
import { WIRE_ROUTES, WIRE_ROUTE_KEYS, successBodySchema } from '../../../shared/wire/routes';
import { aiResponseResourceSchema, apiConnectionResourceSchema } from '../../../shared/wire/settings';
import { wirePipelineListSchema, dealSettingResourceSchema } from '../../../shared/wire/crm';
import { tokenRequestSchema } from '../../../shared/wire/oauth';
import { AI_RESPONSE_DEFAULT } from '../../../shared/schemas/ai-response';

describe('wire routes and schemas', () => {
  it('has one route per method and path, writes guarded by If-Match, creations by Idempotency-Key', () => {
    const seen = new Set<string>();
    for (const key of WIRE_ROUTE_KEYS) {
      const route = WIRE_ROUTES[key];
      const id = `${route.method} ${route.path}`;
      expect(seen.has(id), id).toBe(false);
      seen.add(id);
      if (route.method === 'PUT' || route.method === 'DELETE') expect('ifMatch' in route && route.ifMatch, id).toBe(true);
      if (route.method === 'POST' && key !== 'oauthToken') expect('idempotencyKey' in route && route.idempotencyKey, id).toBe(true);
    }
  });

  it('parses resources with the shared domain schemas: a value breaking a domain rule is refused', () => {
    const resource = { version: '1', updatedAt: '2026-01-01T00:00:00.000Z', value: AI_RESPONSE_DEFAULT };
    expect(aiResponseResourceSchema.safeParse(resource).success).toBe(true);
    expect(aiResponseResourceSchema.safeParse({ ...resource, value: { ...AI_RESPONSE_DEFAULT, threshold: 0 } }).success).toBe(false);
    expect(aiResponseResourceSchema.safeParse({ ...resource, extra: 1 }).success).toBe(false);
    const connection = { name: 'n', description: 'd', code: 'C', baseUrl: 'https://x.test', settings: { a: 1 }, headers: { h: 'v' }, token: null };
    const parsed = apiConnectionResourceSchema.parse({ ...resource, id: 'c1', createdAt: resource.updatedAt, value: connection });
    expect(parsed.value.settings).toEqual({ a: 1 }); // secrets travel on the wire
    expect(dealSettingResourceSchema.safeParse({ ...resource, id: 'd1', createdAt: resource.updatedAt, value: { botResponseId: 'b', enabled: true } }).success).toBe(false);
  });

  it('refuses a pipeline list with a stage whose pipeline does not exist, and duplicate ids in lists', () => {
    expect(wirePipelineListSchema.safeParse([{ id: 'p', name: 'P', stages: [{ id: 's', name: 'S', pipelineId: 'p' }] }]).success).toBe(true);
    const broken = wirePipelineListSchema.safeParse([{ id: 'p', name: 'P', stages: [{ id: 's', name: 'S', pipelineId: 'q' }] }]);
    expect(broken.error?.issues[0]).toMatchObject({ path: [0, 'stages', 0, 'pipelineId'] });
    const owners = successBodySchema('listOwners')!;
    expect(owners.safeParse({ status: 'success', data: [{ id: 'o', name: 'A' }, { id: 'o', name: 'B' }] }).success).toBe(false);
  });

  it('token requests: password or refresh grant, nothing else', () => {
    expect(tokenRequestSchema.safeParse({ grant_type: 'password', username: 'u', password: 'p' }).success).toBe(true);
    expect(tokenRequestSchema.safeParse({ grant_type: 'refresh_token', refresh_token: 'r' }).success).toBe(true);
    expect(tokenRequestSchema.safeParse({ grant_type: 'password', username: 'u' }).success).toBe(false);
    expect(tokenRequestSchema.safeParse({ grant_type: 'client_credentials' }).success).toBe(false);
  });
});
