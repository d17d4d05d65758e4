import { z } from 'zod';
import { compiledSafeParse } from '../validation/compiled-schema';
import { FIELD_MAX, isSetOwner, isValidOwner, type VaultRef } from './vault-ref';

/**
 * The value of a tenant's sets entry in the keychain (vault-ref.ts): every set of the tenant that
 * fits, as `{ "<owner>": { "<field>": "<value>" } }`. A set is written whole and never changed, so
 * the entry only ever gains or loses whole sets. Values are secrets: never in an error or a log.
 */
export type TenantSets = Map<string, Map<string, string>>;

const storedSetsSchema = z.record(
  z.string().refine((owner) => isValidOwner(owner) && isSetOwner(owner)),
  z.record(z.string().min(1).max(FIELD_MAX), z.string().min(1)),
);
/** Compiled: a publish reads every tenant's entry. */
const parseStoredSets = compiledSafeParse(storedSetsSchema);

/** The sets an entry holds; null when its text is not a sets entry this app wrote (damaged, another format). */
export function parseTenantSets(text: string): TenantSets | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = parseStoredSets(value);
  if (!parsed.success) return null;
  return new Map(Object.entries(parsed.data).map(([owner, fields]) => [owner, new Map(Object.entries(fields))]));
}

/** What an entry's text (null: no entry) holds for this app: nothing when there is none or it is damaged. */
export function readableTenantSets(text: string | null): TenantSets {
  return (text === null ? null : parseTenantSets(text)) ?? new Map();
}

export function serializeTenantSets(sets: TenantSets): string {
  return JSON.stringify(Object.fromEntries([...sets].map(([owner, fields]) => [owner, Object.fromEntries(fields)])));
}

/** The entry's size as the keychain stores it (UTF-8). */
function tenantSetsBytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Every value the sets hold: what an error about writing them must never quote. */
export function tenantSetsValues(sets: TenantSets): string[] {
  return [...sets.values()].flatMap((fields) => [...fields.values()]);
}

/** The refs of the values a sets entry holds. */
export function refsOfSets(tenantId: string, sets: TenantSets | null): VaultRef[] {
  if (sets === null) return [];
  return [...sets].flatMap(([owner, fields]) => [...fields.keys()].map((field) => ({ tenantId, owner, field })));
}

/**
 * Adds the values of `writes` (set owners' values of one tenant) to `sets` when the entry then
 * stays within `maxBytes`, and answers true; otherwise leaves `sets` without any older value of
 * those refs (they are to be kept one per entry) and answers false.
 */
export function addWithin(sets: TenantSets, writes: ReadonlyArray<{ ref: VaultRef; value: string }>, maxBytes: number): boolean {
  const grown: TenantSets = new Map(sets);
  for (const { ref, value } of writes) grown.set(ref.owner, new Map(grown.get(ref.owner)).set(ref.field, value));
  if (tenantSetsBytes(serializeTenantSets(grown)) > maxBytes) {
    for (const { ref } of writes) removeValue(sets, ref);
    return false;
  }
  for (const [owner, fields] of grown) sets.set(owner, fields);
  return true;
}

/** Takes one value out of `sets` (and its owner once it holds none); true when it was there. */
export function removeValue(sets: TenantSets, ref: Pick<VaultRef, 'owner' | 'field'>): boolean {
  const fields = sets.get(ref.owner);
  if (!fields?.delete(ref.field)) return false;
  if (fields.size === 0) sets.delete(ref.owner);
  return true;
}
