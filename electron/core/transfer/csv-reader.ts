import { parse } from 'csv-parse/sync';
import { RpcError } from '../../../shared/rpc/rpc-error';
import { CSV_LIMITS, type CsvColumn } from '../../../shared/schemas/csv-import';
import type { ValidationIssue } from '../../../shared/schemas/settings-document';
import { encodeIssueMessage } from '../../../shared/validation/issue-message';
import { renderIssueMessageEn } from '../../../shared/validation/messages-en';

export interface CsvRecord {
  /** 1-based line where the row starts (the header is line 1). */
  line: number;
  cells: string[];
}

export interface CsvTable {
  columns: CsvColumn[];
  records: CsvRecord[];
}

/** Header spellings, compared without case, spaces, "_" and "-". */
const HEADER_NAMES: Record<string, CsvColumn> = { name: 'name', tenantname: 'name', backendurl: 'backendUrl', url: 'backendUrl', tags: 'tags', tag: 'tags', kind: 'backendKind', backendkind: 'backendKind', connectionkind: 'backendKind' };

/**
 * Reads the CSV of bulk tenant creation with csv-parse (RFC 4180: quoted commas, quotes and line
 * breaks; BOM; LF or CRLF). The header row is required and must name `name`; unknown or repeated
 * columns refuse the file. Rows with another number of cells than the header are kept, and the
 * caller reports them per row.
 */
export function readCsv(text: string): CsvTable {
  if (text.replace(/^\uFEFF/, '').trim() === '') throw refused([{ path: ['text'], message: 'csv.empty' }]);
  let rows: Array<{ record: string[]; info: { lines: number } }>;
  try {
    rows = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, info: true, to: CSV_LIMITS.rowsMax + 2 }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 0;
    const detail = error instanceof Error ? error.message.replace(/^Invalid [^:]*:\s*/, '').slice(0, 200) : 'unreadable';
    throw refused([{ path: ['text'], message: encodeIssueMessage('csv.syntax', { line, detail }) }]);
  }
  if (rows.length > CSV_LIMITS.rowsMax + 1) throw refused([{ path: ['text'], message: encodeIssueMessage('csv.tooManyRows', { max: CSV_LIMITS.rowsMax }) }]);
  const [header, ...body] = rows;
  const columns: CsvColumn[] = [];
  const issues: ValidationIssue[] = [];
  for (const cell of header!.record) {
    const column = HEADER_NAMES[cell.toLowerCase().replace(/[\s_-]+/g, '')];
    if (!column) issues.push({ path: ['text'], message: encodeIssueMessage('csv.column.unknown', { column: cell.slice(0, 60) }) });
    else if (columns.includes(column)) issues.push({ path: ['text'], message: encodeIssueMessage('csv.column.duplicate', { column: cell.slice(0, 60) }) });
    else columns.push(column);
  }
  if (!columns.includes('name')) issues.unshift({ path: ['text'], message: 'csv.column.name.missing' });
  if (issues.length > 0) throw refused(issues);
  // info.lines is the line the record ENDS on; quoted line breaks inside it move its start up.
  const records = body.map((row) => ({ line: row.info.lines - row.record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0), cells: row.record }));
  return { columns, records };
}

function refused(issues: ValidationIssue[]): RpcError {
  const shown = issues.slice(0, 3).map((issue) => renderIssueMessageEn(issue.message));
  return new RpcError('INVALID_INPUT', `The CSV file cannot be used; nothing was changed. ${shown.join(' ')}`, issues);
}
