// The import preview: an export file of N tenants × C connections (as the app writes it) sent to
// the headless host over HTTP as the page sends it (renderer/src/api/http-transport.ts: the chosen
// file's bytes, undecoded, as the request's raw body; the bench has them in memory, as a file the
// system has cached), and previewed against a store holding those N tenants. Its baseline:
// JSON.parse of the same text in this process. The host's peak RSS during the first preview comes
// from the host process's VmHWM (reset just before). The preview answers with its counts and first
// page of rows, as the import dialog shows it. As the dialog does when it opens, the bench first
// asks the core to get its import reader ready (transfer.prepareImport: the reader's thread starts
// and loads its code while the user chooses a file), then previews. The figure is the previews'
// median: the first, in a thread whose code has just loaded and is not yet optimised, is the slowest.
import { request as httpRequest } from 'node:http';
import { HOST_PATHS, HOST_TEXT_BODY_TYPE } from '../../../shared/rpc/host-transport';
import type { RpcResult } from '../../../shared/rpc/rpc-error';
import { IMPORT_PREVIEW_PAGE_ROWS } from '../../../shared/schemas/export-document';
import { importFileText } from '../data/import-file';
import type { BenchPlan } from '../harness/bench-plan';
import { startBenchHost, type BenchHost } from '../harness/bench-host';
import type { MetricResults } from '../harness/metric-registry';
import { processMemory, resetPeakRss } from '../harness/process-memory';
import type { SeededStores } from '../harness/seeded-stores';
import { median, timeAsync, timeSync } from '../harness/stats';
import { METRICS } from '../metrics';

export async function benchTransfer(plan: BenchPlan, stores: SeededStores, results: MetricResults): Promise<void> {
  const { tenants: count, connections, previews, jsonParses } = plan.transfer;
  const scale = `${count}x${connections}`;
  const { dataDir } = stores.get(count);
  const text = importFileText(count, connections);
  const bytes = Buffer.from(text, 'utf8');

  JSON.parse(text); // warm-up
  const parses = Array.from({ length: jsonParses }, () => timeSync(() => JSON.parse(text)));

  const host = await startBenchHost(dataDir);
  try {
    await host.rpc('transfer.prepareImport', {});
    const before = processMemory(host.pid).rssMb;
    if (!resetPeakRss(host.pid)) console.error('transfer: the kernel refused to reset the host peak RSS; the peak includes its start');
    const times: number[] = [];
    let peakMb = 0;
    for (let i = 0; i < previews; i++) {
      let previewId = '';
      times.push(
        await timeAsync(async () => {
          const value = await previewOverHttp(host, bytes);
          // The answer holds the counts and the first page of rows (the rest are asked for by page).
          const { total, tenants } = value as { total: number; tenants: unknown[]; previewId: string };
          if (total !== count || tenants.length !== Math.min(count, IMPORT_PREVIEW_PAGE_ROWS)) {
            throw new Error(`the preview counts ${total} tenants and shows ${tenants.length}, not ${count} and its first page`);
          }
          previewId = (value as { previewId: string }).previewId;
        }),
      );
      if (i === 0) peakMb = processMemory(host.pid).peakRssMb;
      // The dialog lets a preview go when another file is chosen (or it closes): so does the bench.
      await host.rpc('transfer.discardPreview', { previewId });
    }
    results.record(METRICS.importFileMb(scale), bytes.byteLength / 1e6);
    results.record(METRICS.jsonParseImport, median(parses));
    results.record(METRICS.importPreviewMs(scale), median(times));
    results.record(METRICS.importPreviewVsJsonParse(scale), median(times) / median(parses));
    results.record(METRICS.importHostRssBefore, before);
    results.record(METRICS.importPreviewPeakRss, peakMb);
  } finally {
    await host.stop();
  }
}

/**
 * `transfer.previewImport` as the page's HTTP transport sends it: the file's bytes as the raw body.
 * Sent with node:http rather than Node's fetch: for a body of tens of megabytes, Node's fetch
 * spends 50–60 ms before the request leaves and then streams the body in small pieces (the same
 * request to a server that only drains it: 80–170 ms by fetch, 20–45 ms by node:http), a cost of
 * this process's client that neither the page (Chromium's network service sends its uploads) nor
 * the app (IPC) has.
 */
function previewOverHttp(host: BenchHost, file: Uint8Array): Promise<unknown> {
  const token = new URL(host.url).hash.replace(/^#token=/, '');
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${host.origin}${HOST_PATHS.rpc}transfer.previewImport`,
      { method: 'POST', headers: { 'Content-Type': HOST_TEXT_BODY_TYPE, 'Content-Length': file.byteLength, Authorization: `Bearer ${token}` } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const result = JSON.parse(Buffer.concat(chunks).toString('utf8')) as RpcResult<unknown>;
          if (result.ok) resolve(result.value);
          else reject(new Error(`transfer.previewImport: ${result.error.code} ${result.error.message}`));
        });
      },
    );
    request.on('error', reject);
    request.end(file);
  });
}
