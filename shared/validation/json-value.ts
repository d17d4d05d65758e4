/**
 * Checks on values that must be plain JSON. Input reaches the core through structured clone (IPC)
 * or JSON (HTTP), so a "JSON object" could still hold undefined, NaN, a Date or a Map: those are
 * refused rather than silently changed by a later JSON.stringify.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * True when `value` is JSON (null, boolean, finite number, string, array, plain object) nested at
 * most `maxDepth` deep. An object met twice (a cycle, or a shared reference that structured clone
 * keeps) is refused too: walking it could take exponential time.
 */
export function isJsonValue(value: unknown, maxDepth: number): boolean {
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  const seen = new Set<object>();
  while (pending.length > 0) {
    const item = pending.pop() as { value: unknown; depth: number };
    const v = item.value;
    if (v === null || typeof v === 'string' || typeof v === 'boolean') continue;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return false;
      continue;
    }
    if (item.depth >= maxDepth || typeof v !== 'object' || seen.has(v)) return false;
    seen.add(v);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        if (!(i in v)) return false; // a hole is not JSON
        pending.push({ value: v[i], depth: item.depth + 1 });
      }
      continue;
    }
    if (!isPlainObject(v)) return false;
    for (const child of Object.values(v)) pending.push({ value: child, depth: item.depth + 1 });
  }
  return true;
}

/** Size in UTF-8 bytes of the compact JSON text of `value`. */
export function jsonByteLength(value: unknown): number {
  return utf8ByteLength(JSON.stringify(value) ?? '');
}

export function utf8ByteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}
