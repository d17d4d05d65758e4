import { dialog, type BrowserWindow, type MessageBoxOptions } from 'electron';

/** Chromium's net error for a load replaced by another one (a reload, a navigation): not a failure. */
const ERR_ABORTED = -3;

export interface WindowRecoveryDeps {
  /** Where the event is written down (the app's redacted log). */
  warn(scope: string, message: string): void;
  /** Asks the user; answers the index of the button chosen. Defaults to Electron's message box. */
  ask?(win: BrowserWindow, options: MessageBoxOptions): Promise<number>;
}

const askWithDialog = async (win: BrowserWindow, options: MessageBoxOptions): Promise<number> => (await dialog.showMessageBox(win, options)).response;

/**
 * The window's page can go away under the user: its renderer process crashes or is killed (out of
 * memory, say), or the app's page fails to load. Instead of a blank or never-shown window, the user
 * is told what happened and chooses Reload (drafts are saved in the store a moment after typing
 * stops, so the page comes back with at most that moment's typing missing) or Close.
 * A window whose first load failed is shown, so that the message has a window to belong to.
 */
export function watchWindowHealth(win: BrowserWindow, deps: WindowRecoveryDeps): void {
  const ask = deps.ask ?? askWithDialog;
  let asking = false;
  const offerReload = (message: string, detail: string): void => {
    if (asking || win.isDestroyed()) return;
    asking = true;
    if (!win.isVisible()) win.show();
    const options: MessageBoxOptions = { type: 'error', title: 'Chatbot Settings', message, detail, buttons: ['Reload', 'Close'], defaultId: 0, cancelId: 1, noLink: true };
    void ask(win, options)
      .then((choice) => {
        if (win.isDestroyed()) return;
        if (choice === 0) win.webContents.reload();
        else win.close();
      })
      .catch(() => undefined)
      .finally(() => {
        asking = false;
      });
  };

  win.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return;
    deps.warn('window', `The window's page stopped (${details.reason}, exit code ${details.exitCode}).`);
    const why = details.reason === 'oom' ? 'ran out of memory' : details.reason === 'killed' ? 'was stopped by the system' : 'stopped unexpectedly';
    offerReload(`The window ${why}.`, 'Your drafts are saved as you type. Reload the window to go on from them.');
  });

  win.webContents.on('did-fail-load', (_event, errorCode, errorDescription, _url, isMainFrame) => {
    if (!isMainFrame || errorCode === ERR_ABORTED) return;
    deps.warn('window', `The app's page did not load (${errorCode} ${errorDescription}).`);
    offerReload('The app’s window could not load.', `${errorDescription} (${errorCode}). Reload to try again; if it keeps failing, reinstall the app.`);
  });
}
