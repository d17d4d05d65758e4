import { clipboard } from 'electron';
import type { Clipboard } from '../core/change-sheet/clipboard';

/** Electron's system clipboard for the change sheet's Copy: cleared after the given time if it still holds the value. */
export function createElectronClipboard(): Clipboard {
  return {
    writeSecret(text, clearAfterMs) {
      void clipboard.writeText(text);
      setTimeout(() => {
        void Promise.resolve(clipboard.readText()).then((current) => {
          if (current === text) clipboard.clear();
        });
      }, clearAfterMs).unref?.();
      return Promise.resolve();
    },
  };
}
