// Issue #7's renderer benchmark, in Debian's Chromium (Playwright) against the real headless host
// with 1,000 tenants seeded through the core: tenant_list_render_ms_1000 (navigation start → the
// list's first row painted, from the Element Timing API on the row names) and renderer_heap_mb_1000
// (the page's JS heap after a forced GC, with the 1,000 tenants listed, from the DevTools protocol).
// Called by run-bench.ts; skipped (and said so) when Chromium or the built renderer is missing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { openCore } from '../../electron/core/open-core';
import { startHost, type RunningHost } from '../e2e/support/host-process';
import { seedTenants } from './bench-data';
import { median, percentile } from './stats';

interface Metric {
  metric: string;
  value: number;
  unit: string;
}

const COUNT = 1000;
const WARMUP_LOADS = 2;
const LOADS = 9;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * Runs in the page before its scripts: notes when the first row name is painted (Element Timing;
 * the rows carry `elementtiming="tenant-row-name"`). Times are from the navigation's start.
 */
const OBSERVE_FIRST_ROW = `(() => {
  window.__firstRowPaint = null;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.identifier === 'tenant-row-name' && window.__firstRowPaint === null) window.__firstRowPaint = entry.renderTime || entry.loadTime;
    }
  }).observe({ type: 'element', buffered: true });
})()`;

interface LoadTiming {
  /** Element Timing: the first row name painted. */
  paintMs: number;
  /** The app's own mark, a frame after the first rows rendered (a cross-check). */
  markMs: number | null;
}

async function loadList(page: Page, url: string): Promise<LoadTiming> {
  // A real navigation every time (the app rewrites its address, so going to it again would not reload).
  await page.goto('about:blank');
  await page.goto(url);
  // Evaluated in the page (this file is type-checked without the DOM: the page's window is globalThis there).
  await page.waitForFunction(() => (globalThis as unknown as { __firstRowPaint: number | null }).__firstRowPaint !== null, undefined, { timeout: 30_000 });
  return page.evaluate(() => ({
    paintMs: (globalThis as unknown as { __firstRowPaint: number }).__firstRowPaint,
    markMs: performance.getEntriesByName('tenant-list-painted')[0]?.startTime ?? null,
  }));
}

async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize / (1024 * 1024);
  } finally {
    await cdp.detach();
  }
}

function seed(dataDir: string): void {
  const core = openCore({ dataDir, appVersion: 'bench', transport: 'host' });
  try {
    seedTenants(core, COUNT);
  } finally {
    core.close();
  }
}

/** Builds the renderer when its sources changed since the last build (what `npm run host` does). */
function ensureBuilt(): boolean {
  const result = spawnSync(process.execPath, ['scripts/ensure-built.mjs'], { stdio: ['ignore', 'inherit', 'inherit'], timeout: 5 * 60_000 });
  return result.status === 0;
}

export async function benchRenderer(): Promise<Metric[]> {
  if (!existsSync(CHROMIUM)) {
    console.error(`renderer bench skipped: no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);
    return [];
  }
  if (!ensureBuilt()) {
    console.error('renderer bench skipped: the renderer could not be built');
    return [];
  }
  const dir = mkdtempSync(join(tmpdir(), 'bench-renderer-'));
  let host: RunningHost | null = null;
  let browser: Browser | null = null;
  try {
    seed(dir);
    host = await startHost(dir);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    await context.addInitScript(OBSERVE_FIRST_ROW);
    const page = await context.newPage();

    const timings: LoadTiming[] = [];
    for (let i = 0; i < WARMUP_LOADS + LOADS; i++) {
      const timing = await loadList(page, host.url);
      if (i >= WARMUP_LOADS) timings.push(timing);
    }
    const shown = await page.getByText(`Tenants shown: ${COUNT}`).count();
    if (shown !== 1) throw new Error(`the list does not show ${COUNT} tenants`);
    const rowsInPage = await page.getByTestId('tenant-row').count();
    const heapMb = await heapAfterGc(page);
    const paints = timings.map((timing) => timing.paintMs);
    const marks = timings.flatMap((timing) => (timing.markMs === null ? [] : [timing.markMs]));
    return [
      { metric: `tenant_list_render_ms_${COUNT}`, value: median(paints), unit: 'ms' },
      { metric: `tenant_list_render_max_ms_${COUNT}`, value: percentile(paints, 100), unit: 'ms' },
      ...(marks.length > 0 ? [{ metric: `tenant_list_mark_ms_${COUNT}`, value: median(marks), unit: 'ms' }] : []),
      { metric: `tenant_list_rows_in_page_${COUNT}`, value: rowsInPage, unit: 'rows' },
      { metric: `renderer_heap_mb_${COUNT}`, value: heapMb, unit: 'MiB' },
    ];
  } finally {
    await browser?.close();
    await host?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Goals of issue #7 for the renderer, as lines for the report. */
export function rendererGoals(metrics: Metric[]): string[] {
  const value = (name: string) => metrics.find((m) => m.metric === name)?.value;
  const lines: string[] = [];
  const render = value(`tenant_list_render_ms_${COUNT}`);
  if (render !== undefined) lines.push(`tenant list first paint with ${COUNT.toLocaleString('en')} tenants (navigation start → first row, Chromium): ${render.toFixed(0)} ms (goal ≤ 100 ms)`);
  const heap = value(`renderer_heap_mb_${COUNT}`);
  if (heap !== undefined) lines.push(`renderer JS heap with ${COUNT.toLocaleString('en')} tenants listed: ${heap.toFixed(1)} MiB`);
  return lines;
}

// Run on its own: npx tsx test/bench/renderer-bench.ts
if (import.meta.url === `file://${process.argv[1]}`) {
  benchRenderer()
    .then((metrics) => {
      for (const m of metrics) console.log(`${m.metric.padEnd(32)} ${m.value.toFixed(3).padStart(12)} ${m.unit}`);
      for (const line of rendererGoals(metrics)) console.log(line);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
