import { naturalKeyOf, type CollectionKindDescriptor } from '../../../../shared/document-kinds';
import type { ValidationIssue } from '../../../../shared/schemas/settings-document';
import type { CollectionRow } from '../../documents/document-store';

/** What the plan says of one document to publish of a collection kind, besides its operation and status. */
export interface CollectionPlanItem {
  /** What holds it back (none: it can go). */
  issues: ValidationIssue[];
  /** The backend fields its publish changes (the plan lists none for a deletion). */
  fields: string[];
  /** How the plan names it, where it has a name. */
  label?: string;
}

/** What one collection kind plugs into the generic publish plan (publish-plan.ts). */
export interface CollectionPlanHooks {
  /**
   * Reads once what judging a tenant's documents of the kind needs (`rows`: all of them, live and
   * deleted, in their order), and returns how each document to publish is judged.
   */
  judge(tenantId: string, rows: readonly CollectionRow[]): (row: CollectionRow) => CollectionPlanItem;
}

/** The natural key's duplicate issue when another live document (by `id`) has the value's key. */
export function duplicateKeyIssues(
  descriptor: Pick<CollectionKindDescriptor, 'naturalKey'>,
  value: unknown,
  live: ReadonlyArray<{ id: string; value: unknown }>,
  selfId: string,
): ValidationIssue[] {
  const wanted = naturalKeyOf(descriptor, value);
  const taken = live.some((other) => other.id !== selfId && naturalKeyOf(descriptor, other.value) === wanted);
  return taken ? [{ path: [descriptor.naturalKey.field], message: descriptor.naturalKey.duplicateMessage }] : [];
}
