import { describe, expect, it } from 'vitest';
import { storedBackendUrlProblem, tenantCreateInputSchema, tenantUpdateInputSchema } from '../../../shared/schemas/tenant';
import { baseUrlProblem } from '../../../shared/schemas/api-connection';
import { apiConnectionFormSchema } from '../../../shared/schemas/api-connection';
import { jsonTextDepthExceeds, parseJsonText } from '../../../shared/validation/json-text';
import { findJsonShapeProblem } from '../../../shared/validation/json-value';
import { isReservedKey } from '../../../shared/validation/reserved-keys';

const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) => (result.success ? [] : result.error!.issues.map((i) => i.message));

describe('the tenant’s Backend URL follows the Base URL rule (https; http only for loopback)', () => {
  it('refuses plain http to another host, in create and update', () => {
    expect(messages(tenantCreateInputSchema.safeParse({ name: 'PT A', backendUrl: 'http://backend.example/api/open/v1' }))).toEqual(['tenant.backendUrl.insecure']);
    expect(messages(tenantUpdateInputSchema.safeParse({ id: '00000000-0000-4000-8000-000000000000', backendUrl: 'http://10.0.0.5/api' }))).toContain('tenant.backendUrl.insecure');
  });

  it('accepts https anywhere and http on loopback (the sandbox)', () => {
    for (const url of ['https://service-chat.qontak.com/api/open/v1', 'http://127.0.0.1:4010/api/open/v1', 'http://localhost:8080', 'http://[::1]:9/x']) {
      expect(messages(tenantCreateInputSchema.safeParse({ name: 'PT A', backendUrl: url })), url).toEqual([]);
    }
  });

  it('says the same as the API connection’s Base URL for the same URL', () => {
    for (const url of ['http://backend.example', 'https://u:p@backend.example', 'https://backend.example/#x', 'ftp://backend.example', 'https://back end.example']) {
      expect(storedBackendUrlProblem(url)?.replace('tenant.backendUrl', 'X'), url).toBe(baseUrlProblem(url)?.replace('apiConnection.baseUrl', 'X'));
    }
  });

  it('tells a stored http URL what to change; a stored loopback or https URL has no problem', () => {
    expect(storedBackendUrlProblem('http://backend.example/api/open/v1')).toBe('tenant.backendUrl.insecure');
    expect(storedBackendUrlProblem('http://127.0.0.1:4010/api/open/v1')).toBeNull();
    expect(storedBackendUrlProblem('https://backend.example')).toBeNull();
  });
});

describe('deeply nested JSON is refused before anything walks it', () => {
  const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;

  it('measures nesting on the text, ignoring brackets inside strings', () => {
    expect(jsonTextDepthExceeds(deep(3), 3)).toBe(false);
    expect(jsonTextDepthExceeds(deep(4), 3)).toBe(true);
    expect(jsonTextDepthExceeds('{"a":"[[[[[[\\"[[["}', 1)).toBe(false);
  });

  it('gives a typed "too deep" result for 400,000 levels, without overflowing the stack', () => {
    const text = `{"a":${'{"b":'.repeat(400_000)}1${'}'.repeat(400_000)}}`;
    const result = parseJsonText(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toEqual({ kind: 'tooDeep', message: 'json.tooDeep {"max":256}' });
  });

  it('refuses Settings text nested deeper than the Settings bound', () => {
    const form = { name: 'A', description: 'B', code: 'C', baseUrl: 'https://a.example', headers: '', token: '' };
    const result = apiConnectionFormSchema.safeParse({ ...form, settings: `{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}` });
    expect(messages(result)).toEqual(['json.tooDeep {"max":32}']);
  });

  it('walks a parsed value with an explicit stack: depth and reserved keys with their path', () => {
    let value: unknown = 1;
    for (let i = 0; i < 200_000; i++) value = { k: value };
    expect(findJsonShapeProblem(value, 16, isReservedKey)).toEqual({ kind: 'tooDeep', path: Array(16).fill('k') });
    expect(findJsonShapeProblem(JSON.parse('{"a":[{"b":1},{"constructor":2}]}'), 16, isReservedKey)).toEqual({ kind: 'reservedKey', key: 'constructor', path: ['a', 1, 'constructor'] });
    expect(findJsonShapeProblem({ a: [1, { b: 'x' }] }, 16, isReservedKey)).toBeNull();
  });
});
