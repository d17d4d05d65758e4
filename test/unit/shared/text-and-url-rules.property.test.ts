import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isLoopbackHost, secureUrlProblem } from '../../../shared/schemas/url';
import { hasControlCharacter } from '../../../shared/validation/control-characters';
import { encodeIssueMessage } from '../../../shared/validation/issue-message';
import { codePointLabel, loneSurrogateIndex, textProblem, type TextRuleOptions } from '../../../shared/validation/text-rule';

// The rules as they read every text through the URL parser and Unicode property classes: the
// shared rules answer the same for every text, with a shortcut for plain ASCII.

function urlProblemByParser(value: string, keyPrefix: string, max: number): string | null {
  if (value.length === 0) return `${keyPrefix}.required`;
  if (value.length > max) return encodeIssueMessage(`${keyPrefix}.tooLong`, { max });
  if (/\s/.test(value) || hasControlCharacter(value)) return `${keyPrefix}.invalid`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${keyPrefix}.invalid`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `${keyPrefix}.protocol`;
  if (url.hostname === '') return `${keyPrefix}.invalid`;
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) return `${keyPrefix}.insecure`;
  if (url.username !== '' || url.password !== '') return `${keyPrefix}.credentials`;
  if (value.includes('#')) return `${keyPrefix}.fragment`;
  return null;
}

const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;
const VISIBLE = /[^\p{White_Space}\p{Default_Ignorable_Code_Point}]/u;

function textProblemByClasses(text: string, options: TextRuleOptions): string | null {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const control = !(options.multiline && (c === 0x0a || c === 0x09)) && (c < 0x20 || (c >= 0x7f && c <= 0x9f));
    if (control) return encodeIssueMessage(options.multiline ? 'text.control.multiline' : 'text.control', { char: codePointLabel(c) });
  }
  const lone = loneSurrogateIndex(text);
  if (lone !== -1) return encodeIssueMessage('text.surrogate', { char: codePointLabel(text.charCodeAt(lone)) });
  const bidi = BIDI_CONTROLS.exec(text);
  if (bidi) return encodeIssueMessage('text.bidi', { char: codePointLabel(bidi[0].charCodeAt(0)) });
  if (text.length === 0) return options.allowEmpty ? null : 'text.empty';
  if (!VISIBLE.test(text)) return 'text.invisible';
  return null;
}

/** Pieces of URLs, good and bad: schemes, hosts that are numbers or punycode, ports, credentials, fragments, space and controls. */
const URL_PIECES = [
  'https://', 'http://', 'HTTPS://', 'https:', '//', 'ftp://', 'a', 'Z', 'q', '0', '7', '9', '-', '.', '..', ':', '/', '?', '#', '@', '%', '%zz',
  '\\', ' ', '\t', '\n', '\u0000', '\u007f', '\u00a0', '\u2028', 'é', 'ß', '\u212a', '[', ']', '[::1]', 'localhost', '127.0.0.1', '0x1f', '1.2.3.4',
  '999', '65536', '99999', 'xn--', 'XN--', 'xn--nxasmq6b', 'xn--a', 'user:pw@', 'example', 'com', '~', '!', '$', "'", '=', '&', '"', '<', '`',
];
const urlLike = fc.array(fc.constantFrom(...URL_PIECES), { maxLength: 14 }).map((pieces) => pieces.join(''));
const label = fc.stringMatching(/^[A-Za-z0-9-]{1,8}$/);
const httpsUrl = fc
  .tuple(fc.array(label, { minLength: 1, maxLength: 4 }), fc.option(fc.integer({ min: 0, max: 99999 })), fc.array(fc.constantFrom(...URL_PIECES), { maxLength: 6 }))
  .map(([labels, port, rest]) => `https://${labels.join('.')}${port === null ? '' : `:${port}`}${rest.length ? `/${rest.join('')}` : ''}`);

/** Characters of names and messages: ASCII, white space and controls, invisible and bidi characters, surrogates, other scripts. */
const TEXT_UNITS = [
  'a', 'Z', '0', ' ', '!', '~', '\t', '\n', '\r', '\u0000', '\u001f', '\u007f', '\u0085', '\u009f', '\u00a0', '\u00ad', '\u200b', '\u200d', '\u2028',
  '\u202e', '\u2066', '\u3000', '\ufeff', '\ud83d', '\ude00', '\ud83d\ude80', 'é', '東', 'م',
];
const textLike = fc.oneof(fc.array(fc.constantFrom(...TEXT_UNITS), { maxLength: 10 }).map((units) => units.join('')), fc.string({ unit: 'binary', maxLength: 10 }), fc.string());

describe('the shared URL rule', () => {
  it('answers as the URL parser does for every text', () => {
    fc.assert(
      fc.property(fc.oneof(urlLike, httpsUrl, fc.string({ unit: 'binary', maxLength: 40 })), fc.integer({ min: 5, max: 60 }), (value, max) => {
        expect(secureUrlProblem(value, 'u', max)).toBe(urlProblemByParser(value, 'u', max));
        expect(secureUrlProblem(value, 'u')).toBe(urlProblemByParser(value, 'u', 2048));
      }),
      { numRuns: 20_000 },
    );
  });

  it('accepts plain https URLs and refuses the ones the parser refuses', () => {
    expect(secureUrlProblem('https://chat-1.tenants.example/api/open/v1?x=1', 'u')).toBeNull();
    expect(secureUrlProblem('https://api.example.com:8443', 'u')).toBeNull();
    expect(secureUrlProblem('https://1.2.3.999/x', 'u')).toBe('u.invalid');
    expect(secureUrlProblem('https://xn--a.example/', 'u')).toBe(urlProblemByParser('https://xn--a.example/', 'u', 2048));
    expect(secureUrlProblem('https://example.com:99999', 'u')).toBe('u.invalid');
    expect(secureUrlProblem('https://example.com/#top', 'u')).toBe('u.fragment');
  });
});

describe('the shared rule for user-visible text', () => {
  it('answers as the Unicode classes do for every text, single- and multi-line, empty allowed or not', () => {
    fc.assert(
      fc.property(textLike, fc.boolean(), fc.boolean(), (text, multiline, allowEmpty) => {
        expect(textProblem(text, { multiline, allowEmpty })).toBe(textProblemByClasses(text, { multiline, allowEmpty }));
      }),
      { numRuns: 20_000 },
    );
  });
});
