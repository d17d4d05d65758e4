import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lineAndColumn, locateJsonSyntaxError, parseJsonText } from '../../../shared/validation/json-text';
import { decodeIssueMessage } from '../../../shared/validation/issue-message';

describe('parseJsonText', () => {
  it('returns the value of valid JSON', () => {
    expect(parseJsonText('{"owner_email":"sandbox@qontak.com"}')).toEqual({ ok: true, value: { owner_email: 'sandbox@qontak.com' } });
  });

  it.each([
    ['{\n  "a": 1,\n}', 3, 1, 'json.syntax'],
    ['{"a" 1}', 1, 6, 'json.syntax'],
    ["{'a': 1}", 1, 2, 'json.syntax'],
    ['{"a": tru}', 1, 10, 'json.syntax'],
    ['{"a": 01}', 1, 8, 'json.syntax'],
    ['{"a": "x\\q"}', 1, 10, 'json.syntax'],
    ['{"a": "\\u12G4"}', 1, 12, 'json.syntax'],
    ['[1, 2] x', 1, 8, 'json.syntax'],
    ['{"a": [1, 2}', 1, 12, 'json.syntax'],
    ['{\n  "a": "unterminated', 2, 21, 'json.unexpectedEnd'],
    ['{"a": {"b": [', 1, 14, 'json.unexpectedEnd'],
  ])('%j fails at line %i, column %i', (text, line, column, key) => {
    const result = parseJsonText(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ kind: 'syntax', line, column });
    expect(decodeIssueMessage(result.error.message)).toEqual({ key, params: { line, column } });
  });

  it('says empty for blank text and too large beyond maxChars', () => {
    expect(parseJsonText('  \n ')).toEqual({ ok: false, error: { kind: 'empty', message: 'json.empty' } });
    const big = parseJsonText('"' + 'x'.repeat(100) + '"', { maxChars: 50 });
    expect(big.ok ? null : decodeIssueMessage(big.error.message)).toEqual({ key: 'json.tooLarge', params: { max: 50 } });
  });

  it('locates errors in deeply nested input without overflowing the stack', () => {
    expect(locateJsonSyntaxError('['.repeat(200_000))).toBe(200_000);
  });

  it('lineAndColumn counts from 1', () => {
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});

describe('locateJsonSyntaxError agrees with JSON.parse', () => {
  const accepts = (text: string) => {
    try {
      JSON.parse(text);
      return true;
    } catch {
      return false;
    }
  };

  it('finds no error in any serialized JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined);
        expect(locateJsonSyntaxError(text)).toBeNull();
        expect(parseJsonText(text)).toEqual({ ok: true, value: JSON.parse(text) });
      }),
    );
  });

  it('finds an error exactly when JSON.parse refuses, on mutated JSON', () => {
    const alphabet = fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '\\', 'u', '0', '1', '-', '.', 'e', 't', 'n', ' ', '\n', 'a');
    fc.assert(
      fc.property(fc.json(), fc.nat(), alphabet, fc.boolean(), (json, at, ch, insert) => {
        const i = json.length === 0 ? 0 : at % json.length;
        const text = insert ? json.slice(0, i) + ch + json.slice(i) : json.slice(0, i) + json.slice(i + 1);
        expect(locateJsonSyntaxError(text) === null).toBe(accepts(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('reports the first offset after which no continuation could be valid', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), (json, at) => {
        const cut = json.slice(0, at % (json.length + 1));
        const offset = locateJsonSyntaxError(cut);
        // A prefix of valid JSON is never wrong before its end.
        if (offset !== null) expect(offset).toBe(cut.length);
      }),
    );
  });
});
