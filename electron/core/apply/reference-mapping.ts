import type { CatalogView } from '../../../shared/schemas/catalog';
import type { CatalogNames } from '../catalog/catalog-service';
import { SINGLETON_DEFINITIONS, type SingletonKind, type ValidationIssue } from '../../../shared/schemas/settings-document';
import { encodeIssueMessage } from '../../../shared/validation/issue-message';
import { catalogNameKey } from '../catalog/catalog-name-key';

type RefField = 'divisionId' | 'agentId';
const LIST: Record<RefField, 'divisions' | 'agents'> = { divisionId: 'divisions', agentId: 'agents' };
const WHAT: Record<RefField, string> = { divisionId: 'Division', agentId: 'Agent' };

/** The name a source reference had: from the source tenant's catalog (apply) or the file (import). */
export type NameOf = (list: 'divisions' | 'agents', id: string) => string | null;

export interface MappedValue {
  value: unknown;
  /** References the target cannot satisfy (apply: errors; import: warnings). */
  problems: ValidationIssue[];
}

export function nameFromCatalog(catalog: CatalogView): NameOf {
  return (list, id) => catalog[list].find((entry) => entry.id === id)?.name ?? null;
}

/**
 * A settings value with its division and agent references mapped BY NAME to the target's
 * catalog. References the value's mode does not use are cleared (their ids mean nothing in
 * another tenant). A name the target lacks (or has twice) is a problem, and the reference keeps
 * the source id: the caller decides whether that is an error (apply) or a warning (import).
 */
export function mapReferencesByName(kind: SingletonKind, value: unknown, nameOf: NameOf, target: CatalogNames): MappedValue {
  const used = (SINGLETON_DEFINITIONS[kind].references as (v: unknown) => Record<RefField, string | null>)(value);
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  const problems: ValidationIssue[] = [];
  for (const field of ['divisionId', 'agentId'] as const) {
    const id = used[field];
    if (!id) {
      out[field] = null;
      continue;
    }
    const name = nameOf(LIST[field], id);
    if (name === null) {
      problems.push({ path: [field], message: encodeIssueMessage('apply.ref.sourceUnknown', { what: WHAT[field].toLowerCase(), id }) });
      continue;
    }
    const key = catalogNameKey(name);
    const matches = target[LIST[field]].filter((entry) => !entry.removed && catalogNameKey(entry.name) === key);
    if (matches.length === 1) {
      out[field] = matches[0]!.id;
    } else if (matches.length > 1) {
      problems.push({ path: [field], message: encodeIssueMessage('apply.ref.ambiguous', { what: WHAT[field].toLowerCase(), name }) });
    } else {
      const key = target.fetchedAt === null ? 'apply.ref.notFetched' : 'apply.ref.missing';
      problems.push({ path: [field], message: encodeIssueMessage(key, { what: WHAT[field], name }) });
    }
  }
  return { value: out, problems };
}

/** The names of the references a value uses, for an export file. */
export function referenceNamesOf(kind: SingletonKind, value: unknown, catalog: CatalogView): { divisions: Record<string, string>; agents: Record<string, string> } {
  const used = (SINGLETON_DEFINITIONS[kind].references as (v: unknown) => Record<RefField, string | null>)(value);
  const names = { divisions: {} as Record<string, string>, agents: {} as Record<string, string> };
  for (const field of ['divisionId', 'agentId'] as const) {
    const id = used[field];
    const name = id ? nameFromCatalog(catalog)(LIST[field], id) : null;
    if (id && name) names[LIST[field]][id] = name;
  }
  return names;
}
