import { z } from 'zod';
import { backendKindSchema } from './backend-kind';
import { validationIssueSchema } from './settings-document';
import { tenantSchema } from './tenant';

/**
 * Bulk tenant creation from CSV: a header row naming the columns `name` (required),
 * `backend URL`, `tags` and `kind` (optional; `kind` is qontak, qontak_legacy or settings_api, the
 * last when absent; spellings such as "Backend URL", "backend_url", "backendUrl"
 * are the same column); one tenant per row. Tags in one cell are separated by `;`, `,` or `|`.
 * UTF-8 with or without BOM, LF or CRLF, RFC 4180 quoting ("Jaya, Tbk").
 */
export const CSV_LIMITS = {
  /** Characters of the whole file. */
  textMax: 5 * 1024 * 1024,
  rowsMax: 10_000,
} as const;

export const CSV_COLUMNS = ['name', 'backendUrl', 'tags', 'backendKind'] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

export const csvTextSchema = z
  .string({ invalid_type_error: 'csv.text.required', required_error: 'csv.text.required' })
  .max(CSV_LIMITS.textMax, { message: 'csv.tooLarge' });

export const previewCsvInputSchema = z.object({ text: csvTextSchema }).strict();

export const applyCsvInputSchema = z
  .object({
    text: csvTextSchema,
    /** The file's row numbers (as the preview gives them) to create; default: every row. */
    rows: z.array(z.number().int().positive()).min(1).max(CSV_LIMITS.rowsMax).optional(),
  })
  .strict();

export const csvRowSchema = z.object({
  /** 1-based line of the row in the file (the header is line 1). */
  row: z.number().int().positive(),
  name: z.string(),
  backendUrl: z.string().nullable(),
  tags: z.array(z.string()),
  /** The `kind` column (qontak, qontak_legacy, settings_api), when the file has one; absent: settings_api. */
  backendKind: backendKindSchema.optional(),
  /** Empty: the row can be created. */
  errors: z.array(validationIssueSchema),
});
export type CsvRow = z.infer<typeof csvRowSchema>;

export const csvPreviewSchema = z.object({
  /** The columns found, in file order. */
  columns: z.array(z.enum(CSV_COLUMNS)),
  rows: z.array(csvRowSchema),
  counts: z.object({ valid: z.number().int(), invalid: z.number().int() }),
});
export type CsvPreview = z.infer<typeof csvPreviewSchema>;

export const csvApplyResultSchema = z.object({ created: z.array(tenantSchema) });
