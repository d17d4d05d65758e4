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

/** What a walk of a parsed JSON value found first: a nesting deeper than allowed, or a reserved key. */
export type JsonShapeProblem = { kind: 'tooDeep'; path: (string | number)[] } | { kind: 'reservedKey'; key: string; path: (string | number)[] };

/**
 * Walks a value parsed from JSON with an explicit stack (never recursion, so any depth is safe) and
 * reports the first container nested more than `maxDepth` deep, or the first object key that is
 * reserved (`__proto__`, `constructor`, `prototype`), with its path.
 */
export function findJsonShapeProblem(value: unknown, maxDepth: number, isReservedKey: (key: string) => boolean): JsonShapeProblem | null {
  const pending: Array<{ value: unknown; path: (string | number)[] }> = [{ value, path: [] }];
  while (pending.length > 0) {
    const item = pending.pop() as { value: unknown; path: (string | number)[] };
    const v = item.value;
    if (v === null || typeof v !== 'object') continue;
    if (item.path.length >= maxDepth) return { kind: 'tooDeep', path: item.path };
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) pending.push({ value: v[i], path: [...item.path, i] });
      continue;
    }
    const keys = Object.keys(v);
    for (const key of keys) if (isReservedKey(key)) return { kind: 'reservedKey', key, path: [...item.path, key] };
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i] as string;
      pending.push({ value: (v as Record<string, unknown>)[key], path: [...item.path, key] });
    }
  }
  return null;
}
