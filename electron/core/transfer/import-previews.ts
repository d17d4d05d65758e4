import { randomUUID } from 'node:crypto';
import { RpcError } from '../../../shared/rpc/rpc-error';
import { isPlainRecord } from '../../../shared/logic/json-path';
import { EXPORT_LIMITS, IMPORT_PREVIEW_PAGE_ROWS, type ExportDocument, type ExportedTenant, type ImportPreview, type ImportPreviewRows, type ImportTenantPreview } from '../../../shared/schemas/export-document';
import { renderIssueMessageEn } from '../../../shared/validation/messages-en';
import { planSlice } from './import-planner';
import { sameSliceQuery, storedSliceQuery, uncheckedSliceQuery, type StoredSliceQuery, type StoredTenant } from './import-slice-query';
import { PreviewRowParts } from './preview-row-parts';
import { textOfImportFile, type ImportFile } from './import-file-text';
import { readExportFile } from './read-export-file';

/** Previews kept for 'transfer.applyImport' {previewId} and 'transfer.previewRows': few (files can be large) and not for long. */
const PREVIEWS_MAX = 3;
export const PREVIEW_TTL_MS = 30 * 60_000;
/** Tenants planned together for a preview (their store reads go together: catalog-service's NAMES_CHUNK). */
const PREVIEW_CHUNK = 500;

type StoredSlice = (StoredTenant | null)[];

/** A read of the store asked for a slice, what it asked, and how to say it is no longer needed. */
interface SliceRead {
  query: StoredSliceQuery;
  read: Promise<StoredSlice>;
  cancel: () => void;
}

/**
 * What the store holds of a slice's tenants (import-stored-slice.ts), read where the store is.
 * `unneeded` aborts when the preview will not use the answer: a read not made yet may be dropped
 * (its promise then rejects, unseen).
 */
type ReadStoredSlice = (query: StoredSliceQuery, unneeded: AbortSignal) => Promise<StoredSlice>;

/**
 * The import's previews, where they are made and kept: what is in the file, what importing it
 * would do, and the file's tenants for applying it. Everything but the store's reads happens here,
 * so that it can run in a thread of its own (import-preview-worker.ts) as well as in the core's.
 */
export interface ImportPreviewSource {
  /** Reads the whole file (its text, its bytes in UTF-8, or its text decoded with its size; readExportFile's checks and errors), plans it and keeps it. */
  preview(file: ImportFile): Promise<ImportPreview>;
  /**
   * Reads and checks a whole file as `preview` does, without planning it, and holds it for applying
   * (a file applied without a preview): released as a held preview is.
   */
  holdFile(file: ImportFile): Promise<{ holdId: string; total: number }>;
  /** A page of a kept preview's rows. */
  rows(previewId: string, offset: number, limit: number): Promise<ImportPreviewRows>;
  /**
   * Holds a kept preview's file for applying it (NOT_FOUND once the preview has expired or was let
   * go): the held file stays, whatever happens to the preview, until released.
   */
  hold(previewId: string): Promise<{ holdId: string; total: number }>;
  /** Tenants of a held file, from `start` on. */
  tenants(holdId: string, start: number, count: number): Promise<ExportedTenant[]>;
  release(holdId: string): Promise<void>;
  discard(previewId: string): Promise<{ discarded: boolean }>;
  /** Gets ready for a first preview ahead of it (a thread loads its code); resolves once ready. */
  prepare(): Promise<void>;
  /** Whether it is ready or getting ready (a thread is running). */
  readonly running: boolean;
  /** Lets every preview and held file go. */
  close(): Promise<void>;
}

interface KeptPreview {
  document: ExportDocument;
  /** The preview's rows, one per tenant of the file, in its order. */
  rows: ImportTenantPreview[];
  at: number;
}

function previewExpired(): RpcError {
  return new RpcError('NOT_FOUND', renderIssueMessageEn('transfer.preview.expired'), [{ path: ['previewId'], message: 'transfer.preview.expired' }]);
}

/** Previews made and kept in this thread, the store read through `readSlice`. */
export class ImportPreviews implements ImportPreviewSource {
  private readonly kept = new Map<string, KeptPreview>();
  private readonly held = new Map<string, ExportDocument>();

  constructor(private readonly readSlice: ReadStoredSlice) {}

  preview(file: ImportFile): Promise<ImportPreview> {
    // The store's reads for the file's slices are asked for as soon as the file is parsed, from
    // its names as they stand: they go on (where the store is) while the file is checked here.
    let early: (SliceRead | null)[] = [];
    let document: ExportDocument;
    try {
      document = readExportFile(textOfImportFile(file), (parsed) => (early = this.readAhead(parsed)));
    } catch (error) {
      // A refused file: the reads asked for it are not needed any more.
      for (const ahead of early) ahead?.cancel();
      return Promise.reject(error);
    }
    // Planned without the text, which nothing holds any more while the slices are planned.
    return this.plan(document, early);
  }

  private async plan(document: ExportDocument, early: (SliceRead | null)[]): Promise<ImportPreview> {
    const counts = { create: 0, update: 0, unchanged: 0 };
    const rows: ImportTenantPreview[] = [];
    const parts = new PreviewRowParts();
    const slices: { start: number; files: ExportedTenant[]; read: SliceRead }[] = [];
    for (let start = 0, k = 0; start < document.tenants.length; start += PREVIEW_CHUNK, k++) {
      const files = document.tenants.slice(start, start + PREVIEW_CHUNK);
      const query = storedSliceQuery(files);
      // A read made from the unchecked file serves when the checked slice asks the same; one that
      // asked otherwise is not needed.
      const ahead = early[k];
      if (ahead && sameSliceQuery(ahead.query, query)) slices.push({ start, files, read: ahead });
      else {
        ahead?.cancel();
        slices.push({ start, files, read: this.read(query) });
      }
    }
    // Planned a slice at a time as its rows come in; only the previews are kept, the rest of a
    // plan (rows read, drafts to write) is let go.
    try {
      for (const slice of slices) {
        for (const plan of planSlice(slice.files, await slice.read.read, slice.start, parts)) {
          counts[plan.preview.action]++;
          rows.push(plan.preview);
        }
      }
    } catch (error) {
      // A failed read (or plan): the later slices' reads are not needed.
      for (const slice of slices) slice.read.cancel();
      throw error;
    }
    const previewId = randomUUID();
    this.remember(previewId, { document, rows, at: Date.now() });
    // The answer carries the counts and the first page: a file of thousands of tenants would
    // otherwise answer with every tenant's changes (tens of megabytes) before anything is shown.
    return { previewId, tenants: rows.slice(0, IMPORT_PREVIEW_PAGE_ROWS), counts, total: rows.length };
  }

  /** The reads for a parsed file's slices, from its tenants as they stand (none when they are not a file's). */
  private readAhead(parsed: unknown): (SliceRead | null)[] {
    if (!isPlainRecord(parsed) || !Array.isArray(parsed.tenants) || parsed.tenants.length > EXPORT_LIMITS.tenantsMax) return [];
    const reads: (SliceRead | null)[] = [];
    for (let start = 0; start < parsed.tenants.length; start += PREVIEW_CHUNK) {
      const query = uncheckedSliceQuery(parsed.tenants.slice(start, start + PREVIEW_CHUNK));
      reads.push(query && this.read(query));
    }
    return reads;
  }

  private read(query: StoredSliceQuery): SliceRead {
    const unneeded = new AbortController();
    const read = this.readSlice(query, unneeded.signal);
    // Awaited in its turn; one the checks make useless (or a refused file) is let go unseen.
    read.catch(() => undefined);
    return { query, read, cancel: () => unneeded.abort() };
  }

  async holdFile(file: ImportFile): Promise<{ holdId: string; total: number }> {
    return this.keepHeld(readExportFile(textOfImportFile(file)));
  }

  async rows(previewId: string, offset: number, limit: number): Promise<ImportPreviewRows> {
    const { rows } = this.recall(previewId);
    return { offset, tenants: rows.slice(offset, offset + limit), total: rows.length };
  }

  async hold(previewId: string): Promise<{ holdId: string; total: number }> {
    return this.keepHeld(this.recall(previewId).document);
  }

  async tenants(holdId: string, start: number, count: number): Promise<ExportedTenant[]> {
    const document = this.held.get(holdId);
    if (!document) throw new RpcError('INTERNAL', 'The file being imported is no longer held.');
    return document.tenants.slice(start, start + count);
  }

  async release(holdId: string): Promise<void> {
    this.held.delete(holdId);
  }

  async discard(previewId: string): Promise<{ discarded: boolean }> {
    return { discarded: this.kept.delete(previewId) };
  }

  async prepare(): Promise<void> {
    // Nothing to load: previews are made in this thread.
  }

  get running(): boolean {
    return true;
  }

  async close(): Promise<void> {
    this.kept.clear();
    this.held.clear();
  }

  private keepHeld(document: ExportDocument): { holdId: string; total: number } {
    const holdId = randomUUID();
    this.held.set(holdId, document);
    return { holdId, total: document.tenants.length };
  }

  private remember(previewId: string, preview: KeptPreview): void {
    for (const [id, entry] of this.kept) if (preview.at - entry.at > PREVIEW_TTL_MS) this.kept.delete(id);
    while (this.kept.size >= PREVIEWS_MAX) this.kept.delete(this.kept.keys().next().value!);
    this.kept.set(previewId, preview);
  }

  private recall(previewId: string): KeptPreview {
    const entry = this.kept.get(previewId);
    if (!entry || Date.now() - entry.at > PREVIEW_TTL_MS) throw previewExpired();
    return entry;
  }
}
