import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { RpcError } from '../../../shared/rpc/rpc-error';
import {
  applyImportInputSchema,
  IMPORT_BATCH_TENANTS,
  previewImportInputSchema,
  previewRowsInputSchema,
  type ExportedTenant,
  type ImportPreview,
  type ImportPreviewRows,
  type ImportProgress,
  type ImportResult,
  type ImportRun,
} from '../../../shared/schemas/export-document';
import { secretFieldsOf } from '../../../shared/validation/api-connection-secrets';
import { API_CONNECTION_KIND } from '../documents/document-store';
import type { CatalogService } from '../catalog/catalog-service';
import type { Clock } from '../clock';
import type { EventBus } from '../events/event-bus';
import { parseOrThrow } from '../validation/invalid-input';
import type { BatchStore } from '../apply/batch-store';
import type { DraftRow, DraftRows, RevisionMeta } from '../documents/document-store';
import type { TagService } from '../tags/tag-service';
import { planSlice, type TenantPlan } from './import-planner';
import { storedSliceQuery } from './import-slice-query';
import type { ImportPreviewSource } from './import-previews';
import { StoredSliceReader } from './import-stored-slice';
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
  /** Where previews are made and kept (import-preview-thread.ts: a thread of their own), given the store's reads of a slice. */
  previews: (readSlice: StoredSliceReader['read']) => ImportPreviewSource;
}

/** Ended runs kept for 'transfer.importRun'. */
const ENDED_RUNS_MAX = 10;
const PROGRESS_INTERVAL_MS = 100;

/** The file a run applies, a batch at a time: a kept preview's (held where it was read) or one read for the run. */
interface TenantSource {
  total: number;
  tenants(start: number, count: number): Promise<readonly ExportedTenant[]>;
  release(): Promise<void>;
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
 * created or changed per tenant (matched by name, ignoring case), made and kept where `previews`
 * says (a thread of its own: this thread only reads the store for it); applying writes it as drafts in
 * batches of tenants, one transaction each, all in one change batch (revisions 'import') that can
 * be undone. A run reports its progress ('transfer.progress') and can be cancelled between two
 * batches: what was applied stays, and its result says how many tenants were not reached. Secret
 * values are never in a file: new connections get none (the warnings say which to re-enter);
 * existing ones keep their own.
 */
export class ImportService {
  private readonly runs = new Map<string, ActiveImport>();
  private readonly stored: StoredSliceReader;
  private readonly previews: ImportPreviewSource;

  constructor(private readonly deps: ImportDeps) {
    this.stored = new StoredSliceReader(deps);
    this.previews = deps.previews((query) => this.stored.read(query));
  }

  /** Reads the whole file, says what importing it would do (the counts and the first page of rows), and keeps it for applying. */
  preview(input: { text: string | Uint8Array }): Promise<ImportPreview> {
    const { text } = parseOrThrow(previewImportInputSchema, input);
    return this.previews.preview(text);
  }

  /** A page of a kept preview's rows. */
  previewRows(input: { previewId: string; offset: number; limit: number }): Promise<ImportPreviewRows> {
    const { previewId, offset, limit } = parseOrThrow(previewRowsInputSchema, input);
    return this.previews.rows(previewId, offset, limit);
  }

  /** Lets a kept preview go; false when it was already gone. */
  discardPreview(previewId: string): Promise<{ discarded: boolean }> {
    return this.previews.discard(previewId);
  }

  /** Applies the file to the end (in batches) and answers its result. */
  async apply(input: { previewId: string } | { text: string }): Promise<ImportResult> {
    const { runId } = await this.start(input);
    const run = this.runs.get(runId)!;
    await run.done;
    return run.result;
  }

  /** Starts applying the file in batches; the answer is the run's first progress. A bad file or an expired preview is refused here, before anything is written. */
  async start(input: { previewId: string } | { text: string }): Promise<ImportProgress> {
    const parsed = parseOrThrow(applyImportInputSchema, input);
    const source = 'text' in parsed ? await this.sourceOfText(parsed.text) : await this.sourceOfPreview(parsed.previewId);
    // The first batch's tenants are here before the run starts: it is applied before this answers, as a file read here would be.
    let first: readonly ExportedTenant[];
    try {
      first = await source.tenants(0, this.batchTenants);
    } catch (error) {
      await source.release();
      throw error;
    }
    const runId = randomUUID();
    const run: ActiveImport = {
      progress: { runId, state: 'running', total: source.total, done: 0 },
      result: { batchId: null, created: [], updated: [], unchanged: 0 },
      controller: new AbortController(),
      done: Promise.resolve(),
      failure: null,
    };
    this.forgetEndedRuns();
    this.runs.set(runId, run);
    run.done = this.execute(run, source, first)
      .catch((error: unknown) => {
        run.failure = error;
        this.end(run, 'finished');
        throw error;
      })
      .finally(() => source.release());
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

  /** Whether the previews' reader is running (its thread started and has not ended). */
  get readerRunning(): boolean {
    return this.previews.running;
  }

  /** Gets the previews' reader ready ahead of a file (the import dialog opened); answers once it is. */
  async prepare(): Promise<{ ready: true }> {
    await this.previews.prepare();
    return { ready: true };
  }

  /** Lets every preview go (and the thread that keeps them); after stop(). */
  close(): Promise<void> {
    return this.previews.close();
  }

  /** A file sent whole: read and checked where previews are (the import's thread), which holds it for the run. */
  private async sourceOfText(text: string): Promise<TenantSource> {
    return this.heldSource(await this.previews.holdFile(text));
  }

  private async sourceOfPreview(previewId: string): Promise<TenantSource> {
    return this.heldSource(await this.previews.hold(previewId));
  }

  private heldSource({ holdId, total }: { holdId: string; total: number }): TenantSource {
    return {
      total,
      tenants: (start, count) => this.previews.tenants(holdId, start, count),
      // Let go with the run (a closed thread has let it go already).
      release: () => this.previews.release(holdId).catch(() => undefined),
    };
  }

  private get batchTenants(): number {
    return this.deps.batchTenants ?? IMPORT_BATCH_TENANTS;
  }

  private async execute(run: ActiveImport, source: TenantSource, first: readonly ExportedTenant[]): Promise<void> {
    const { result, progress } = run;
    const signal = run.controller.signal;
    const now = this.deps.clock();
    let changed = 0;
    let lastEmit = 0;
    try {
      for (let start = 0; start < source.total && !signal.aborted; start += this.batchTenants) {
        const files = start === 0 ? first : await source.tenants(start, this.batchTenants);
        if (signal.aborted) break;
        const signedOut: string[] = [];
        this.deps.db.transaction(() => {
          // Planned inside the transaction: the store may have changed since the preview (or the last batch).
          const plans = planSlice(files, this.stored.read(storedSliceQuery(files)), start);
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
}
