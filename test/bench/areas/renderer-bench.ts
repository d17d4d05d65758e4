// The renderer in Debian's Chromium against the real headless host, over a store of N tenants:
// - tenant_list_render_ms_N: in the running app opened on a tenant's workspace (no list loaded
//   yet), from the click on "All tenants" to the list's first row painted. It covers the request
//   for N tenants, its parsing, the render and the paint.
// - app_start_list_paint_ms_N: a cold page load, navigation start → the same paint (loading the
//   app's code included); measured at the base count.
// - empty_page_fcp_ms: the baseline, an empty page's first contentful paint in the same browser,
//   loaded before every sample above so that it sees the same machine load.
// - renderer_heap_mb_N (JS heap after a forced GC) and host_rss_mb_N (the host's resident memory),
//   with the N tenants listed.
// - The floors (harness/list-page-floors.ts), at the base count: the same click answered by the
//   list's markup alone, and the same page as a static document: what the browser takes for the
//   list's paint with no script of the app.
import { spawnSync } from 'node:child_process';
import type { Browser } from '@playwright/test';
import type { BenchPlan } from '../harness/bench-plan';
import { startBenchHost } from '../harness/bench-host';
import { coldLoad, heapAfterGc, launchChromium, openMeasuredPage, startEmptyPageServer, startPageServer, type MeasuredPage, type PageServer } from '../harness/chromium-harness';
import { answerNextClickWithMarkup, takeListMarkup } from '../harness/list-page-floors';
import type { MetricResults } from '../harness/metric-registry';
import { processMemory } from '../harness/process-memory';
import { REPO_ROOT } from '../harness/repo-root';
import type { SeededStores } from '../harness/seeded-stores';
import { median, percentile } from '../harness/stats';
import { METRICS } from '../metrics';

interface ListFigures {
  count: number;
  inApp: number[];
  cold: number[];
  rowsInPage: number;
  heapMb: number;
  hostRssMb: number;
  /** The list's request alone, from Node to the same host: its share of the list's render. */
  listRpcMs: number;
  listRpcKb: number;
  /** The floors, when measured: the click answered by the list's markup alone, and the list as a static page. */
  domSwap: number[];
  staticPage: number[];
}

/** Builds the renderer when its sources changed since the last build (what `npm run host` does). */
function ensureBuilt(): boolean {
  const result = spawnSync(process.execPath, ['scripts/ensure-built.mjs'], { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'], timeout: 5 * 60_000 });
  return result.status === 0;
}

/**
 * In the running app, the list's first showing: the app is opened on a tenant's workspace (so it
 * holds no list yet), then "All tenants" is clicked → the list's first row painted. `beforeClick`
 * may prepare the settled page (the floor's markup swap).
 */
async function listFromWorkspace({ page, paints }: MeasuredPage, workspaceUrl: string, beforeClick?: () => Promise<void>): Promise<number> {
  await page.goto('about:blank');
  await page.goto(workspaceUrl);
  const back = page.getByRole('link', { name: 'All tenants' });
  await back.waitFor({ timeout: 60_000 });
  // Let the workspace settle (its requests answered, the switcher's code prefetched when idle).
  await page.waitForTimeout(300);
  await beforeClick?.();
  paints.reset();
  await back.click();
  const painted = await paints.first('row');
  const clickedAt = await page.evaluate(() => (globalThis as unknown as { __csdLastClick: number }).__csdLastClick);
  return painted - clickedAt;
}

/**
 * How long a sampled page is left to finish what follows its paint (the whole list's request and
 * render, the host's work on it) before the next load: without it, that work overlaps the next
 * sample or baseline.
 */
const SETTLE_MS = 500;

/**
 * `runs` rounds after `warmups`; a round takes one sample of each of `samplers`, in turn, each
 * preceded by an empty page's load (the baseline, kept in `emptyFcps`) and followed by
 * `SETTLE_MS`: figures compared with each other are measured side by side, and none overlaps
 * another's page still at work.
 */
async function samples(runs: number, warmups: number, measured: MeasuredPage, emptyUrl: string, emptyFcps: number[], samplers: ReadonlyArray<() => Promise<number>>): Promise<number[][]> {
  const kept = samplers.map((): number[] => []);
  for (let i = 0; i < warmups + runs; i++) {
    for (const [k, sample] of samplers.entries()) {
      const fcp = await coldLoad(measured, emptyUrl, 'fcp');
      const time = await sample();
      await measured.page.waitForTimeout(SETTLE_MS);
      if (i >= warmups) {
        emptyFcps.push(fcp);
        kept[k]!.push(time);
      }
    }
  }
  return kept;
}

async function measureList(browser: Browser, dataDir: string, count: number, coldStart: boolean, plan: BenchPlan['renderer'], emptyUrl: string, emptyFcps: number[]): Promise<ListFigures> {
  const host = await startBenchHost(dataDir);
  const measured = await openMeasuredPage(browser);
  let staticPage: PageServer | null = null;
  try {
    const { page } = measured;
    // A first load: the launch token lands in the tab's session storage (a workspace address then
    // opens without it), and at the base count the list's markup is taken for the floors.
    await coldLoad(measured, host.url, 'row');
    // The whole list in, the header's tools mounted: the page as a user sees it.
    await page.waitForTimeout(500);
    const markup = coldStart ? await takeListMarkup(page) : null;
    const floorPage = markup ? await startPageServer(markup.staticPage) : null;
    staticPage = floorPage;
    const startSamplers = floorPage ? [() => coldLoad(measured, host.url, 'row'), () => coldLoad(measured, floorPage.url, 'row')] : [];
    const [cold = [], staticLoads = []] = await samples(plan.loads, plan.warmups, measured, emptyUrl, emptyFcps, startSamplers);
    const firstTenant = await page.getByTestId('tenant-row').first().getByRole('link').getAttribute('href');
    if (!firstTenant) throw new Error('no tenant link in the list');
    const workspaceUrl = `${host.origin}/${firstTenant.replace(/^\//, '')}`;
    const listSamplers = [() => listFromWorkspace(measured, workspaceUrl)];
    if (markup) listSamplers.push(() => listFromWorkspace(measured, workspaceUrl, () => answerNextClickWithMarkup(page, markup.app)));
    const [inApp = [], domSwap = []] = await samples(plan.loads, plan.warmups, measured, emptyUrl, emptyFcps, listSamplers);
    // The app's own list again (the last sample may have been the markup swap's).
    await listFromWorkspace(measured, workspaceUrl);
    const shown = await page.getByText(new RegExp(`Tenants shown: ${count.toLocaleString('en')}$|Tenants shown: ${count}$`)).count();
    if (shown !== 1) throw new Error(`the list does not show ${count} tenants`);
    const rpcs: Array<{ ms: number; bytes: number }> = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const { bytes } = await host.rpc('tenants.list', {});
      rpcs.push({ ms: performance.now() - started, bytes });
    }
    return {
      count,
      inApp,
      listRpcMs: median(rpcs.map((r) => r.ms)),
      listRpcKb: rpcs[0]!.bytes / 1024,
      cold,
      rowsInPage: await page.getByTestId('tenant-row').count(),
      heapMb: await heapAfterGc(page),
      hostRssMb: processMemory(host.pid).rssMb,
      domSwap,
      staticPage: staticLoads,
    };
  } finally {
    await staticPage?.close();
    await measured.context.close();
    await host.stop();
  }
}

export async function benchRenderer(plan: BenchPlan, stores: SeededStores, results: MetricResults): Promise<void> {
  if (!ensureBuilt()) {
    console.error('renderer bench skipped: the renderer could not be built');
    return;
  }
  const browser = await launchChromium();
  if (!browser) return;
  const empty = await startEmptyPageServer();
  const emptyFcps: number[] = [];
  const figures: ListFigures[] = [];
  try {
    const { base, large } = plan.renderer;
    figures.push(await measureList(browser, stores.get(base).dataDir, base, true, plan.renderer, empty.url, emptyFcps));
    if (large !== null) figures.push(await measureList(browser, stores.get(large).dataDir, large, false, plan.renderer, empty.url, emptyFcps));
  } finally {
    await browser.close();
    await empty.close();
  }
  const emptyMs = median(emptyFcps);
  results.record(METRICS.emptyPageFcp, emptyMs);
  for (const f of figures) {
    results.record(METRICS.listRender(f.count), median(f.inApp));
    results.record(METRICS.listRenderMax(f.count), percentile(f.inApp, 100));
    results.record(METRICS.listRenderVsEmpty(f.count), median(f.inApp) / emptyMs);
    if (f.cold.length) {
      results.record(METRICS.appStart(f.count), median(f.cold));
      results.record(METRICS.appStartMax(f.count), percentile(f.cold, 100));
      results.record(METRICS.appStartVsEmpty(f.count), median(f.cold) / emptyMs);
    }
    if (f.domSwap.length) {
      results.record(METRICS.listDomSwap(f.count), median(f.domSwap));
      results.record(METRICS.listDomSwapVsEmpty(f.count), median(f.domSwap) / emptyMs);
      results.record(METRICS.listRenderOverFloor(f.count), median(f.inApp) / median(f.domSwap));
    }
    if (f.staticPage.length) {
      results.record(METRICS.staticListPage(f.count), median(f.staticPage));
      results.record(METRICS.staticListPageVsEmpty(f.count), median(f.staticPage) / emptyMs);
      if (f.cold.length) results.record(METRICS.appStartOverFloor(f.count), median(f.cold) / median(f.staticPage));
    }
    results.record(METRICS.listRpcOverHttp(f.count), f.listRpcMs);
    results.record(METRICS.listRpcSize(f.count), f.listRpcKb);
    results.record(METRICS.rowsInPage(f.count), f.rowsInPage);
    results.record(METRICS.rendererHeap(f.count), f.heapMb);
    results.record(METRICS.hostRss(f.count), f.hostRssMb);
  }
}
