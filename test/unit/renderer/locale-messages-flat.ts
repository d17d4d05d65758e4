/** Every message of a locale object as `path → text` (nested objects flattened with dots). */
export function flattenMessages(messages: object, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out[path] = value;
    else Object.assign(out, flattenMessages(value as object, path));
  }
  return out;
}
