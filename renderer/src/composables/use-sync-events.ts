import { onBeforeUnmount, toValue, type MaybeRefOrGetter } from 'vue';
import { useRpc } from '../api/inject';
import { useSyncStore } from '../stores/sync';

/**
 * Keeps a tenant's sync status current while its panel is shown: every change the core announces
 * (an edit, a pull, a publish step, the online state) refreshes it; publish progress feeds the runs.
 */
export function useSyncEvents(tenantId: MaybeRefOrGetter<string>) {
  const rpc = useRpc();
  const sync = useSyncStore();
  const offProgress = rpc.on('sync.progress', (progress) => sync.applyProgress(progress));
  const offChanged = rpc.on('tenant.changed', ({ tenantId: changed }) => {
    const current = toValue(tenantId);
    if (changed === null || changed === current) void sync.refresh(current).catch(() => undefined);
  });
  onBeforeUnmount(() => {
    offProgress();
    offChanged();
  });
}
