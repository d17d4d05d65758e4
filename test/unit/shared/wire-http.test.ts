import { describe, expect, it } from 'vitest';
import { fillPath, formatEtag, parseEtag, parseIfMatch } from '../../../shared/wire/http';
import { wireError, wireErrorSchema } from '../../../shared/wire/errors';
import { wireVersionSchema } from '../../../shared/wire/resource';

describe('wire HTTP helpers', () => {
  it('formats and parses strong entity tags', () => {
    expect(formatEtag('12')).toBe('"12"');
    expect(parseEtag('"12"')).toBe('12');
    expect(parseEtag(' "a-1" ')).toBe('a-1');
    for (const bad of ['12', 'W/"12"', '"a b"', '""', '"x', null, undefined]) expect(parseEtag(bad)).toBeNull();
  });

  it('parses If-Match: *, lists of tags, and refuses weak or bare ones', () => {
    expect(parseIfMatch('*')).toEqual({ kind: 'any' });
    expect(parseIfMatch('"1", "2"')).toEqual({ kind: 'versions', versions: ['1', '2'] });
    expect(parseIfMatch('W/"1"')).toEqual({ kind: 'invalid' });
    expect(parseIfMatch('1')).toEqual({ kind: 'invalid' });
    expect(parseIfMatch('')).toEqual({ kind: 'invalid' });
  });

  it('fills and encodes path parameters, and refuses a missing one', () => {
    expect(fillPath('/crm/deal-settings/{id}', { id: 'a/b c' })).toBe('/crm/deal-settings/a%2Fb%20c');
    expect(() => fillPath('/crm/deal-settings/{id}', {})).toThrow(/id/);
  });

  it('versions are what an entity tag can carry', () => {
    expect(wireVersionSchema.safeParse('17').success).toBe(true);
    expect(wireVersionSchema.safeParse('a"b').success).toBe(false);
    expect(wireVersionSchema.safeParse('').success).toBe(false);
  });

  it('builds errors in the one documented shape', () => {
    const body = wireError('version_mismatch', 'Changed', { currentVersion: '3' });
    expect(wireErrorSchema.parse(body)).toEqual({ status: 'error', error: { code: 'version_mismatch', message: 'Changed', details: { currentVersion: '3' } } });
    expect(wireErrorSchema.safeParse({ status: 'error', error: { code: 'teapot', message: 'x' } }).success).toBe(false);
  });
});
