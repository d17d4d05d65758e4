import { describe, expect, it } from 'vitest';
import { REDACTED, redactDeep, redactValues, stringLeaves } from '../../../shared/logic/redact-values';

describe('redacting known secret values from text a remote party wrote', () => {
  it('removes each value as sent, JSON-escaped and percent-encoded, longest first', () => {
    const secret = 'ab"c/d+e f';
    const text = `plain ${secret}; quoted ${JSON.stringify(secret)}; encoded ${encodeURIComponent(secret)}`;
    const out = redactValues(text, [secret]);
    expect(out).toBe(`plain ${REDACTED}; quoted "${REDACTED}"; encoded ${REDACTED}`);
    expect(redactValues('token-long-value', ['token', 'token-long-value'])).toBe(REDACTED);
  });

  it('leaves values shorter than four characters alone, and text without secrets as it is', () => {
    expect(redactValues('threshold must be at most 100', ['100', ''])).toBe('threshold must be at most 100');
    expect(redactValues('nothing here', ['zz-secret'])).toBe('nothing here');
  });

  it('redacts every string of a nested value, keys included, keeping its shape', () => {
    const details = { issues: [{ path: ['headers', 'key-zz-1'], message: 'value key-zz-1 refused' }], currentVersion: '7' };
    expect(redactDeep(details, ['key-zz-1'])).toEqual({ issues: [{ path: ['headers', REDACTED], message: `value ${REDACTED} refused` }], currentVersion: '7' });
  });

  it('finds the string leaves of a settings value', () => {
    expect(stringLeaves({ a: 'x1', b: { c: ['x2', 12345], d: true, e: null } })).toEqual(['x1', 'x2', '12345']);
  });
});
