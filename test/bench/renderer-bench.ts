// Issue #7's renderer benchmark, in Debian's Chromium (Playwright) against the real headless host
// with 1,000 tenants seeded through the core:
// - tenant_list_render_ms_1000: in the running app opened on a tenant's workspace (no list loaded
//   yet), from the click on "All tenants" to the list's first row painted (Element Timing on the
//   row names). It covers the request for 1,000 tenants, its parsing, the render and the paint.
// - app_start_list_paint_ms_1000: a cold page load, from the navigation's start to the same paint
//   (loading the app's code included).
// - renderer_heap_mb_1000: the page's JS heap after a forced GC, with the 1,000 tenants listed.
// Paint times reach Node through a binding, so Playwright evaluates nothing in the page while a
// paint is measured. Called by run-bench.ts; skipped (and said so) when Chromium or the built
// renderer is missing.
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
 * Runs in the page before its scripts: reports each row-name paint (Element Timing; rows carry
 * `elementtiming="tenant-row-name"`) to Node, and notes when the last click happened. Times are
 * the page's (from its navigation's start).
 */
const OBSERVE_ROW_PAINTS = `(() => {
  window.__csdLastClick = null;
  document.addEventListener('click', (event) => { window.__csdLastClick = event.timeStamp; }, true);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.identifier === 'tenant-row-name') window.__csdRowPaint(entry.renderTime || entry.loadTime);
    }
  }).observe({ type: 'element', buffered: true });
})()`;

/** Row paints as the page reports them, and a way to wait for the first one after a time. */
class RowPaints {
  private readonly seen: number[] = [];
  private waiter: { after: number; resolve: (time: number) => void } | null = null;

  report(time: number): void {
    this.seen.push(time);
    if (this.waiter && time > this.waiter.after) {
      this.waiter.resolve(time);
      this.waiter = null;
    }
  }

  reset(): void {
    this.seen.length = 0;
  }

  /** The first paint reported later than `after` (page time), waiting up to 30 s for it. */
  firstAfter(after: number): Promise<number> {
    const found = this.seen.find((time) => time > after);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no row was painted within 30 s')), 30_000);
      this.waiter = {
        after,
        resolve: (time) => {
          clearTimeout(timer);
          resolve(time);
        },
      };
    });
  }
}

/** A cold load of the app on its tenant list: navigation start → first row painted. */
async function coldLoad(page: Page, url: string, paints: RowPaints): Promise<number> {
  // A real navigation every time (the app rewrites its address, so going to it again would not reload).
  await page.goto('about:blank');
  paints.reset();
  await page.goto(url, { waitUntil: 'commit' });
  return paints.firstAfter(0);
}

/**
 * In the running app, the list's first showing: the app is opened on a tenant's workspace (so it
 * holds no list yet), then "All tenants" is clicked → the list's first row painted. This covers
 * the request for all the tenants, its parsing, the render and the paint.
 */
async function listFromWorkspace(page: Page, workspaceUrl: string, paints: RowPaints): Promise<number> {
  await page.goto('about:blank');
  await page.goto(workspaceUrl);
  const back = page.getByRole('link', { name: 'All tenants' });
  await back.waitFor();
  // Let the workspace settle (its requests answered, the switcher's code prefetched when idle).
  await page.waitForTimeout(300);
  paints.reset();
  await back.click();
  const painted = await paints.firstAfter(0);
  const clickedAt = await page.evaluate(() => (globalThis as unknown as { __csdLastClick: number }).__csdLastClick);
  return painted - clickedAt;
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
    const paints = new RowPaints();
    await context.exposeFunction('__csdRowPaint', (time: number) => paints.report(time));
    await context.addInitScript(OBSERVE_ROW_PAINTS);
    const page = await context.newPage();

    const cold: number[] = [];
    for (let i = 0; i < WARMUP_LOADS + LOADS; i++) {
      const time = await coldLoad(page, host.url, paints);
      if (i >= WARMUP_LOADS) cold.push(time);
    }
    // The launch token is in the tab's session storage by now: a workspace address opens without it.
    const firstTenant = await page.getByTestId('tenant-row').first().getByRole('link').getAttribute('href');
    if (!firstTenant) throw new Error('no tenant link in the list');
    const workspaceUrl = `${new URL(host.url).origin}/${firstTenant}`;
    const inApp: number[] = [];
    for (let i = 0; i < WARMUP_LOADS + LOADS; i++) {
      const time = await listFromWorkspace(page, workspaceUrl, paints);
      if (i >= WARMUP_LOADS) inApp.push(time);
    }
    const shown = await page.getByText(`Tenants shown: ${COUNT}`).count();
    if (shown !== 1) throw new Error(`the list does not show ${COUNT} tenants`);
    const rowsInPage = await page.getByTestId('tenant-row').count();
    const heapMb = await heapAfterGc(page);
    return [
      { metric: `tenant_list_render_ms_${COUNT}`, value: median(inApp), unit: 'ms' },
      { metric: `tenant_list_render_max_ms_${COUNT}`, value: percentile(inApp, 100), unit: 'ms' },
      { metric: `app_start_list_paint_ms_${COUNT}`, value: median(cold), unit: 'ms' },
      { metric: `app_start_list_paint_max_ms_${COUNT}`, value: percentile(cold, 100), unit: 'ms' },
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
  if (render !== undefined) lines.push(`tenant list first paint with ${COUNT.toLocaleString('en')} tenants (click "All tenants" → first row painted, Chromium): ${render.toFixed(0)} ms (goal ≤ 100 ms)`);
  const cold = value(`app_start_list_paint_ms_${COUNT}`);
  if (cold !== undefined) lines.push(`app cold start to the same paint (navigation start → first row): ${cold.toFixed(0)} ms (no goal; see the README)`);
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
