import { onBeforeUnmount } from 'vue';
import type { RpcEventName, RpcEventPayload } from '../../../shared/rpc/contract';
import { useRpc } from '../api/inject';

/** Listens to one of the core's events while the calling component is mounted. */
export function useCoreEvent<E extends RpcEventName>(event: E, listener: (payload: RpcEventPayload<E>) => void): void {
  const off = useRpc().on(event, listener);
  onBeforeUnmount(off);
}
