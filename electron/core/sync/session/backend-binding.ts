import type { Tenant } from '../../../../shared/schemas/tenant';

/**
 * What a tenant's credentials are bound to: its backend kind and URL. A credential (tokens, HMAC
 * pair) is stored with the binding it was issued under; read back under another one it counts as
 * absent, so that a credential issued for one backend is never sent to another.
 */
export function backendBinding(tenant: Pick<Tenant, 'backendKind' | 'backendUrl'>): string {
  return `${tenant.backendKind} ${tenant.backendUrl ?? ''}`;
}
