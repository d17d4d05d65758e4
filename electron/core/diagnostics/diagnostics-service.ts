import { arch, platform, release } from 'node:os';
import type Database from 'better-sqlite3';
import { DIAGNOSTICS_FORMAT, diagnosticsReportSchema, type DiagnosticsExport, type DiagnosticsReport } from '../../../shared/schemas/diagnostics';
import type { VaultStatusView } from '../../../shared/schemas/vault-status';
import { toIso, type Clock } from '../clock';
import { redactLogText } from '../logging/redact-log-text';
import type { Logger } from '../logging/logger';
import { storeStats } from '../store/store-stats';
import type { StorePaths } from '../store/store-paths';
import { fileTimestamp } from '../store/store-paths';

/** How many of the log's last lines go into a report. */
export const DIAGNOSTICS_LOG_LINES = 200;

export interface DiagnosticsDeps {
  db: Database.Database;
  paths: StorePaths;
  app: { version: string; transport: 'electron' | 'host'; dataDir: string };
  logger: Logger;
  clock: Clock;
  /** The keychain's status (vault housekeeping's, with its clean-up state). */
  keychainStatus: () => Promise<VaultStatusView>;
  /** The outbox's counts (sync's outbox owns that table). */
  outboxSummary: () => { entries: Record<string, number>; runs: Record<string, number>; oldestOpenEntryAt: number | null };
}

/**
 * `Export diagnostics`: one JSON file the user can send to IT. Built from counts, versions and
 * statuses only; its only free texts — the log's last lines and the keychain's messages — are
 * redacted (the log's when written and again when read), so no credential can ride along.
 */
export class DiagnosticsService {
  constructor(private readonly deps: DiagnosticsDeps) {}

  async report(): Promise<DiagnosticsReport> {
    const { db, paths, app, logger, clock } = this.deps;
    const { sqlite, ...store } = storeStats(db, paths);
    const outbox = this.deps.outboxSummary();
    const versions = process.versions as NodeJS.ProcessVersions & { electron?: string; chrome?: string };
    return diagnosticsReportSchema.parse({
      format: DIAGNOSTICS_FORMAT,
      version: 1,
      createdAt: toIso(clock()),
      app: { version: app.version, transport: app.transport, dataDir: app.dataDir },
      platform: {
        os: platform(),
        release: release(),
        arch: arch(),
        node: process.versions.node,
        electron: versions.electron ?? null,
        chrome: versions.chrome ?? null,
        sqlite,
        uptimeSeconds: Math.round(process.uptime()),
      },
      store,
      keychain: redactKeychain(await this.deps.keychainStatus()),
      outbox: { entries: outbox.entries, runs: outbox.runs, oldestOpenEntryAt: outbox.oldestOpenEntryAt === null ? null : toIso(outbox.oldestOpenEntryAt) },
      log: { file: logger.filePath, recentLines: logger.recentLines(DIAGNOSTICS_LOG_LINES) },
    });
  }

  async export(): Promise<DiagnosticsExport> {
    const report = await this.report();
    this.deps.logger.info('diagnostics', 'exported a diagnostics report');
    return {
      fileName: `chatbot-settings-diagnostics-${fileTimestamp(this.deps.clock())}.json`,
      content: `${JSON.stringify(report, null, 2)}\n`,
    };
  }
}

function redactKeychain(status: VaultStatusView): VaultStatusView {
  return {
    ...status,
    message: redactLogText(status.message),
    cleanup: { ...status.cleanup, message: status.cleanup.message === null ? null : redactLogText(status.cleanup.message) },
  };
}
