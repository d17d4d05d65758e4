import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changedPaths, resolveConflicts, threeWayMerge } from '../../../shared/logic/three-way-merge';
import { fromPointer, getAt, jsonEqual, toPointer } from '../../../shared/logic/json-path';

// Documents shaped like the settings: flat fields plus nested objects (an API connection's settings).
const leaf = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom('a', 'b', ''), fc.constant(null), fc.boolean());
const keys = fc.constantFrom('threshold', 'mode', 'agentId', 'message', 'x/y', 'a~b');
const nested = fc.dictionary(keys, leaf, { maxKeys: 4 });
const doc = fc.dictionary(keys, fc.oneof(leaf, nested), { minKeys: 1, maxKeys: 6 });

/** Edits of a document: some fields changed, some removed, some added. */
const edited = (base: Record<string, unknown>) =>
  fc.tuple(fc.dictionary(keys, fc.oneof(leaf, nested), { maxKeys: 3 }), fc.subarray(Object.keys(base))).map(([changes, removed]) => {
    const out: Record<string, unknown> = { ...base };
    for (const key of removed) delete out[key];
    return { ...out, ...changes };
  });

const triple = doc.chain((base) => fc.tuple(fc.constant(base), edited(base), edited(base)));

describe('threeWayMerge (properties)', () => {
  it('with no remote change returns the draft, without conflicts', () => {
    fc.assert(
      fc.property(doc.chain((base) => fc.tuple(fc.constant(base), edited(base))), ([base, local]) => {
        const result = threeWayMerge(base, local, structuredClone(base));
        expect(result.conflicts).toEqual([]);
        expect(result.merged).toEqual(local);
      }),
    );
  });

  it('with no local change returns the remote, without conflicts', () => {
    fc.assert(
      fc.property(doc.chain((base) => fc.tuple(fc.constant(base), edited(base))), ([base, remote]) => {
        const result = threeWayMerge(base, structuredClone(base), remote);
        expect(result.conflicts).toEqual([]);
        expect(result.merged).toEqual(remote);
      }),
    );
  });

  it('never drops a field that both sides have, and keeps every field only one side added', () => {
    fc.assert(
      fc.property(triple, ([base, local, remote]) => {
        const { merged } = threeWayMerge(base, local, remote) as { merged: Record<string, unknown> };
        for (const key of Object.keys(local)) if (key in remote) expect(merged).toHaveProperty([key]);
        for (const key of Object.keys(local)) if (!(key in base)) expect(merged).toHaveProperty([key]);
        for (const key of Object.keys(remote)) if (!(key in base)) expect(merged).toHaveProperty([key]);
      }),
    );
  });

  it('identical changes on both sides are not conflicts', () => {
    fc.assert(
      fc.property(doc.chain((base) => fc.tuple(fc.constant(base), edited(base))), ([base, changed]) => {
        const result = threeWayMerge(base, changed, structuredClone(changed));
        expect(result.conflicts).toEqual([]);
        expect(result.merged).toEqual(changed);
      }),
    );
  });

  it('a conflict is exactly a path both sides changed to different values; choosing resolves it', () => {
    fc.assert(
      fc.property(triple, fc.boolean(), ([base, local, remote], takeTheirs) => {
        const { merged, conflicts } = threeWayMerge(base, local, remote);
        for (const conflict of conflicts) {
          expect(jsonEqual(conflict.local, conflict.remote)).toBe(false);
          expect(jsonEqual(conflict.base, conflict.local)).toBe(false);
          expect(jsonEqual(conflict.base, conflict.remote)).toBe(false);
          expect(fromPointer(conflict.pointer)).toEqual(conflict.path.map(String));
          expect(getAt(merged, conflict.path)).toEqual(conflict.local); // mine until decided
        }
        const choice = takeTheirs ? 'theirs' : 'mine';
        const resolved = resolveConflicts(merged, conflicts, Object.fromEntries(conflicts.map((c) => [c.pointer, choice])));
        expect(resolved.open).toEqual([]);
        for (const conflict of conflicts) expect(getAt(resolved.value, conflict.path)).toEqual(takeTheirs ? conflict.remote : conflict.local);
        // Every field outside the conflicts is what the merge made.
        for (const path of changedPaths(merged, resolved.value)) expect(conflicts.some((c) => toPointer(c.path) === toPointer(path))).toBe(true);
      }),
    );
  });
});

describe('threeWayMerge (examples)', () => {
  const base = { threshold: 10, onThreshold: 'continue_with_bot', agentId: null, handoverMessage: '' };

  it('takes remote-only changes, keeps local-only ones, and reports the true conflict', () => {
    const local = { ...base, threshold: 5, handoverMessage: 'Mine' };
    const remote = { ...base, onThreshold: 'any_available_agent', handoverMessage: 'Theirs' };
    const result = threeWayMerge(base, local, remote);
    expect(result.merged).toEqual({ threshold: 5, onThreshold: 'any_available_agent', agentId: null, handoverMessage: 'Mine' });
    expect(result.conflicts).toEqual([{ path: ['handoverMessage'], pointer: '/handoverMessage', base: '', local: 'Mine', remote: 'Theirs' }]);
    expect(resolveConflicts(result.merged, result.conflicts, { '/handoverMessage': 'theirs' }).value).toMatchObject({ handoverMessage: 'Theirs' });
  });

  it('merges nested objects per key, and a key removed on one side stays removed', () => {
    const b = { settings: { owner: 'a', region: 'id' } };
    const result = threeWayMerge(b, { settings: { owner: 'b', region: 'id' } }, { settings: { owner: 'a' } });
    expect(result).toEqual({ merged: { settings: { owner: 'b' } }, conflicts: [] });
  });

  it('lists the changed fields of a publish', () => {
    expect(changedPaths(base, { ...base, threshold: 3, agentId: 'x' })).toEqual([['threshold'], ['agentId']]);
    expect(changedPaths({ h: { a: '1' } }, { h: { a: '1', b: '2' } })).toEqual([['h', 'b']]);
  });
});
