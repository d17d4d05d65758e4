import { EditorView } from '@codemirror/view';
import { forceLinting } from '@codemirror/lint';
import { getByRole } from './dom';

/**
 * Browsers queue `selectionchange` as a task, coalesce it, and fire it only when the selection
 * really moved; happy-dom fires it synchronously on every selection call, in the middle of the
 * CodeMirror update that moved the selection (which CodeMirror rightly refuses), and each editor
 * answering it sets the selection again. Behave as a browser does.
 */
const dispatchNow = document.dispatchEvent.bind(document);
let pending = false;
let last: unknown[] = [];
const selectionState = (): unknown[] => {
  const selection = document.getSelection();
  return selection ? [selection.anchorNode, selection.anchorOffset, selection.focusNode, selection.focusOffset] : [];
};
document.dispatchEvent = (event: Event): boolean => {
  if (event.type !== 'selectionchange') return dispatchNow(event);
  if (pending) return true;
  pending = true;
  setTimeout(() => {
    pending = false;
    const now = selectionState();
    if (now.length === last.length && now.every((part, index) => part === last[index])) return;
    last = now;
    dispatchNow(event);
  }, 0);
  return true;
};

/** The content element of the code editor labelled `name` (role textbox, aria-labelledby its label). */
export function getEditor(name: string): HTMLElement {
  return getByRole('textbox', name);
}

function viewOf(name: string): EditorView {
  const view = EditorView.findFromDOM(getEditor(name));
  if (!view) throw new Error(`No code editor labelled "${name}"`);
  return view;
}

/**
 * Replaces the editor's text as typing does (one user input transaction).
 */
export function typeInEditor(name: string, text: string): void {
  const view = viewOf(name);
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, userEvent: 'input.type' });
}

export function editorText(name: string): string {
  return viewOf(name).state.doc.toString();
}

/** Runs the editor's lint now instead of after its delay. */
export function lintNow(name: string): void {
  forceLinting(viewOf(name));
}
