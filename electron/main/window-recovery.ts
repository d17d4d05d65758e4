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

type Choice = 'reload' | 'close' | 'wait';

const LABELS: Record<Choice, string> = { reload: 'Reload', close: 'Close', wait: 'Keep waiting' };

/**
 * The window's page can go away under the user: its renderer process crashes or is killed (out of
 * memory, say), the app's page fails to load, or the page stops responding (a script that never
 * ends). Instead of a blank, frozen or never-shown window, the user is told what happened and
 * chooses Reload (drafts are saved in the store a moment after typing stops, so the page comes back
 * with at most that moment's typing missing) or Close — for a page that stopped responding, also
 * Keep waiting, and the question goes away by itself if the page answers again. A window whose
 * first load failed is shown, so that the message has a window to belong to.
 */
export function watchWindowHealth(win: BrowserWindow, deps: WindowRecoveryDeps): void {
  const ask = deps.ask ?? askWithDialog;
  /** The question on screen; one about a stuck page gives way to one about a page gone. */
  let asking: { controller: AbortController; stuck: boolean } | null = null;
  /** The page's process was ended here, to reload a stuck page: its going is no news. */
  let endedHere = false;
  const offer = (message: string, detail: string, choices: readonly Choice[]): void => {
    const stuck = choices.includes('wait');
    if (win.isDestroyed()) return;
    if (asking) {
      if (!asking.stuck || stuck) return;
      asking.controller.abort();
    }
    const controller = new AbortController();
    const question = { controller, stuck };
    asking = question;
    if (!win.isVisible()) win.show();
    const cancelId = stuck ? choices.indexOf('wait') : choices.indexOf('close');
    const options: MessageBoxOptions = {
      type: 'error',
      title: 'Chatbot Settings Desktop',
      message,
      detail,
      buttons: choices.map((choice) => LABELS[choice]),
      defaultId: 0,
      cancelId,
      noLink: true,
      signal: controller.signal,
    };
    void ask(win, options)
      .then((index) => {
        if (win.isDestroyed() || controller.signal.aborted) return;
        const choice = choices[index] ?? choices[cancelId];
        if (choice === 'reload') {
          // A page that no longer answers cannot unload itself: its process is ended first.
          if (stuck) {
            endedHere = true;
            win.webContents.forcefullyCrashRenderer();
          }
          win.webContents.reload();
        } else if (choice === 'close') win.close();
      })
      .catch(() => undefined)
      .finally(() => {
        if (asking === question) asking = null;
      });
  };

  win.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return;
    if (endedHere) {
      endedHere = false;
      return;
    }
    deps.warn('window', `The window's page stopped (${details.reason}, exit code ${details.exitCode}).`);
    const why = details.reason === 'oom' ? 'ran out of memory' : details.reason === 'killed' ? 'was stopped by the system' : 'stopped unexpectedly';
    offer(`The window ${why}.`, 'Your drafts are saved as you type. Reload the window to go on from them.', ['reload', 'close']);
  });

  win.webContents.on('did-fail-load', (_event, errorCode, errorDescription, _url, isMainFrame) => {
    if (!isMainFrame || errorCode === ERR_ABORTED) return;
    deps.warn('window', `The app's page did not load (${errorCode} ${errorDescription}).`);
    offer('The app’s window could not load.', `${errorDescription} (${errorCode}). Reload to try again; if it keeps failing, reinstall the app.`, ['reload', 'close']);
  });

  win.webContents.on('unresponsive', () => {
    deps.warn('window', "The window's page stopped responding.");
    offer('The window is not responding.', 'You can wait for it, or reload it: your drafts are saved as you type.', ['wait', 'reload', 'close']);
  });

  // Whether or not the ended process was reported, the page that loaded since is a new one.
  win.webContents.on('did-finish-load', () => {
    endedHere = false;
  });

  // The page answers again: a question about it being stuck no longer applies.
  win.webContents.on('responsive', () => {
    if (asking?.stuck) asking.controller.abort();
  });
}
