import { RpcError } from '../../../shared/rpc/rpc-error';

/**
 * Where `Copy` on a change sheet's secret line puts the value: the system clipboard of the
 * machine the core runs on. Electron's main process gives its clipboard; the headless host uses
 * xclip or xsel when there is an X display; otherwise copying is refused with CLIPBOARD_UNAVAILABLE.
 */
export interface Clipboard {
  /** Puts `text` on the clipboard and clears it after `clearAfterMs` if it still holds `text`. */
  writeSecret(text: string, clearAfterMs: number): Promise<void>;
}

/** No clipboard here: says where Copy works. */
export const UNAVAILABLE_CLIPBOARD: Clipboard = {
  writeSecret: () => Promise.reject(clipboardUnavailable('this computer has no clipboard the app can use')),
};

export function clipboardUnavailable(why: string): RpcError {
  return new RpcError('CLIPBOARD_UNAVAILABLE', `Copy is not available here (${why}). Copy works in the desktop app; in the browser, open the API connection and copy the value from its form.`);
}
