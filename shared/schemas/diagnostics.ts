import { z } from 'zod';
import { isoTimestampSchema } from './ids';
import { vaultStatusSchema } from './vault-status';

/**
 * The diagnostics report (`diagnostics.export`): what IT needs to help with a problem, as one
 * file. It holds no secret and no user content: versions, the store's size and integrity, the
 * keychain's status, the outbox's counts and the log's recent (redacted) lines.
 */
export const DIAGNOSTICS_FORMAT = 'chatbot-settings-diagnostics';

const countsSchema = z.record(z.string(), z.number().int().nonnegative());

export const diagnosticsReportSchema = z
  .object({
    format: z.literal(DIAGNOSTICS_FORMAT),
    version: z.literal(1),
    createdAt: isoTimestampSchema,
    app: z.object({ version: z.string(), transport: z.enum(['electron', 'host']), dataDir: z.string() }).strict(),
    platform: z
      .object({
        os: z.string(),
        release: z.string(),
        arch: z.string(),
        node: z.string(),
        electron: z.string().nullable(),
        chrome: z.string().nullable(),
        sqlite: z.string(),
        uptimeSeconds: z.number().nonnegative(),
      })
      .strict(),
    store: z
      .object({
        file: z.string(),
        bytes: z.number().int().nonnegative(),
        walBytes: z.number().int().nonnegative(),
        schemaVersion: z.number().int(),
        pageSize: z.number().int(),
        pageCount: z.number().int(),
        freePages: z.number().int(),
        journalMode: z.string(),
        integrityCheck: z.array(z.string()),
        rows: countsSchema,
        backups: z.number().int().nonnegative(),
        damagedFilesKept: z.number().int().nonnegative(),
      })
      .strict(),
    keychain: vaultStatusSchema,
    outbox: z
      .object({
        entries: countsSchema,
        runs: countsSchema,
        oldestOpenEntryAt: isoTimestampSchema.nullable(),
      })
      .strict(),
    log: z.object({ file: z.string().nullable(), recentLines: z.array(z.string()) }).strict(),
  })
  .strict();
export type DiagnosticsReport = z.infer<typeof diagnosticsReportSchema>;

/** What the channel answers: a suggested file name and the report as the file's text (JSON). */
export const diagnosticsExportSchema = z.object({ fileName: z.string(), content: z.string() }).strict();
export type DiagnosticsExport = z.infer<typeof diagnosticsExportSchema>;
