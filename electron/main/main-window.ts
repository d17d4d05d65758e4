import { BrowserWindow } from 'electron';
import type { AppUrlCheck } from './app-url';
import { guardNavigation } from './navigation-guards';
import { createWindowOptions } from './window-options';

export interface MainWindowInput {
  preloadPath: string;
  entryUrl: string;
  isAppUrl: AppUrlCheck;
  isDev: boolean;
  icon?: string;
}

/** The one app window: hardened options, navigation guards, shown once painted. */
export function createMainWindow(input: MainWindowInput): BrowserWindow {
  const win = new BrowserWindow(createWindowOptions(input));
  guardNavigation(win.webContents, input.isAppUrl);
  win.once('ready-to-show', () => win.show());
  // A load that fails is reported by 'did-fail-load' too, which window-recovery.ts answers.
  win.loadURL(input.entryUrl).catch(() => undefined);
  return win;
}
