import { isPlainRecord, jsonEqual, setAt, toPointer, type JsonPath } from './json-path';

/**
 * Three-way merge of a settings document, field by field: `base` is the last
 * state both sides agreed on, `local` the draft, `remote` what the backend has now. A field only
 * one side changed takes that side's value; a field both changed differently is a conflict, and
 * the merged value keeps the draft's ("mine") until the user decides. Objects merge per key,
 * recursively (an API connection's settings and headers); arrays and scalars are single values.
 * An absent key is `undefined`: a side that removed a key the other left alone removes it.
 */
export interface MergeConflict {
  path: (string | number)[];
  /** JSON Pointer of `path`: the key the user's choice is given under. */
  pointer: string;
  base: unknown;
  local: unknown;
  remote: unknown;
}

export interface MergeResult<T = unknown> {
  merged: T;
  conflicts: MergeConflict[];
}

export function threeWayMerge<T>(base: unknown, local: T, remote: T): MergeResult<T> {
  const conflicts: MergeConflict[] = [];
  const merged = mergeValue(base, local, remote, [], conflicts) as T;
  return { merged, conflicts };
}

function mergeValue(base: unknown, local: unknown, remote: unknown, path: (string | number)[], conflicts: MergeConflict[]): unknown {
  if (jsonEqual(local, remote)) return local;
  if (jsonEqual(base, local)) return remote;
  if (jsonEqual(base, remote)) return local;
  if (isPlainRecord(local) && isPlainRecord(remote)) {
    const baseRecord = isPlainRecord(base) ? base : {};
    const out: Record<string, unknown> = {};
    // Local keys first, then keys only the remote has: the draft's field order is kept.
    for (const key of new Set([...Object.keys(local), ...Object.keys(remote)])) {
      const value = mergeValue(baseRecord[key], local[key], remote[key], [...path, key], conflicts);
      if (value !== undefined) out[key] = value;
    }
    return out;
  }
  conflicts.push({ path, pointer: toPointer(path), base, local, remote });
  return local;
}

export type ConflictChoice = 'mine' | 'theirs';

export interface ResolveResult<T = unknown> {
  value: T;
  /** Conflicts no choice was given for: still open. */
  open: MergeConflict[];
}

/**
 * Applies the user's choices (per conflict pointer) to a merged value: 'theirs' takes the
 * remote's value at that path, 'mine' keeps the draft's. Choices for unknown pointers are ignored.
 */
export function resolveConflicts<T>(merged: T, conflicts: readonly MergeConflict[], choices: Readonly<Record<string, ConflictChoice>>): ResolveResult<T> {
  let value: unknown = merged;
  const open: MergeConflict[] = [];
  for (const conflict of conflicts) {
    const choice = choices[conflict.pointer];
    if (choice === undefined) open.push(conflict);
    else value = setAt(value, conflict.path, choice === 'theirs' ? conflict.remote : conflict.local);
  }
  return { value: value as T, open };
}

/**
 * The fields (as paths to leaves) whose values differ between `before` and `after`: what a
 * publish changes. Objects are compared per key; anything else is one field.
 */
export function changedPaths(before: unknown, after: unknown, path: JsonPath = []): (string | number)[][] {
  if (jsonEqual(before, after)) return [];
  if (isPlainRecord(before) && isPlainRecord(after)) {
    const out: (string | number)[][] = [];
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) out.push(...changedPaths(before[key], after[key], [...path, key]));
    return out;
  }
  return [[...path]];
}
