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
 * already, matched by its natural key) the draft wins wherever it differs. When the mix of both
 * sides is not valid (each side is), the draft stays and every differing field is a conflict.
 * Conflicts of an earlier pull that the user has not decided stay open while the draft still
 * differs from the remote there.
 */
export function mergeFields<T>(base: unknown | null, local: T, remote: T, previous: readonly MergeConflict[], isValid: (value: T) => boolean): FieldMerge<T> {
  let { merged, conflicts } = base === null ? { merged: local, conflicts: [] as MergeConflict[] } : threeWayMerge(base, local, remote);
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
