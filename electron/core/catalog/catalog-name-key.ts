import { textKey } from '../tenants/tenant-keys';

/**
 * How a reference is matched to a catalog entry by name (the import, applying to other tenants):
 * trimmed, ignoring case in any script. Each entry's key is stored beside its name
 * (catalog_entries.name_key), so that SQL finds an entry by key; a change to this function needs
 * a migration that computes the stored keys again.
 */
export function catalogNameKey(name: string): string {
  return textKey(name.trim());
}
