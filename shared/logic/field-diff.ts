import { getAt, toPointer } from './json-path';
import { changedPaths } from './three-way-merge';

/**
 * A field-level diff of two JSON documents (a target's draft against what would replace it, or
 * two revisions): one entry per changed leaf; arrays count as one field. A value that is absent
 * on one side is null there, so that the diff survives JSON transport.
 */
export interface FieldChange {
  /** JSON Pointer ("/handoverMessage"), the key the UI shows and sorts by. */
  pointer: string;
  path: (string | number)[];
  before: unknown;
  after: unknown;
}

export function fieldDiff(before: unknown, after: unknown): FieldChange[] {
  return changedPaths(before, after).map((path) => ({
    pointer: toPointer(path),
    path,
    before: orNull(getAt(before, path)),
    after: orNull(getAt(after, path)),
  }));
}

function orNull(value: unknown): unknown {
  return value === undefined ? null : value;
}
