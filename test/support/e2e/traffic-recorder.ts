import type { Page, Response } from '@playwright/test';
import { HOST_PATHS } from '../../../shared/rpc/contract';

export interface RecordedBody {
  /** `rpc apiConnections.create #3`, `request apiConnections.create` … */
  source: string;
  body: Buffer;
}

/**
 * Keeps the body of every RPC response the page receives from the host (`POST /rpc/<channel>`),
 * read as soon as it arrives, and of every RPC request it sends. `responses()` waits for the reads
 * still under way and fails if one could not be read: a body the test could not see is not a body
 * proven clean.
 */
export class RpcTrafficRecorder {
  private readonly reads: Array<Promise<RecordedBody>> = [];
  private readonly sent: RecordedBody[] = [];
  private count = 0;

  constructor(page: Page) {
    page.on('request', (request) => {
      if (request.method() !== 'POST' || !isRpcUrl(request.url())) return;
      this.sent.push({ source: `request ${channelOf(request.url())}`, body: request.postDataBuffer() ?? Buffer.alloc(0) });
    });
    page.on('response', (response) => {
      if (!isRpc(response)) return;
      const source = `rpc ${channelOf(response.url())} #${++this.count}`;
      const read = response.body().then(
        (body) => ({ source, body }),
        (error: unknown) => {
          throw new Error(`the body of ${source} could not be read: ${String(error)}`);
        },
      );
      read.catch(() => undefined); // reported by responses(), not as an unhandled rejection
      this.reads.push(read);
    });
  }

  async responses(): Promise<RecordedBody[]> {
    return Promise.all(this.reads);
  }

  /** What the page sent (where the secrets rightly are: the leak test's proof that its scan finds them). */
  requests(): RecordedBody[] {
    return [...this.sent];
  }
}

function channelOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(HOST_PATHS.rpc.length));
}

function isRpcUrl(url: string): boolean {
  return new URL(url).pathname.startsWith(HOST_PATHS.rpc);
}

function isRpc(response: Response): boolean {
  return response.request().method() === 'POST' && isRpcUrl(response.url());
}

/**
 * What the page's own event stream (`GET /events`, read by the renderer through fetch) carried.
 * Chromium keeps no body of a streamed response for the test to read, so a script that runs
 * before the app's wraps `fetch`: for the event stream it tees the body, hands the app one branch
 * unchanged and sends the other's text here. Survives reloads (the script runs on each page).
 */
export class PageEventStreamTap {
  private readonly chunks: string[] = [];

  private constructor() {}

  /** Installs the tap; call before the page opens the app. */
  static async install(page: Page): Promise<PageEventStreamTap> {
    const tap = new PageEventStreamTap();
    await page.exposeFunction('__e2eEventChunk', (chunk: string) => {
      tap.chunks.push(chunk);
    });
    // Runs in the page (where `window` is globalThis); typed through globalThis for the node project.
    await page.addInitScript((eventsPath: string) => {
      const win = globalThis as unknown as { __e2eEventChunk(chunk: string): Promise<void>; location: { href: string } };
      const original = globalThis.fetch.bind(globalThis);
      globalThis.fetch = async (...args: Parameters<typeof fetch>) => {
        const response = await original(...args);
        const [input] = args;
        const url = new URL(input instanceof Request ? input.url : String(input), win.location.href);
        if (url.pathname !== eventsPath || !response.body) return response;
        const [forApp, forTest] = response.body.tee();
        void (async () => {
          const reader = forTest.getReader();
          const decoder = new TextDecoder();
          for (;;) {
            const { done, value } = await reader.read();
            if (done) return;
            await win.__e2eEventChunk(decoder.decode(value, { stream: true }));
          }
        })().catch(() => undefined);
        return new Response(forApp, { status: response.status, statusText: response.statusText, headers: response.headers });
      };
    }, HOST_PATHS.events);
    return tap;
  }

  /** Everything the page's event streams carried so far, across reloads. */
  text(): string {
    return this.chunks.join('');
  }
}
