import { jsonEqual } from '../../../shared/logic/json-path';
import type { ApiConnectionPublic } from '../../../shared/schemas/api-connection-public';

/**
 * An API connection for merging: four plain fields, and three sections whose values are secrets
 * (Settings, Headers, Token). A section is merged as a whole — its shape in the public part
 * (settings keys, header names, the token's plain fields) together with its secret values — so
 * that a merge never mixes one side's keys with the other side's values. Conflicts about a
 * section carry its public shape only, never a value.
 */
export const SCALAR_FIELDS = ['name', 'description', 'code', 'baseUrl'] as const;
export const SECRET_SECTIONS = ['settingsKeys', 'headers', 'token'] as const;
export type SecretSection = (typeof SECRET_SECTIONS)[number];

export type ConnectionScalars = Pick<ApiConnectionPublic, (typeof SCALAR_FIELDS)[number]>;

/** Secret values by vault field name (`settings/<key>`, `headers/<name>`, `token/...`). */
export type SecretValues = ReadonlyMap<string, string>;

const FIELD_PREFIX: Record<SecretSection, string> = { settingsKeys: 'settings/', headers: 'headers/', token: 'token/' };

export function sectionPointer(section: SecretSection): string {
  return `/${section}`;
}

export function sectionOfPointer(pointer: string): SecretSection | null {
  return SECRET_SECTIONS.find((section) => sectionPointer(section) === pointer) ?? null;
}

export function scalarsOf(value: ApiConnectionPublic): ConnectionScalars {
  return { name: value.name, description: value.description, code: value.code, baseUrl: value.baseUrl };
}

/** A public part in the order splitApiConnection makes it (rows compare their JSON as text). */
export function publicOf(scalars: ConnectionScalars, sections: Pick<ApiConnectionPublic, SecretSection>): ApiConnectionPublic {
  return { ...scalarsOf(scalars as ApiConnectionPublic), settingsKeys: sections.settingsKeys, headers: sections.headers, token: sections.token };
}

export function sectionValues(values: SecretValues, section: SecretSection): Map<string, string> {
  const prefix = FIELD_PREFIX[section];
  return new Map([...values].filter(([field]) => field.startsWith(prefix)));
}

/** Same shape, and (when values are given for both) the same secret values. */
export function sameSection(a: ApiConnectionPublic, aValues: SecretValues | null, b: ApiConnectionPublic, bValues: SecretValues | null, section: SecretSection): boolean {
  if (!jsonEqual(a[section], b[section])) return false;
  if (aValues === null || bValues === null) return true;
  return sameValues(sectionValues(aValues, section), sectionValues(bValues, section));
}

export function sameShapes(a: ApiConnectionPublic, b: ApiConnectionPublic): boolean {
  return SECRET_SECTIONS.every((section) => jsonEqual(a[section], b[section]));
}

function sameValues(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [field, value] of a) if (b.get(field) !== value) return false;
  return true;
}

/** The values of each section taken from its chosen side. */
export function combineValues(choices: Record<SecretSection, 'local' | 'remote'>, local: SecretValues, remote: SecretValues): Map<string, string> {
  const out = new Map<string, string>();
  for (const section of SECRET_SECTIONS) for (const [field, value] of sectionValues(choices[section] === 'local' ? local : remote, section)) out.set(field, value);
  return out;
}
