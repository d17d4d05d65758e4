/**
 * The texts of the tenant list's rows, translated once per list and language rather than once per
 * row: a screen of rows would otherwise look each one up twenty times over. Texts about a tenant's
 * name are translated once around a placeholder that the name then takes the place of, and texts
 * with a count once per count.
 */
export interface TenantRowTexts {
  signedIn: string;
  signedOut: string;
  online: Record<'on' | 'off' | 'unknown', string>;
  noBackend: string;
  neverPublished: string;
  rename: string;
  delete: string;
  /** The row's checkbox, and its rename and delete buttons, for a tenant's name. */
  selectNamed: (name: string) => string;
  renameNamed: (name: string) => string;
  deleteNamed: (name: string) => string;
  /** Tags beyond those shown, conflicts, validation errors and unpublished changes, by count. */
  moreTags: (count: number) => string;
  conflicts: (count: number) => string;
  issues: (count: number) => string;
  unpublished: (count: number) => string;
  /** The last publish's title, for its date as written in the list's language. */
  published: (date: string) => string;
}

type Translate = (key: string, named?: Record<string, unknown>) => string;

/** Stands for a parameter while its message is translated; never part of a message or a name shown. */
const SLOT = '\u0000slot\u0000';

/** `key` translated with `param` once, around a placeholder: each value then fills it in. */
function withParam(t: Translate, key: string, param: string): (value: string) => string {
  const parts = t(key, { [param]: SLOT }).split(SLOT);
  return (value) => parts.join(value);
}

/** `key` translated once per count. */
function byCount(t: Translate, key: string): (count: number) => string {
  const known = new Map<number, string>();
  return (count) => {
    let text = known.get(count);
    if (text === undefined) {
      text = t(key, { count });
      known.set(count, text);
    }
    return text;
  };
}

export function tenantRowTexts(t: Translate): TenantRowTexts {
  return {
    signedIn: t('tenants.row.signedIn'),
    signedOut: t('tenants.row.signedOut'),
    online: { on: t('tenants.row.online.on'), off: t('tenants.row.online.off'), unknown: t('tenants.row.online.unknown') },
    noBackend: t('tenants.noBackend'),
    neverPublished: t('tenants.row.neverPublished'),
    rename: t('tenants.rename'),
    delete: t('tenants.delete'),
    selectNamed: withParam(t, 'tenants.row.select', 'name'),
    renameNamed: withParam(t, 'tenants.renameNamed', 'name'),
    deleteNamed: withParam(t, 'tenants.deleteNamed', 'name'),
    moreTags: byCount(t, 'tenants.row.moreTags'),
    conflicts: byCount(t, 'tenants.row.conflicts'),
    issues: byCount(t, 'tenants.row.issues'),
    unpublished: byCount(t, 'tenants.unpublished'),
    published: withParam(t, 'tenants.row.published', 'date'),
  };
}
