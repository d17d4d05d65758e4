/** A column of a DataTable: its slot name, its header text, and how its cells are made. */
export interface DataColumn {
  /** The slot that fills this column's cells (`#<key>="{ row }"`). */
  key: string;
  label: string;
  /** The header is read by assistive technology only (a column of checkboxes, say). */
  labelHidden?: boolean;
  /** The cells of this column name their row (`<th scope="row">`). */
  rowHeader?: boolean;
  /** A class on each of this column's cells (style it from the parent with `:deep()`). */
  cellClass?: string;
  /** Attributes on each of this column's cells (a test id, say). */
  cellAttrs?: Record<string, string>;
}

/** Attributes of a row's `<tr>` (test ids, data attributes). */
export type RowAttributes = Record<string, string | number | boolean | undefined>;
