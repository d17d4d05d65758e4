import { describe, expect, it } from 'vitest';
import { testConnectionPathSchema } from '../../../shared/schemas/api-connection-test';
import { decodeIssueMessage } from '../../../shared/validation/issue-message';

describe('testConnectionPathSchema', () => {
  it.each(['', '/', '/v1/status', '/search?q=a&b=1', '/%20x'])('accepts %j', (path) => {
    expect(testConnectionPathSchema.safeParse(path).success).toBe(true);
  });

  it.each(['v1/status', '//evil.example/x', '@evil.example', 'https://evil.example', '/a b', '/a#b', '/a\\b', '/a\r\nX: y'])('refuses %j', (path) => {
    const result = testConnectionPathSchema.safeParse(path);
    expect(result.success ? null : result.error.issues[0]?.message).toBe('apiConnection.testPath.invalid');
  });

  it('bounds its length', () => {
    const result = testConnectionPathSchema.safeParse(`/${'a'.repeat(3000)}`);
    expect(result.success ? null : decodeIssueMessage(result.error.issues[0]?.message ?? '').key).toBe('apiConnection.testPath.tooLong');
  });
});
