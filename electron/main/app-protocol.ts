import { protocol } from 'electron';
import { APP_SCHEME } from './app-url';
import { createAppRequestHandler } from './app-request-handler';

/**
 * Must run before the app is ready: app:// behaves like https (secure context, same-origin rules),
 * and its scripts get V8's code cache as https ones do (Electron keeps it for http(s) only unless
 * told): from the second start on, the renderer's scripts are not compiled again.
 */
export function registerAppSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** After ready: serve app:// from the built renderer (default session). */
export function serveAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(rendererDir));
}
