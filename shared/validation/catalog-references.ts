import { z } from 'zod';
import type { CatalogView } from '../schemas/catalog';
import { encodeIssueMessage } from './issue-message';

export interface ReferenceIssue {
  path: string[];
  message: string;
}

type CatalogList = 'divisions' | 'agents';
const KEY: Record<CatalogList, string> = { divisions: 'ref.division', agents: 'ref.agent' };

/**
 * Checks that a referenced catalog entry is still there. A missing one is named: by the name it
 * had when last seen, or by its id when the catalog never had it.
 */
export function checkReference(catalog: CatalogView, list: CatalogList, id: string | null, path: string): ReferenceIssue[] {
  if (!id) return [];
  const entry = catalog[list].find((item) => item.id === id);
  if (entry && !entry.removed) return [];
  if (entry) return [{ path: [path], message: encodeIssueMessage(`${KEY[list]}.removed`, { name: entry.name }) }];
  return [{ path: [path], message: encodeIssueMessage(`${KEY[list]}.unknown`, { id }) }];
}

/** The references a settings value uses, by field: `{ divisionId: 'd1', agentId: null }`. */
export type ReferenceExtractor<T> = (value: T) => { divisionId: string | null; agentId: string | null };

export function referenceIssues<T>(value: T, extract: ReferenceExtractor<T>, catalog: CatalogView): ReferenceIssue[] {
  const refs = extract(value);
  return [...checkReference(catalog, 'divisions', refs.divisionId, 'divisionId'), ...checkReference(catalog, 'agents', refs.agentId, 'agentId')];
}

/**
 * The schema a form or the core validates against: the domain schema plus the catalog check.
 * One function, so that the form, the IPC boundary and (later) sync agree.
 */
export function withCatalogReferences<S extends z.ZodTypeAny>(schema: S, extract: ReferenceExtractor<z.infer<S>>, catalog: CatalogView) {
  return schema.superRefine((value, ctx) => {
    for (const issue of referenceIssues(value as z.infer<S>, extract, catalog)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: issue.path, message: issue.message });
    }
  });
}
