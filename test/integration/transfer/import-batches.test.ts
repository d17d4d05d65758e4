import { describe, expect, it } from 'vitest';
import type { BatchSummary } from '../../../shared/schemas/apply';
import { IMPORT_BATCH_TENANTS, type ImportPreview, type ImportProgress, type ImportResult, type ImportRun } from '../../../shared/schemas/export-document';
import type { TenantListItem } from '../../../shared/schemas/tenant-list';
import { useRpcCore, type Rpc } from '../../support/core/rpc-core';

const CONN = { name: 'Jurnal', description: 'Accounting', code: 'JURNAL API', baseUrl: 'https://api.jurnal.id', settingsKeys: null, headers: null, token: null };

/** A file of `count` new tenants (each with one API connection), in the app's format. */
function file(count: number): string {
  const tenants = Array.from({ length: count }, (_, i) => ({
    name: `Toko ${String(i + 1).padStart(4, '0')}`,
    backendUrl: null,
    tags: ['imported'],
    aiResponse: null,
    idleAction: null,
    referenceNames: { divisions: {}, agents: {} },
    apiConnections: [CONN],
  }));
  return JSON.stringify({ format: 'chatbot-settings-export', version: 1, exportedAt: '2026-01-15T09:00:00.000Z', tenants });
}

function progressEvents(rpc: Rpc): ImportProgress[] {
  const events: ImportProgress[] = [];
  rpc.core.onEvent((name, payload) => {
    if (name === 'transfer.progress') events.push(payload as ImportProgress);
  });
  return events;
}

async function tenantCount(rpc: Rpc): Promise<number> {
  return (await rpc.ok<TenantListItem[]>('tenants.list', {})).length;
}

/** Waits for a run to end by its progress events (the core answers between two batches). */
async function ended(rpc: Rpc, runId: string): Promise<ImportRun> {
  for (let i = 0; i < 500; i++) {
    const run = await rpc.ok<ImportRun>('transfer.importRun', { runId });
    if (run.state !== 'running') return run;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`the import run ${runId} did not end`);
}

describe('an import applies in batches, reports progress and can be cancelled (transfer.startImport, transfer.cancelImport, transfer.importRun)', () => {
  const open = useRpcCore('import-batches-');
  const COUNT = 2 * IMPORT_BATCH_TENANTS + 50;

  it('applies a large file batch by batch, in one undoable change batch, with progress in order up to the end', async () => {
    const { rpc } = open();
    const events = progressEvents(rpc);
    const preview = await rpc.ok<ImportPreview>('transfer.previewImport', { text: file(COUNT) });
    expect(preview.counts).toEqual({ create: COUNT, update: 0, unchanged: 0 });

    const started = await rpc.ok<ImportProgress>('transfer.startImport', { previewId: preview.previewId });
    expect(started).toMatchObject({ state: 'running', total: COUNT });
    const run = await ended(rpc, started.runId);
    expect(run).toMatchObject({ runId: started.runId, state: 'finished', total: COUNT, done: COUNT });
    expect(run.result).toMatchObject({ updated: [], unchanged: 0 });
    expect(run.result!.created).toHaveLength(COUNT);
    expect(run.result!.notImported).toBeUndefined();
    expect(await tenantCount(rpc)).toBe(COUNT);

    // Every event is this run's, at a batch's end, never going back; the last one says it finished.
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) {
      expect(event.runId).toBe(started.runId);
      expect(event.done === COUNT || event.done % IMPORT_BATCH_TENANTS === 0).toBe(true);
    }
    const done = events.map((event) => event.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(events.at(-1)).toEqual({ runId: started.runId, state: 'finished', total: COUNT, done: COUNT });
    expect(events.filter((event) => event.state !== 'running')).toHaveLength(1);

    // One change batch for the whole file: undone in one step.
    const batches = await rpc.ok<BatchSummary[]>('apply.batches', {});
    expect(batches.filter((batch) => batch.batchId === run.result!.batchId)).toEqual([expect.objectContaining({ summary: `Import of ${COUNT} tenants` })]);
  });

  it('a cancel stops between two batches: the batches applied stay, the result says how many were not imported', async () => {
    const { rpc } = open();
    const events = progressEvents(rpc);
    const preview = await rpc.ok<ImportPreview>('transfer.previewImport', { text: file(COUNT) });
    const started = await rpc.ok<ImportProgress>('transfer.startImport', { previewId: preview.previewId });
    const cancelled = await rpc.ok<ImportProgress>('transfer.cancelImport', { runId: started.runId });
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.done).toBeGreaterThan(0);
    expect(cancelled.done).toBeLessThan(COUNT);
    expect(cancelled.done % IMPORT_BATCH_TENANTS).toBe(0);

    const run = await rpc.ok<ImportRun>('transfer.importRun', { runId: started.runId });
    expect(run).toMatchObject({ state: 'cancelled', done: cancelled.done, total: COUNT });
    expect(run.result!.created).toHaveLength(cancelled.done);
    expect(run.result!.notImported).toBe(COUNT - cancelled.done);
    // The store holds exactly the tenants of the batches applied, each whole (its connection too).
    expect(await tenantCount(rpc)).toBe(cancelled.done);
    const first = run.result!.created[0]!;
    expect(await rpc.ok<unknown[]>('apiConnections.list', { tenantId: first })).toHaveLength(1);
    expect(events.at(-1)).toEqual(cancelled);
    const batch = (await rpc.ok<BatchSummary[]>('apply.batches', {})).find((b) => b.batchId === run.result!.batchId);
    expect(batch?.summary).toBe(`Import of ${cancelled.done} tenants`);

    // Importing the same file again creates the rest only.
    const again = await rpc.ok<ImportPreview>('transfer.previewImport', { text: file(COUNT) });
    expect(again.counts).toEqual({ create: COUNT - cancelled.done, update: 0, unchanged: cancelled.done });
    const rest = await rpc.ok<ImportResult>('transfer.applyImport', { previewId: again.previewId });
    expect(rest.created).toHaveLength(COUNT - cancelled.done);
    expect(await tenantCount(rpc)).toBe(COUNT);
  });

  it('a run that already ended cannot be cancelled into another state; an unknown run is NOT_FOUND', async () => {
    const { rpc } = open();
    const started = await rpc.ok<ImportProgress>('transfer.startImport', { text: file(3) });
    const run = await ended(rpc, started.runId);
    expect(run).toMatchObject({ state: 'finished', done: 3 });
    expect(await rpc.ok<ImportProgress>('transfer.cancelImport', { runId: started.runId })).toMatchObject({ state: 'finished', done: 3 });
    expect(await rpc.error('transfer.importRun', { runId: '3f1d7c2a-9b8e-4d6f-a5c4-b3a2918070f6' })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await rpc.error('transfer.startImport', { previewId: '3f1d7c2a-9b8e-4d6f-a5c4-b3a2918070f6' })).toMatchObject({ code: 'NOT_FOUND', message: /expired/ });
  });
});
