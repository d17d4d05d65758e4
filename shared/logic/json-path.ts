/**
 * Paths into JSON documents: as segment lists (what code walks) and as JSON Pointers (RFC 6901,
 * what crosses the RPC boundary as a key, e.g. a conflict's path "/settings/owner.email").
 */
export type JsonPath = readonly (string | number)[];

export function toPointer(path: JsonPath): string {
  return path.map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

export function fromPointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`Not a JSON Pointer: ${pointer.slice(0, 100)}`);
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Structural equality of JSON values (key order ignored; undefined and a missing key are equal). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, index) => jsonEqual(item, b[index]));
  }
  if (isPlainRecord(a) && isPlainRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) if (!jsonEqual(a[key], b[key])) return false;
    return true;
  }
  return false;
}

/** The value at `path`, or undefined. */
export function getAt(value: unknown, path: JsonPath): unknown {
  let current = value;
  for (const segment of path) {
    if (Array.isArray(current)) current = current[Number(segment)];
    else if (isPlainRecord(current)) current = current[String(segment)];
    else return undefined;
  }
  return current;
}

/**
 * A copy of `value` with `path` set to `next` (removed when `next` is undefined). Objects on the
 * way are copied, never mutated; a missing object on the way is created.
 */
export function setAt(value: unknown, path: JsonPath, next: unknown): unknown {
  if (path.length === 0) return next;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(value)) {
    const copy = [...value];
    copy[Number(head)] = setAt(copy[Number(head)], rest, next);
    return copy;
  }
  const copy: Record<string, unknown> = isPlainRecord(value) ? { ...value } : {};
  const child = setAt(copy[String(head)], rest, next);
  if (child === undefined) delete copy[String(head)];
  else copy[String(head)] = child;
  return copy;
}
