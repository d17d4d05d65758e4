// Debian's Chromium driven by Playwright, as the renderer bench measures with it: paints reach
// Node through a binding (Element Timing for the tenant rows, Paint Timing for the first
// contentful paint), so Playwright evaluates nothing in the page while a paint is measured.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';

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

export type PaintKind = 'row' | 'fcp';

/**
 * Runs in every page before its scripts: reports the first contentful paint and each row-name
 * paint (rows carry `elementtiming="tenant-row-name"`) to Node, and notes when the last click
 * happened. Times are the page's (from its navigation's start).
 */
const OBSERVE_PAINTS = `(() => {
  window.__csdLastClick = null;
  document.addEventListener('click', (event) => { window.__csdLastClick = event.timeStamp; }, true);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.identifier === 'tenant-row-name') window.__csdPaint('row', entry.renderTime || entry.loadTime);
    }
  }).observe({ type: 'element', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name === 'first-contentful-paint') window.__csdPaint('fcp', entry.startTime);
    }
  }).observe({ type: 'paint', buffered: true });
})()`;

/** Paints as the pages report them, and a way to wait for the first of a kind. */
export class PaintReports {
  private readonly seen: Array<{ kind: PaintKind; time: number }> = [];
  private waiter: { kind: PaintKind; resolve: (time: number) => void } | null = null;

  report(kind: PaintKind, time: number): void {
    this.seen.push({ kind, time });
    if (this.waiter?.kind === kind) {
      this.waiter.resolve(time);
      this.waiter = null;
    }
  }

  reset(): void {
    this.seen.length = 0;
    this.waiter = null;
  }

  /** The first paint of `kind` since the last reset (page time), waiting up to 60 s for it. */
  first(kind: PaintKind): Promise<number> {
    const found = this.seen.find((paint) => paint.kind === kind);
    if (found) return Promise.resolve(found.time);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${kind} paint within 60 s`)), 60_000);
      this.waiter = {
        kind,
        resolve: (time) => {
          clearTimeout(timer);
          resolve(time);
        },
      };
    });
  }
}

export interface MeasuredPage {
  context: BrowserContext;
  page: Page;
  paints: PaintReports;
}

/** Chromium, or null (and says why) when it is not installed. */
export async function launchChromium(): Promise<Browser | null> {
  if (!existsSync(CHROMIUM)) {
    console.error(`renderer bench skipped: no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);
    return null;
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** A fresh context (its own session storage) with one page whose paints are reported. */
export async function openMeasuredPage(browser: Browser): Promise<MeasuredPage> {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
  const paints = new PaintReports();
  await context.exposeFunction('__csdPaint', (kind: PaintKind, time: number) => paints.report(kind, time));
  await context.addInitScript(OBSERVE_PAINTS);
  return { context, page: await context.newPage(), paints };
}

/** A real navigation to `url` from a blank page: navigation start → the first paint of `kind`. */
export async function coldLoad({ page, paints }: MeasuredPage, url: string, kind: PaintKind): Promise<number> {
  await page.goto('about:blank');
  paints.reset();
  await page.goto(url, { waitUntil: 'commit' });
  return paints.first(kind);
}

/** The page's JS heap after a forced garbage collection, in MiB. */
export async function heapAfterGc(page: Page): Promise<number> {
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

/** The empty page of the baseline: one line of text (something to paint), no script, no style. */
const EMPTY_PAGE = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Empty</title></head><body><p>Empty page</p></body></html>';

/** Serves the empty page on 127.0.0.1 (like the host: loopback HTTP). */
export function startEmptyPageServer(): Promise<PageServer> {
  return startPageServer(EMPTY_PAGE);
}

export interface PageServer {
  url: string;
  close: () => Promise<void>;
}

/** Serves one fixed HTML page on 127.0.0.1, never cached (each load is a real one). */
export async function startPageServer(html: string): Promise<PageServer> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    response.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
