import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { acceptsNoObject, schemaOpenParts } from '../../../electron/core/transfer/schema-open-parts';
import { exportedTenantSchema } from '../../../shared/schemas/export-document';

const noBadKey = () => false;

describe('what a schema leaves open to the walk of an import file', () => {
  it('an export file tenant: its preprocessed URL and the reference names’ records, six levels at most', () => {
    expect(schemaOpenParts(exportedTenantSchema, noBadKey)).toEqual({
      open: [['backendUrl'], ['referenceNames', 'divisions'], ['referenceNames', 'agents']],
      depth: 5,
    });
  });

  it('records and unknown values under arrays are open for every item', () => {
    const schema = z.object({ list: z.array(z.object({ extra: z.record(z.string()), any: z.unknown() }).strict()) }).strict();
    expect(schemaOpenParts(schema, noBadKey)).toEqual({ open: [['list', '*', 'extra'], ['list', '*', 'any']], depth: 3 });
  });

  it('cannot vouch for an object that lets unknown keys through, or for a fixed key the walk reports', () => {
    expect(schemaOpenParts(z.object({ a: z.string() }), noBadKey)).toBeNull();
    expect(schemaOpenParts(z.object({ a: z.object({ b: z.string() }).passthrough() }).strict(), noBadKey)).toBeNull();
    expect(schemaOpenParts(z.object({ password: z.string() }).strict(), (key) => key === 'password')).toBeNull();
    expect(schemaOpenParts(z.object({ a: z.union([z.string(), z.number()]) }).strict(), noBadKey)).toBeNull();
  });

  it('tells a schema that accepts no plain object', () => {
    expect(acceptsNoObject(z.array(z.object({ name: z.string() })).nullable())).toBe(true);
    expect(acceptsNoObject(z.string().optional())).toBe(true);
    expect(acceptsNoObject(z.record(z.string()))).toBe(false);
    expect(acceptsNoObject(z.object({}).strict())).toBe(false);
    expect(acceptsNoObject(z.preprocess((value) => value, z.string()))).toBe(false);
  });
});
