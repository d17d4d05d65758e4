import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { OPENAPI_PATH, renderOpenApiDocument } from '../../../scripts/openapi/generate';
import { WIRE_ROUTES, WIRE_ROUTE_KEYS } from '../../../shared/wire/routes';

/** The published document: valid OpenAPI 3.1, and exactly what the shared schemas generate. */
describe('api/openapi.json', () => {
  const committed = readFileSync(OPENAPI_PATH, 'utf8');

  it('is up to date with shared/wire and the domain schemas (run: npx tsx scripts/openapi/generate.ts)', () => {
    expect(renderOpenApiDocument() === committed).toBe(true);
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(JSON.parse(committed) as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('has every route, with its security and preconditions', () => {
    const doc = JSON.parse(committed) as { paths: Record<string, Record<string, { operationId: string; security: unknown[]; parameters?: { name: string }[] }>> };
    for (const key of WIRE_ROUTE_KEYS) {
      const route = WIRE_ROUTES[key];
      const op = doc.paths[route.path]?.[route.method.toLowerCase()];
      expect(op?.operationId, key).toBe(key);
      expect(op!.security.length > 0, key).toBe(route.auth);
      const params = (op!.parameters ?? []).map((p) => p.name);
      if ('ifMatch' in route) expect(params, key).toContain('If-Match');
      if ('idempotencyKey' in route) expect(params, key).toContain('Idempotency-Key');
    }
  });
});
