import type { AppUrlCheck } from './app-url';

/** The parts of Electron's objects the check reads (structural, so it is testable as is). */
interface FrameLike {
  readonly url: string;
}
export interface IpcSenderEventLike {
  readonly sender: unknown;
  readonly senderFrame: FrameLike | null;
}
export interface AppWindowLike {
  isDestroyed(): boolean;
  readonly webContents: { readonly mainFrame: FrameLike };
}

/**
 * An IPC message is ours only if it comes from our window's main frame (not an iframe, not
 * another window) while that frame shows the app.
 */
export function isTrustedSender(event: IpcSenderEventLike, win: AppWindowLike | null, isAppUrl: AppUrlCheck): boolean {
  if (win === null || win.isDestroyed()) return false;
  const frame = event.senderFrame;
  if (frame === null || event.sender !== win.webContents) return false;
  return frame === win.webContents.mainFrame && isAppUrl(frame.url);
}
