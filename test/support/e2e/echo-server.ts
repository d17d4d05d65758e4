import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  /** Path and query, as the request line had them. */
  url: string;
  headers: IncomingHttpHeaders;
}

export interface EchoReply {
  status: number;
  /** The reason phrase of the status line (a hostile server may put anything there). */
  statusMessage?: string;
  body?: string;
}

export interface EchoServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** Every request received, in order. */
  readonly requests: ReceivedRequest[];
  /** Resolves with the next request received from now on. */
  nextRequest(timeoutMs?: number): Promise<ReceivedRequest>;
  close(): Promise<void>;
}

/**
 * The API a `Test connection` reaches: a real HTTP server on 127.0.0.1 (port 0) that records each
 * request and answers with `reply(request)` (200 `{"ok":true}` by default).
 */
export async function startEchoServer(reply: (request: ReceivedRequest) => EchoReply = () => ({ status: 200, body: '{"ok":true}' })): Promise<EchoServer> {
  const requests: ReceivedRequest[] = [];
  const waiters: Array<(request: ReceivedRequest) => void> = [];
  const server = createServer((req, res) => {
    const received: ReceivedRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers };
    requests.push(received);
    waiters.splice(0).forEach((wake) => wake(received));
    req.resume();
    req.on('end', () => {
      const answer = reply(received);
      res.statusCode = answer.status;
      if (answer.statusMessage !== undefined) res.statusMessage = answer.statusMessage;
      res.setHeader('Content-Type', 'application/json');
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    nextRequest(timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no request reached the echo server within ${timeoutMs} ms`)), timeoutMs);
        waiters.push((request) => {
          clearTimeout(timer);
          resolve(request);
        });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
