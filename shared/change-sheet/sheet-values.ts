import type { SheetCatalog, SheetValue } from './change-sheet';
import type { SheetField, SheetOption } from './web-app-terms';

/** Names of the tenant's catalog entries by id (null: the catalog no longer has it). */
export type SheetNames = Record<SheetCatalog, (id: string) => string | null>;

/** A document's fields as the web app shows them, in its order: only the fields its mode uses. */
export type FieldValues = Array<[SheetField, SheetValue]>;

export const text = (value: string): SheetValue => (value.trim() === '' ? { type: 'empty' } : { type: 'text', text: value });
export const option = (value: SheetOption): SheetValue => ({ type: 'option', option: value });
export const toggle = (on: boolean): SheetValue => ({ type: 'toggle', on });
export const reference = (names: SheetNames, catalog: SheetCatalog, id: string | null): SheetValue =>
  id === null ? { type: 'empty' } : { type: 'reference', catalog, name: names[catalog](id) };

export function sameValue(a: SheetValue | undefined, b: SheetValue | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The fields of `next` whose value differs from `previous` (all of them when nothing was applied yet). */
export function changedFields(previous: FieldValues | null, next: FieldValues): Array<{ field: SheetField; value: SheetValue; before: SheetValue | null }> {
  const before = new Map(previous ?? []);
  return next
    .filter(([field, value]) => previous === null || !sameValue(before.get(field), value))
    .map(([field, value]) => ({ field, value, before: previous === null ? null : (before.get(field) ?? null) }));
}
