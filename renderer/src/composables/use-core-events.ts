import { onBeforeUnmount } from 'vue';
import { useRpc } from '../api/inject';
import { useTenantsStore } from '../stores/tenants';
import { useCatalogStore } from '../stores/catalog';
import { useSettingsStore } from '../stores/settings';
import { useApiConnectionsStore } from '../stores/api-connections';
import { useCrmStore } from '../stores/crm';

/** Refetches what the app shows when the core says a tenant changed elsewhere. */
export function useCoreEvents() {
  const rpc = useRpc();
  const tenants = useTenantsStore();
  const catalog = useCatalogStore();
  const settings = useSettingsStore();
  const apiConnections = useApiConnectionsStore();
  const crm = useCrmStore();

  const unsubscribe = rpc.on('tenant.changed', ({ tenantId }) => {
    if (tenants.loaded) void tenants.hydrate().catch(() => undefined);
    if (!tenantId) return;
    if (tenants.byId[tenantId]) void tenants.fetchOne(tenantId).catch(() => undefined);
    if (catalog.byTenant[tenantId]) void catalog.hydrate(tenantId).catch(() => undefined);
    void settings.refreshTenant(tenantId);
    void apiConnections.refreshTenant(tenantId);
    void crm.refresh(tenantId).catch(() => undefined);
  });
  onBeforeUnmount(unsubscribe);
}
