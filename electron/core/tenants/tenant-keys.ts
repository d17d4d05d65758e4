/** Case-insensitive keys: names are unique, sorted and searched ignoring case (any script). */
export function textKey(value: string): string {
  return value.normalize('NFC').toLowerCase();
}
