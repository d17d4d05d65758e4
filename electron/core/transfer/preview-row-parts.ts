import type { ImportTenantPreview } from '../../../shared/schemas/export-document';

type Change = ImportTenantPreview['changes'][number];

interface FieldListNode {
  list: string[] | null;
  next: Map<string, FieldListNode>;
}

/**
 * The parts that many rows of one import preview have in common, made once and shared by the rows
 * (which nothing changes once made): a file of thousands of tenants repeats a few connection
 * labels, lists of changed fields and warnings, and a preview keeps every row until it is let go.
 * One instance per preview (or per applied batch), so that nothing outlives it.
 */
export class PreviewRowParts {
  /** The lists met so far, as a tree of their fields in order. */
  private readonly fieldLists: FieldListNode = { list: null, next: new Map() };
  private readonly labels = new Map<string, Map<string, string>>();
  private readonly warnings = new Map<string, Map<string, string>>();
  /** The changes made so far, by label. */
  private readonly changes = new Map<string, Change[]>();

  /** A list of changed fields equal to `fields` (the first one met of its content). */
  fields(fields: string[]): string[] {
    let node = this.fieldLists;
    for (const field of fields) {
      let next = node.next.get(field);
      if (!next) node.next.set(field, (next = { list: null, next: new Map() }));
      node = next;
    }
    return (node.list ??= fields);
  }

  /** A change of a settings document or connection (its label and fields shared ones), shared by equal changes. */
  change(area: Change['area'], label: string, action: Change['action'], fields: string[]): Change {
    const shared = this.fields(fields);
    let same = this.changes.get(label);
    if (!same) this.changes.set(label, (same = []));
    for (const change of same) if (change.area === area && change.action === action && change.fields === shared) return change;
    const change: Change = { area, label, action, fields: shared };
    same.push(change);
    return change;
  }

  /** `Name (CODE)`: how a connection is named in a row. */
  connectionLabel(name: string, code: string): string {
    let byCode = this.labels.get(name);
    if (!byCode) this.labels.set(name, (byCode = new Map()));
    let label = byCode.get(code);
    if (label === undefined) byCode.set(code, (label = `${name} (${code})`));
    return label;
  }

  /** The warning `make(subject)` says, made once per kind of warning and subject (a shared label). */
  warning(kind: string, subject: string, make: (subject: string) => string): string {
    let bySubject = this.warnings.get(kind);
    if (!bySubject) this.warnings.set(kind, (bySubject = new Map()));
    let warning = bySubject.get(subject);
    if (warning === undefined) bySubject.set(subject, (warning = make(subject)));
    return warning;
  }
}
