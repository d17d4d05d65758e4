import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { RpcError } from '../../../shared/rpc/rpc-error';
import {
  applyImportInputSchema,
  IMPORT_BATCH_TENANTS,
  IMPORT_PREVIEW_PAGE_ROWS,
  previewImportInputSchema,
  previewRowsInputSchema,
  type ExportDocument,
  type ImportPreview,
  type ImportPreviewRows,
  type ImportTenantPreview,
  type ImportProgress,
  type ImportResult,
  type ImportRun,
} from '../../../shared/schemas/export-document';
import { secretFieldsOf } from '../../../shared/validation/api-connection-secrets';
import { renderIssueMessageEn } from '../../../shared/validation/messages-en';
import { API_CONNECTION_KIND } from '../documents/document-store';
import type { CatalogService } from '../catalog/catalog-service';
import type { Clock } from '../clock';
import type { EventBus } from '../events/event-bus';
import { parseOrThrow } from '../validation/invalid-input';
import type { BatchStore } from '../apply/batch-store';
import type { DraftRow, DraftRows, RevisionMeta } from '../documents/document-store';
import type { TagService } from '../tags/tag-service';
import { readExportFile } from './read-export-file';
import { ImportPlanner, type TenantPlan } from './import-planner';
import { PreviewRowParts } from './preview-row-parts';
import type { TenantStore } from '../tenants/tenant-store';

export interface ImportDeps {
  db: Database.Database;
  events: EventBus;
  clock: Clock;
  tenants: TenantStore;
  tags: TagService;
  drafts: DraftRows;
  catalog: CatalogService;
  batches: BatchStore;
  /** Ends the session of a tenant the file moved to another backend (its credentials leave the keychain). */
  leaveBackend?: (tenantId: string) => Promise<void>;
  /** Tenants per transaction; default IMPORT_BATCH_TENANTS. */
  batchTenants?: number;
}

/** Previews kept for 'transfer.applyImport' {previewId} and 'transfer.previewRows': few (files can be large) and not for long. */
const PREVIEWS_MAX = 3;
const PREVIEW_TTL_MS = 30 * 60_000;
/** Ended runs kept for 'transfer.importRun'. */
const ENDED_RUNS_MAX = 10;
const PROGRESS_INTERVAL_MS = 100;
/** Tenants planned together for a preview (their store reads go together: catalog-service's NAMES_CHUNK). */
const PREVIEW_CHUNK = 500;

interface KeptPreview {
  document: ExportDocument;
  /** The preview's rows, one per tenant of the file, in its order. */
  rows: ImportTenantPreview[];
  at: number;
}

interface ActiveImport {
  progress: ImportProgress;
  result: ImportResult;
  controller: AbortController;
  /** Settles when the run has ended; rejects when a batch failed. */
  done: Promise<void>;
  failure: unknown;
}

/**
 * Import: the whole file is validated first (readExportFile); the preview says what would be
 * created or changed per tenant (matched by name, ignoring case); applying writes it as drafts in
 * batches of tenants, one transaction each, all in one change batch (revisions 'import') that can
 * be undone. A run reports its progress ('transfer.progress') and can be cancelled between two
 * batches: what was applied stays, and its result says how many tenants were not reached. Secret
 * values are never in a file: new connections get none (the warnings say which to re-enter);
 * existing ones keep their own.
 */
export class ImportService {
  private readonly previews = new Map<string, KeptPreview>();
  private readonly runs = new Map<string, ActiveImport>();
  private readonly planner: ImportPlanner;

  constructor(private readonly deps: ImportDeps) {
    this.planner = new ImportPlanner(deps);
  }

  preview(input: { text: string }): ImportPreview {
    const { text } = parseOrThrow(previewImportInputSchema, input);
    const document = readExportFile(text);
    const counts = { create: 0, update: 0, unchanged: 0 };
    const rows: ImportTenantPreview[] = [];
    const parts = new PreviewRowParts();
    // Planned a slice at a time: the store is read in one statement per table for the slice, only
    // the previews are kept, and the rest of a plan (rows read, drafts to write) is let go.
    for (let start = 0; start < document.tenants.length; start += PREVIEW_CHUNK) {
      for (const plan of this.planner.plan(document.tenants.slice(start, start + PREVIEW_CHUNK), start, parts)) {
        counts[plan.preview.action]++;
        rows.push(plan.preview);
      }
    }
    const previewId = randomUUID();
    this.remember(previewId, document, rows);
    // The answer carries the counts and the first page: a file of thousands of tenants would
    // otherwise answer with every tenant's changes (tens of megabytes) before anything is shown.
    return { previewId, tenants: rows.slice(0, IMPORT_PREVIEW_PAGE_ROWS), counts, total: rows.length };
  }

  /** A page of a kept preview's rows. */
  previewRows(input: { previewId: string; offset: number; limit: number }): ImportPreviewRows {
    const { previewId, offset, limit } = parseOrThrow(previewRowsInputSchema, input);
    const { rows } = this.recallPreview(previewId);
    return { offset, tenants: rows.slice(offset, offset + limit), total: rows.length };
  }

  /** Lets a kept preview go; false when it was already gone. */
  discardPreview(previewId: string): { discarded: boolean } {
    return { discarded: this.previews.delete(previewId) };
  }

  /** Applies the file to the end (in batches) and answers its result. */
  async apply(input: { previewId: string } | { text: string }): Promise<ImportResult> {
    const { runId } = this.start(input);
    const run = this.runs.get(runId)!;
    await run.done;
    return run.result;
  }

  /** Starts applying the file in batches; the answer is the run's first progress. A bad file or an expired preview is refused here, before anything is written. */
  start(input: { previewId: string } | { text: string }): ImportProgress {
    const parsed = parseOrThrow(applyImportInputSchema, input);
    const document = 'text' in parsed ? readExportFile(parsed.text) : this.recall(parsed.previewId);
    const runId = randomUUID();
    const run: ActiveImport = {
      progress: { runId, state: 'running', total: document.tenants.length, done: 0 },
      result: { batchId: null, created: [], updated: [], unchanged: 0 },
      controller: new AbortController(),
      done: Promise.resolve(),
      failure: null,
    };
    this.forgetEndedRuns();
    this.runs.set(runId, run);
    run.done = this.execute(run, document).catch((error: unknown) => {
      run.failure = error;
      this.end(run, 'finished');
      throw error;
    });
    // A started run's failure is read through importRun; apply() awaits and rethrows it.
    run.done.catch(() => undefined);
    return { ...run.progress };
  }

  /** Stops a run between two batches; resolves when it has stopped. */
  async cancel(runId: string): Promise<ImportProgress> {
    const run = this.requireRun(runId);
    run.controller.abort();
    await run.done.catch(() => undefined);
    return { ...run.progress };
  }

  /** A run's progress, with its result once it has ended (a failed run: its error). */
  run(runId: string): ImportRun {
    const run = this.requireRun(runId);
    if (run.failure) throw run.failure;
    return { ...run.progress, result: run.progress.state === 'running' ? null : run.result };
  }

  /** No import is being applied. */
  isIdle(): boolean {
    return [...this.runs.values()].every((run) => run.progress.state !== 'running');
  }

  /** Stops every run between two batches (the core is closing): what was applied stays. */
  async stop(): Promise<void> {
    const running = [...this.runs.values()].filter((run) => run.progress.state === 'running');
    for (const run of running) run.controller.abort();
    await Promise.all(running.map((run) => run.done.catch(() => undefined)));
  }

  private get batchTenants(): number {
    return this.deps.batchTenants ?? IMPORT_BATCH_TENANTS;
  }

  private async execute(run: ActiveImport, document: ExportDocument): Promise<void> {
    const { result, progress } = run;
    const signal = run.controller.signal;
    const now = this.deps.clock();
    let changed = 0;
    let lastEmit = 0;
    try {
      for (let start = 0; start < document.tenants.length && !signal.aborted; start += this.batchTenants) {
        const files = document.tenants.slice(start, start + this.batchTenants);
        const signedOut: string[] = [];
        this.deps.db.transaction(() => {
          // Planned inside the transaction: the store may have changed since the preview (or the last batch).
          const plans = this.planner.plan(files, start);
          const changing = plans.filter((plan) => plan.preview.action !== 'unchanged');
          result.unchanged += plans.length - changing.length;
          if (changing.length === 0) return;
          changed += changing.length;
          const summary = `Import of ${changed} tenant${changed === 1 ? '' : 's'}`;
          if (result.batchId === null) result.batchId = this.deps.batches.create('import', summary, now);
          else this.deps.batches.setSummary(result.batchId, summary);
          const meta: RevisionMeta = { source: 'import', note: 'Imported from a file', batchId: result.batchId };
          for (const plan of changing) {
            const tenantId = this.writePlan(result.batchId, plan, now, meta);
            (plan.preview.action === 'create' ? result.created : result.updated).push(tenantId);
            if (plan.signsOut) signedOut.push(tenantId);
          }
        })();
        progress.done = start + files.length;
        // Tenants the file moved to another backend are signed out (their credentials leave the keychain).
        for (const tenantId of signedOut) {
          (result.signedOut ??= []).push(tenantId);
          await this.deps.leaveBackend?.(tenantId);
        }
        if (Date.now() - lastEmit >= PROGRESS_INTERVAL_MS) {
          lastEmit = Date.now();
          this.deps.events.emit('transfer.progress', { ...progress });
        }
        // Lets other requests (a cancel among them) in between two batches.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } finally {
      if (result.batchId) this.deps.events.tenantChanged(null);
    }
    if (progress.done < progress.total) result.notImported = progress.total - progress.done;
    this.end(run, progress.done < progress.total ? 'cancelled' : 'finished');
  }

  private end(run: ActiveImport, state: ImportProgress['state']): void {
    run.progress.state = state;
    this.deps.events.emit('transfer.progress', { ...run.progress });
  }

  private writePlan(batchId: string, plan: TenantPlan, now: number, meta: RevisionMeta): string {
    const tenantId = this.writeTenant(plan, now);
    for (const write of plan.singletons) this.writeDocument(batchId, tenantId, write.kind, write.existing, JSON.stringify(write.value), write.existing?.vault_owner ?? null, now, meta);
    for (const write of plan.connections) {
      const owner = write.existing && secretFieldsOf(write.next).length > 0 ? write.existing.vault_owner : null;
      this.writeDocument(batchId, tenantId, API_CONNECTION_KIND, write.existing, JSON.stringify(write.next), owner, now, meta);
    }
    return tenantId;
  }

  private requireRun(runId: string): ActiveImport {
    const run = this.runs.get(runId);
    if (!run) throw new RpcError('NOT_FOUND', `There is no import run ${runId}.`);
    return run;
  }

  private forgetEndedRuns(): void {
    const ended = [...this.runs.entries()].filter(([, run]) => run.progress.state !== 'running');
    for (const [id] of ended.slice(0, Math.max(0, ended.length - ENDED_RUNS_MAX + 1))) this.runs.delete(id);
  }

  private writeTenant(plan: TenantPlan, now: number): string {
    let tenantId = plan.preview.tenantId;
    if (tenantId === null) tenantId = this.deps.tenants.insert(plan.file.name, plan.file.backendUrl, now, undefined, { kind: plan.kind, requestsPerMinute: null });
    else if (plan.backendChanged) this.deps.tenants.setBackend(tenantId, plan.file.backendUrl, plan.kind, now);
    this.deps.tags.setTags(tenantId, plan.newTags);
    return tenantId;
  }

  private writeDocument(batchId: string, tenantId: string, kind: string, existing: DraftRow | null, json: string, owner: string | null, now: number, meta: RevisionMeta): void {
    const documentId = existing ? existing.id : this.deps.drafts.insert(tenantId, kind, json, owner, now, meta);
    if (existing) this.deps.drafts.update(existing, json, owner, now, meta);
    this.deps.batches.addItem({
      batch_id: batchId,
      document_id: documentId,
      tenant_id: tenantId,
      kind,
      before_json: existing?.draft_json ?? null,
      before_dirty: existing?.dirty ?? null,
      before_vault_owner: existing?.vault_owner ?? null,
      after_json: json,
      after_vault_owner: owner,
    });
  }

  private remember(previewId: string, document: ExportDocument, rows: ImportTenantPreview[]): void {
    const now = Date.now();
    for (const [id, entry] of this.previews) if (now - entry.at > PREVIEW_TTL_MS) this.previews.delete(id);
    while (this.previews.size >= PREVIEWS_MAX) this.previews.delete(this.previews.keys().next().value!);
    this.previews.set(previewId, { document, rows, at: now });
  }

  private recall(previewId: string): ExportDocument {
    return this.recallPreview(previewId).document;
  }

  private recallPreview(previewId: string): KeptPreview {
    const entry = this.previews.get(previewId);
    if (!entry || Date.now() - entry.at > PREVIEW_TTL_MS) {
      throw new RpcError('NOT_FOUND', renderIssueMessageEn('transfer.preview.expired'), [{ path: ['previewId'], message: 'transfer.preview.expired' }]);
    }
    return entry;
  }
}
