import type { RpcEventName } from '../../../shared/rpc/contract';

export type CoreEventListener = (name: RpcEventName, payload: unknown) => void;

/** Fans the core's events out to the transports. A failing listener never breaks a write. */
export class EventBus {
  private readonly listeners = new Set<CoreEventListener>();

  on(listener: CoreEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(name: RpcEventName, payload: unknown): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(name, payload);
      } catch {
        // A listener's bug is the listener's: the write it reports has already happened.
      }
    }
  }

  tenantChanged(tenantId: string | null): void {
    this.emit('tenant.changed', { tenantId });
  }
}
