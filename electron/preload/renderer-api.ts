import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type { RendererApi, RpcEventName } from '../../shared/rpc/contract';
import { IPC_EVENT_CHANNEL, IPC_RPC_CHANNEL } from '../../shared/rpc/ipc-channels';
import type { RpcResult } from '../../shared/rpc/rpc-error';

type IpcLike = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

/**
 * `window.api`: one function to call the RPC contract, one to follow its events. The page never
 * sees ipcRenderer itself nor the IPC event objects (they reach back into Electron).
 */
export function createRendererApi(ipc: IpcLike): RendererApi {
  return {
    invoke(channel: string, input: unknown): Promise<RpcResult<unknown>> {
      if (typeof channel !== 'string') return Promise.reject(new TypeError('The channel must be a string.'));
      return ipc.invoke(IPC_RPC_CHANNEL, channel, input) as Promise<RpcResult<unknown>>;
    },
    on(event: RpcEventName, listener: (payload: unknown) => void): () => void {
      if (typeof event !== 'string' || typeof listener !== 'function') throw new TypeError('on(event, listener) needs a name and a function.');
      const forward = (_ipcEvent: IpcRendererEvent, name: unknown, payload: unknown): void => {
        if (name === event) listener(payload);
      };
      ipc.on(IPC_EVENT_CHANNEL, forward);
      return () => {
        ipc.removeListener(IPC_EVENT_CHANNEL, forward);
      };
    },
  };
}
