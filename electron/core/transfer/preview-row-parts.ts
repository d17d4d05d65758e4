import type { ImportTenantPreview } from '../../../shared/schemas/export-document';

type Change = ImportTenantPreview['changes'][number];

/**
 * The parts that many rows of one import preview have in common, made once and shared by the rows
 * (which nothing changes once made): a file of thousands of tenants repeats a few connection
 * labels, lists of changed fields and warnings, and a preview keeps every row until it is let go.
 * One instance per preview (or per applied batch), so that nothing outlives it.
 */
export class PreviewRowParts {
  private readonly fieldLists = new Map<string, string[]>();
  private readonly labels = new Map<string, Map<string, string>>();
  private readonly warnings = new Map<string, Map<string, string>>();
  private readonly changes = new Map<string, Map<string, Map<string[], Change>>>();

  /** A list of changed fields equal to `fields` (the first one met of its content). */
  fields(fields: string[]): string[] {
    if (fields.length === 0) return fields;
    const key = fields.length === 1 ? fields[0]! : JSON.stringify(fields);
    const shared = this.fieldLists.get(key);
    if (shared) return shared;
    this.fieldLists.set(key, fields);
    return fields;
  }

  /** A change of a settings document or connection (its label and fields shared ones), shared by equal changes. */
  change(area: Change['area'], label: string, action: Change['action'], fields: string[]): Change {
    const shared = this.fields(fields);
    const kind = `${area} ${action}`;
    let byLabel = this.changes.get(kind);
    if (!byLabel) this.changes.set(kind, (byLabel = new Map()));
    let byFields = byLabel.get(label);
    if (!byFields) byLabel.set(label, (byFields = new Map()));
    let change = byFields.get(shared);
    if (!change) byFields.set(shared, (change = { area, label, action, fields: shared }));
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
