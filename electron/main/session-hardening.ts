import type { Session } from 'electron';
import { withContentSecurityPolicy } from './csp-header';

/**
 * The session's share of the security checklist: every response gets our CSP, and every
 * permission (camera, notifications, geolocation ...) is refused: the app needs none.
 */
export function hardenSession(session: Session, policy: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, policy) });
  });
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
