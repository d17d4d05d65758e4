import { EditorView, drawSelection, highlightActiveLine, keymap, lineNumbers, placeholder } from '@codemirror/view';
import type { Extension } from '@codemirror/state';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { json } from '@codemirror/lang-json';
import { linter, lintGutter, lintKeymap, type Diagnostic } from '@codemirror/lint';
import { parseJsonText } from '../../../shared/validation/json-text';
import { API_CONNECTION_LIMITS } from '../../../shared/schemas/api-connection-limits';

/**
 * Where typed JSON is malformed, as an editor diagnostic: the same parser (and so the same line
 * and column) as the validation. `message` turns the encoded validation message into text.
 */
export function jsonSyntaxDiagnostics(text: string, message: (encoded: string) => string): Diagnostic[] {
  if (text.trim() === '') return [];
  const parsed = parseJsonText(text, { maxChars: API_CONNECTION_LIMITS.jsonTextMax });
  if (parsed.ok) return [];
  const at = Math.min(parsed.error.offset ?? 0, text.length);
  // Past the end (an unclosed brace) the last character is marked, so that there is something to see.
  const from = at >= text.length ? Math.max(0, text.length - 1) : at;
  return [{ from, to: Math.min(text.length, from + 1), severity: 'error', message: message(parsed.error.message) }];
}

export interface JsonEditorOptions {
  placeholder: string;
  /** Read at each lint, so that a language switch applies to the next one. */
  lintMessage: () => (encoded: string) => string;
}

/**
 * A JSON editor: highlighting, bracket matching, undo, and lint from the shared parser. Tab is
 * deliberately not bound (no indentWithTab): it moves the focus on, so the editor never traps
 * the keyboard.
 */
export function jsonEditorExtensions(options: JsonEditorOptions): Extension[] {
  return [
    lineNumbers(),
    history(),
    drawSelection(),
    highlightActiveLine(),
    indentOnInput(),
    bracketMatching(),
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    json(),
    keymap.of([...defaultKeymap, ...historyKeymap, ...lintKeymap]),
    linter((view) => jsonSyntaxDiagnostics(view.state.doc.toString(), options.lintMessage()), { delay: 250 }),
    lintGutter(),
    placeholder(options.placeholder),
    EditorView.lineWrapping,
  ];
}
