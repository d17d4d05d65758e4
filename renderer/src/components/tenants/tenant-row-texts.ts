/**
 * The texts every row of the tenant list shows alike (states, actions, fallbacks), translated once
 * per list and language rather than once per row: a screen of rows would otherwise look each one
 * up twenty times over.
 */
export interface TenantRowTexts {
  signedIn: string;
  signedOut: string;
  online: Record<'on' | 'off' | 'unknown', string>;
  noBackend: string;
  neverPublished: string;
  rename: string;
  delete: string;
}

export function tenantRowTexts(t: (key: string) => string): TenantRowTexts {
  return {
    signedIn: t('tenants.row.signedIn'),
    signedOut: t('tenants.row.signedOut'),
    online: { on: t('tenants.row.online.on'), off: t('tenants.row.online.off'), unknown: t('tenants.row.online.unknown') },
    noBackend: t('tenants.noBackend'),
    neverPublished: t('tenants.row.neverPublished'),
    rename: t('tenants.rename'),
    delete: t('tenants.delete'),
  };
}
