import type { CatalogView } from '../../../../shared/schemas/catalog';

export interface PickerOption {
  id: string;
  name: string;
  /** Gone from the catalog (or never in it): listed only while it is the current choice. */
  missing: 'removed' | 'unknown' | null;
}

/**
 * The entries a picker offers: the catalog's current ones, plus the current choice when the
 * catalog no longer has it, so that the control can still show what is chosen and why it is wrong.
 */
export function pickerOptions(catalog: CatalogView, list: 'divisions' | 'agents', current: string | null): PickerOption[] {
  const options: PickerOption[] = catalog[list].filter((entry) => !entry.removed).map((entry) => ({ id: entry.id, name: entry.name, missing: null }));
  if (current && !options.some((option) => option.id === current)) {
    const known = catalog[list].find((entry) => entry.id === current);
    options.push(known ? { id: current, name: known.name, missing: 'removed' } : { id: current, name: current, missing: 'unknown' });
  }
  return options;
}
