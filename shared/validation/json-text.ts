import { encodeIssueMessage } from './issue-message';

/**
 * JSON typed by a person (Settings, Headers, Token are edited as text). `JSON.parse` does the
 * parsing; when it refuses, a small scanner finds where, because engines word and place their
 * errors differently and the editor needs a line and column it can mark.
 */
export interface JsonTextError {
  kind: 'empty' | 'tooLarge' | 'tooDeep' | 'syntax';
  /** An encoded validation message (`json.syntax {"line":2,"column":5}` ...). */
  message: string;
  /** 1-based; for `syntax` only. Columns count UTF-16 code units, as editors do. */
  line?: number;
  column?: number;
  /** 0-based offset into the text; for `syntax` only. */
  offset?: number;
}

export type JsonTextResult = { ok: true; value: unknown } | { ok: false; error: JsonTextError };

/** Nesting (objects and arrays inside each other) any JSON text from outside may have at most. */
export const JSON_TEXT_DEPTH_MAX = 256;

/**
 * Parses JSON from outside the app. The nesting is bounded (`maxDepth`, default JSON_TEXT_DEPTH_MAX)
 * and checked on the text before parsing, so no later recursive walk of the value (a schema, a
 * search, JSON.stringify) can overflow the stack.
 */
export function parseJsonText(text: string, options: { maxChars?: number; maxDepth?: number } = {}): JsonTextResult {
  if (options.maxChars !== undefined && text.length > options.maxChars) {
    return { ok: false, error: { kind: 'tooLarge', message: encodeIssueMessage('json.tooLarge', { max: options.maxChars }) } };
  }
  if (text.trim().length === 0) return { ok: false, error: { kind: 'empty', message: 'json.empty' } };
  const maxDepth = options.maxDepth ?? JSON_TEXT_DEPTH_MAX;
  if (jsonTextDepthExceeds(text, maxDepth)) {
    return { ok: false, error: { kind: 'tooDeep', message: encodeIssueMessage('json.tooDeep', { max: maxDepth }) } };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    const offset = locateJsonSyntaxError(text) ?? text.length;
    const { line, column } = lineAndColumn(text, offset);
    const key = offset >= text.length ? 'json.unexpectedEnd' : 'json.syntax';
    return { ok: false, error: { kind: 'syntax', message: encodeIssueMessage(key, { line, column }), line, column, offset } };
  }
}

/**
 * True when the brackets of `text` (outside strings) nest more than `maxDepth` deep. One pass,
 * no recursion and no parsing: it works on malformed text too (the parser reports that).
 */
export function jsonTextDepthExceeds(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/** 1-based line and column of an offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const SIMPLE_ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const HEX = /^[0-9a-fA-F]$/;
const DIGIT = /^[0-9]$/;

type Scan = { next: number } | { error: number };

/**
 * Offset of the first character that makes `text` invalid JSON (RFC 8259), or null if it is valid.
 * Iterative, so deeply nested input cannot overflow the stack.
 */
export function locateJsonSyntaxError(text: string): number | null {
  const n = text.length;
  const stack: string[] = [];
  let state: 'value' | 'firstValueOrEnd' | 'firstKeyOrEnd' | 'key' | 'colon' | 'afterValue' = 'value';
  let i = 0;
  for (;;) {
    while (i < n && WHITESPACE.has(text[i] as string)) i++;
    if (i >= n) return state === 'afterValue' && stack.length === 0 ? null : n;
    const ch = text[i] as string;
    switch (state) {
      case 'firstValueOrEnd':
        if (ch === ']') {
          stack.pop();
          i++;
          state = 'afterValue';
        } else state = 'value';
        break;
      case 'firstKeyOrEnd':
        if (ch === '}') {
          stack.pop();
          i++;
          state = 'afterValue';
        } else state = 'key';
        break;
      case 'key': {
        if (ch !== '"') return i;
        const scan = scanString(text, i);
        if ('error' in scan) return scan.error;
        i = scan.next;
        state = 'colon';
        break;
      }
      case 'colon':
        if (ch !== ':') return i;
        i++;
        state = 'value';
        break;
      case 'value': {
        if (ch === '{' || ch === '[') {
          stack.push(ch);
          i++;
          state = ch === '{' ? 'firstKeyOrEnd' : 'firstValueOrEnd';
          break;
        }
        const scan = ch === '"' ? scanString(text, i) : ch === '-' || DIGIT.test(ch) ? scanNumber(text, i) : scanLiteral(text, i);
        if ('error' in scan) return scan.error;
        i = scan.next;
        state = 'afterValue';
        break;
      }
      case 'afterValue': {
        const top = stack[stack.length - 1];
        if (top === undefined) return i; // something after the complete value
        if (ch === ',') {
          i++;
          state = top === '{' ? 'key' : 'value';
        } else if ((top === '{' && ch === '}') || (top === '[' && ch === ']')) {
          stack.pop();
          i++;
        } else return i;
        break;
      }
    }
  }
}

function scanString(text: string, start: number): Scan {
  let j = start + 1;
  for (;;) {
    if (j >= text.length) return { error: text.length };
    const c = text[j] as string;
    if (c === '"') return { next: j + 1 };
    if (c === '\\') {
      const e = text[j + 1];
      if (e === undefined) return { error: text.length };
      if (SIMPLE_ESCAPES.has(e)) j += 2;
      else if (e === 'u') {
        for (let k = j + 2; k < j + 6; k++) {
          const h = text[k];
          if (h === undefined) return { error: text.length };
          if (!HEX.test(h)) return { error: k };
        }
        j += 6;
      } else return { error: j + 1 };
    } else if (c.charCodeAt(0) < 0x20) return { error: j };
    else j++;
  }
}

function scanNumber(text: string, start: number): Scan {
  let j = start;
  const digit = (k: number) => DIGIT.test(text[k] ?? '');
  if (text[j] === '-') j++;
  if (text[j] === '0') j++;
  else if (digit(j)) while (digit(j)) j++;
  else return { error: j };
  if (text[j] === '.') {
    j++;
    if (!digit(j)) return { error: j };
    while (digit(j)) j++;
  }
  if (text[j] === 'e' || text[j] === 'E') {
    j++;
    if (text[j] === '+' || text[j] === '-') j++;
    if (!digit(j)) return { error: j };
    while (digit(j)) j++;
  }
  return { next: j };
}

function scanLiteral(text: string, start: number): Scan {
  for (const word of ['true', 'false', 'null']) {
    if (text[start] !== word[0]) continue;
    for (let k = 1; k < word.length; k++) {
      if (text[start + k] !== word[k]) return { error: Math.min(start + k, text.length) };
    }
    return { next: start + word.length };
  }
  return { error: start };
}
