import { encodeIssueMessage } from './issue-message';

/**
 * The one rule for every user-visible name and message (tenant names, tags, messages sent to
 * customers, API connection names and descriptions, deal names, catalog names as stored):
 * - no control character (C0, DEL, C1); a multi-line text may hold newline and tab;
 * - no lone (unpaired) UTF-16 surrogate: it is not a character and breaks encoders;
 * - no bidi embedding, override or isolate character (U+202A–U+202E, U+2066–U+2069): they make a
 *   name read differently from what it is;
 * - not empty once invisible characters (white space and Unicode's default-ignorable code points:
 *   zero-width space, joiners, word joiner, byte order mark, …) are removed, unless empty is allowed.
 * Problems are encoded message keys (`text.control {"char":"U+0000"}` …) naming the character.
 */
export interface TextRuleOptions {
  /** Newline and tab are allowed (a message, a description). */
  multiline: boolean;
  /** The empty text is allowed (an optional message); one made only of invisible characters never is. */
  allowEmpty?: boolean;
}

const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;
const INVISIBLE = /[\p{White_Space}\p{Default_Ignorable_Code_Point}]/gu;
/** One character a reader sees: anything but INVISIBLE's. */
const VISIBLE = /[^\p{White_Space}\p{Default_Ignorable_Code_Point}]/u;

/** `U+200B` for a UTF-16 code unit. */
export function codePointLabel(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

function isControl(code: number, multiline: boolean): boolean {
  if (multiline && (code === 0x0a || code === 0x09)) return false;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

/** Index of the first UTF-16 code unit that is a surrogate without its pair, or -1. */
export function loneSurrogateIndex(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return i;
    } else if (c >= 0xdc00 && c <= 0xdfff) return i;
  }
  return -1;
}

/** The text without white space and invisible characters (what a reader actually sees). */
export function visibleText(text: string): string {
  return text.replace(INVISIBLE, '');
}

/**
 * The rule's answer for a text of printable ASCII (U+0020–U+007E; in a multi-line text also tab
 * and newline), read in one pass: none of these is a control, surrogate or bidi character, and
 * among them only space, tab and newline are invisible. Undefined when another character is met:
 * the whole rule then reads the text (textProblem).
 */
function printableAsciiProblem(text: string, options: TextRuleOptions): string | null | undefined {
  let visible = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x20 && c < 0x7f) visible = true;
    else if (c !== 0x20 && !(options.multiline && (c === 0x0a || c === 0x09))) return undefined;
  }
  if (visible) return null;
  if (text.length === 0) return options.allowEmpty ? null : 'text.empty';
  return 'text.invisible';
}

/** The first problem of `text` under the rule, as an encoded message key, or null. */
export function textProblem(text: string, options: TextRuleOptions): string | null {
  const ascii = printableAsciiProblem(text, options);
  if (ascii !== undefined) return ascii;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isControl(c, options.multiline)) {
      return encodeIssueMessage(options.multiline ? 'text.control.multiline' : 'text.control', { char: codePointLabel(c) });
    }
  }
  const lone = loneSurrogateIndex(text);
  if (lone !== -1) return encodeIssueMessage('text.surrogate', { char: codePointLabel(text.charCodeAt(lone)) });
  const bidi = BIDI_CONTROLS.exec(text);
  if (bidi) return encodeIssueMessage('text.bidi', { char: codePointLabel(bidi[0].charCodeAt(0)) });
  if (text.length === 0) return options.allowEmpty ? null : 'text.empty';
  if (!VISIBLE.test(text)) return 'text.invisible';
  return null;
}
