import { ipcMain, type BrowserWindow } from 'electron';
import type { RpcDispatcher, RpcEventName } from '../../shared/rpc/contract';
import { IPC_EVENT_CHANNEL, IPC_RPC_CHANNEL } from '../../shared/rpc/ipc-channels';
import type { RpcResult } from '../../shared/rpc/rpc-error';
import type { AppUrlCheck } from './app-url';
import { isTrustedSender } from './sender-check';

export interface IpcCore {
  readonly dispatcher: RpcDispatcher;
  onEvent(listener: (name: RpcEventName, payload: unknown) => void): () => void;
}

const FORBIDDEN: RpcResult<never> = {
  ok: false,
  error: { code: 'FORBIDDEN', message: 'This request did not come from the app window.' },
};

/**
 * The core's router on ipcMain: the sender is checked first, then the dispatcher parses and runs
 * the call. The core's events go to the window. Returns a function that undoes the binding.
 */
export function bindRpcToIpc(core: IpcCore, getWindow: () => BrowserWindow | null, isAppUrl: AppUrlCheck): () => void {
  ipcMain.handle(IPC_RPC_CHANNEL, async (event, channel: unknown, input: unknown): Promise<RpcResult<unknown>> => {
    if (!isTrustedSender(event, getWindow(), isAppUrl)) return FORBIDDEN;
    if (typeof channel !== 'string') {
      return { ok: false, error: { code: 'BAD_REQUEST', message: 'The RPC channel must be a string.' } };
    }
    try {
      return await core.dispatcher.dispatch(channel, input);
    } catch {
      return { ok: false, error: { code: 'INTERNAL', message: `The request on "${channel}" failed unexpectedly.` } };
    }
  });

  const stopEvents = core.onEvent((name, payload) => {
    const win = getWindow();
    if (win !== null && !win.isDestroyed()) win.webContents.send(IPC_EVENT_CHANNEL, name, payload);
  });

  return () => {
    stopEvents();
    ipcMain.removeHandler(IPC_RPC_CHANNEL);
  };
}
