import { shell, type WebContents } from 'electron';
import type { AppUrlCheck } from './app-url';
import { isSafeExternalUrl } from './external-url';

/**
 * The window never leaves the app: navigations and redirects elsewhere are cancelled, new
 * windows are refused, and https links the user clicks open in their own browser instead.
 */
export function guardNavigation(contents: WebContents, isAppUrl: AppUrlCheck): void {
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url).catch(() => undefined);
    return { action: 'deny' };
  });
}
