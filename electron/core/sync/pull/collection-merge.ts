import { getAt, jsonEqual, toPointer } from '../../../../shared/logic/json-path';
import { changedPaths, threeWayMerge, type MergeConflict } from '../../../../shared/logic/three-way-merge';

/**
 * Merging one collection document (an API connection's public part, a deal setting) with the
 * backend's, per field, and the conflicts that concern the document as a whole.
 */

/** The pointer of a conflict about the whole document: one side deleted it, the other changed it. */
export const WHOLE_DOCUMENT = '';

/** `local` null: deleted here; `remote` null: deleted on the backend. */
export function documentConflict(base: unknown, local: unknown, remote: unknown): MergeConflict {
  return { path: [], pointer: WHOLE_DOCUMENT, base, local, remote };
}

export function isDocumentConflict(conflict: MergeConflict): boolean {
  return conflict.pointer === WHOLE_DOCUMENT;
}

export interface FieldMerge<T> {
  merged: T;
  conflicts: MergeConflict[];
}

/**
 * Three-way merge; with no base (a document created here that the backend turns out to have
 * already, matched by its natural key) against an empty base (emptyBase): a field only one side
 * has a value for takes it, and every field where both have a value and they differ is a
 * conflict for the user — neither side silently replaces the other. When the mix of both sides
 * is not valid (each side is), the draft stays and every differing field is a conflict.
 * Conflicts of an earlier pull that the user has not decided stay open while the draft still
 * differs from the remote there.
 */
export function mergeFields<T>(base: unknown | null, local: T, remote: T, previous: readonly MergeConflict[], isValid: (value: T) => boolean): FieldMerge<T> {
  let { merged, conflicts } = threeWayMerge(base ?? emptyBase(local, remote), local, remote);
  if (!isValid(merged)) {
    merged = local;
    conflicts = changedPaths(local, remote).map((path) => ({ path, pointer: toPointer(path), base: getAt(base, path), local: getAt(local, path), remote: getAt(remote, path) }));
  }
  return { merged, conflicts: keepOpen(conflicts, previous, merged, remote) };
}

/** Undecided field conflicts (not whole-document ones) stay while mine and theirs still differ there. */
export function keepOpen(fresh: readonly MergeConflict[], previous: readonly MergeConflict[], merged: unknown, remote: unknown): MergeConflict[] {
  const out = [...fresh];
  for (const old of previous) {
    if (isDocumentConflict(old) || out.some((c) => c.pointer === old.pointer)) continue;
    const mine = getAt(merged, old.path);
    const theirs = getAt(remote, old.path);
    if (!jsonEqual(mine, theirs)) out.push({ ...old, local: mine, remote: theirs });
  }
  return out;
}

/** A value that is not there: null, absent, or an empty text. */
export function isEmptyValue(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}

/**
 * The base two documents that never shared one merge against, field by field: where one side has
 * no value, the base is that side's emptiness (so the other side's value counts as its change);
 * where both have a value, nothing (so two different values conflict).
 */
export function emptyBase(local: unknown, remote: unknown): Record<string, unknown> {
  const a = (local ?? {}) as Record<string, unknown>;
  const b = (remote ?? {}) as Record<string, unknown>;
  const base: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (isEmptyValue(a[key])) base[key] = a[key];
    else if (isEmptyValue(b[key])) base[key] = b[key];
  }
  return base;
}
