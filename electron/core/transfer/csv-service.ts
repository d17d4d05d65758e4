import { backendKindSchema, LEGACY_DEFAULT_BACKEND_KIND } from '../../../shared/schemas/backend-kind';
import type Database from 'better-sqlite3';
import { applyCsvInputSchema, previewCsvInputSchema, type CsvPreview, type CsvRow } from '../../../shared/schemas/csv-import';
import type { ValidationIssue } from '../../../shared/schemas/settings-document';
import { TAG_LIMITS, tagSchema } from '../../../shared/schemas/tags';
import { tenantBackendUrlSchema, tenantNameSchema, type Tenant } from '../../../shared/schemas/tenant';
import { encodeIssueMessage } from '../../../shared/validation/issue-message';
import type { Clock } from '../clock';
import type { EventBus } from '../events/event-bus';
import { textKey } from '../tenants/tenant-keys';
import type { TenantService } from '../tenants/tenant-service';
import { invalidInput, parseOrThrow } from '../validation/invalid-input';
import type { TagService } from '../tags/tag-service';
import { readCsv, type CsvTable } from './csv-reader';
import type { TenantStore } from '../tenants/tenant-store';

export interface CsvDeps {
  db: Database.Database;
  events: EventBus;
  clock: Clock;
  tenants: TenantService;
  tenantRows: TenantStore;
  tags: TagService;
}

/**
 * Bulk tenant creation from CSV: a preview with per-row errors (missing cells, bad
 * name or URL or tags, a name twice in the file or already taken), then creation of the chosen
 * rows only if every one of them is valid, in one transaction.
 */
export class CsvService {
  constructor(private readonly deps: CsvDeps) {}

  preview(input: { text: string }): CsvPreview {
    const { text } = parseOrThrow(previewCsvInputSchema, input);
    const table = readCsv(text);
    const rows = this.rowsOf(table);
    const invalid = rows.filter((row) => row.errors.length > 0).length;
    return { columns: table.columns, rows, counts: { valid: rows.length - invalid, invalid } };
  }

  apply(input: { text: string; rows?: number[] }): { created: Tenant[] } {
    const parsed = parseOrThrow(applyCsvInputSchema, input);
    const table = readCsv(parsed.text);
    const ids = this.deps.db.transaction(() => {
      // Checked inside the transaction: the names taken are the ones of this moment.
      const rows = this.rowsOf(table);
      const chosen = parsed.rows ? [...new Set(parsed.rows)] : rows.map((row) => row.row);
      const issues: ValidationIssue[] = [];
      const selected: CsvRow[] = [];
      chosen.forEach((number, index) => {
        const row = rows.find((candidate) => candidate.row === number);
        if (!row) issues.push({ path: ['rows', index], message: encodeIssueMessage('csv.row.unknown', { row: number }) });
        else if (row.errors.length > 0) issues.push({ path: ['rows', index], message: encodeIssueMessage('csv.row.invalid', { row: number }) });
        else selected.push(row);
      });
      if (issues.length > 0) throw invalidInput(issues);
      const now = this.deps.clock();
      return selected.map((row) => {
        const id = this.deps.tenantRows.insert(row.name, row.backendUrl, now, undefined, { kind: row.backendKind ?? LEGACY_DEFAULT_BACKEND_KIND, requestsPerMinute: null });
        this.deps.tags.setTags(id, row.tags);
        return id;
      });
    })();
    if (ids.length > 0) this.deps.events.tenantChanged(null);
    return { created: ids.map((id) => this.deps.tenants.get(id)) };
  }

  private rowsOf(table: CsvTable): CsvRow[] {
    const firstRowOf = new Map<string, number>();
    return table.records.map((record) => {
      const errors: ValidationIssue[] = [];
      if (record.cells.length !== table.columns.length) {
        errors.push({ path: ['row'], message: encodeIssueMessage('csv.row.columns', { count: record.cells.length, expected: table.columns.length }) });
      }
      const cell = (column: string) => {
        const index = table.columns.indexOf(column as CsvTable['columns'][number]);
        return index === -1 ? '' : (record.cells[index] ?? '');
      };
      const name = field(tenantNameSchema, cell('name'), 'name', errors) ?? cell('name').trim();
      // A refused URL is still shown as read (the preview names what it rejects); such a row is never created.
      const backendUrl = field(tenantBackendUrlSchema, cell('backendUrl'), 'backendUrl', errors) ?? (cell('backendUrl').trim() || null);
      const tags = tagsOf(cell('tags'), errors);
      const kindCell = cell('backendKind').trim();
      const backendKind = kindCell === '' ? undefined : field(backendKindSchema, kindCell.toLowerCase(), 'backendKind', errors);
      if (name !== '') {
        const key = textKey(name);
        const first = firstRowOf.get(key);
        if (first !== undefined) errors.push({ path: ['name'], message: encodeIssueMessage('csv.row.duplicateInFile', { row: first }) });
        else firstRowOf.set(key, record.line);
        if (this.deps.tenantRows.byName(name)) errors.push({ path: ['name'], message: 'csv.row.duplicateExisting' });
      }
      return { row: record.line, name, backendUrl: typeof backendUrl === 'string' ? backendUrl : null, tags, ...(backendKind ? { backendKind } : {}), errors };
    });
  }
}

function field<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } } }, value: string, path: string, errors: ValidationIssue[]): T | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) errors.push({ path: [path], message: issue.message });
  return undefined;
}

function tagsOf(cell: string, errors: ValidationIssue[]): string[] {
  const tags: string[] = [];
  for (const part of cell.split(/[;,|]/)) {
    if (part.trim() === '') continue;
    const tag = field(tagSchema, part, 'tags', errors);
    if (tag !== undefined && !tags.includes(tag)) tags.push(tag);
  }
  if (tags.length > TAG_LIMITS.tagsPerTenantMax) {
    errors.push({ path: ['tags'], message: encodeIssueMessage('tags.tooMany', { max: TAG_LIMITS.tagsPerTenantMax, name: '', count: tags.length }) });
  }
  return tags;
}

