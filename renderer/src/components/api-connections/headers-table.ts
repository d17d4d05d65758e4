import { parseJsonText } from '../../../../shared/validation/json-text';
import { isPlainObject } from '../../../../shared/validation/json-value';

/** `Headers` edited as a key/value table: rows to JSON text and back. */
export interface HeaderRow {
  name: string;
  value: string;
}

/** The rows of a headers text; null when the text is not a JSON object of text values (the table cannot show it). */
export function headerRowsOf(text: string): HeaderRow[] | null {
  if (text.trim() === '') return [];
  const parsed = parseJsonText(text);
  if (!parsed.ok || !isPlainObject(parsed.value)) return null;
  const rows: HeaderRow[] = [];
  for (const [name, value] of Object.entries(parsed.value)) {
    if (typeof value !== 'string') return null;
    rows.push({ name, value });
  }
  return rows;
}

/**
 * The JSON text of the rows; blank rows are left out, and no rows give '' (no headers). Written
 * entry by entry so that two rows with one name stay visible to the validation.
 */
export function headersTextOf(rows: readonly HeaderRow[]): string {
  const entries = rows.filter((row) => row.name !== '' || row.value !== '').map((row) => `  ${JSON.stringify(row.name)}: ${JSON.stringify(row.value)}`);
  return entries.length === 0 ? '' : `{\n${entries.join(',\n')}\n}`;
}

/** Names used by more than one row (header names ignore case). */
export function duplicateHeaderNames(rows: readonly HeaderRow[]): string[] {
  const seen = new Map<string, number>();
  for (const row of rows) if (row.name !== '') seen.set(row.name.toLowerCase(), (seen.get(row.name.toLowerCase()) ?? 0) + 1);
  return [...seen.entries()].filter(([, count]) => count > 1).map(([name]) => name);
}
