import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Real HTTP servers on 127.0.0.1 for answers the sandbox never gives: a web page, a body that is
 * not JSON, or (as a proxy in front of the sandbox) one route's answer rewritten off the contract.
 */
export interface RawServer {
  url: string;
  close(): Promise<void>;
}

export type RawHandler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void | Promise<void>;

export async function startRawServer(handler: RawHandler): Promise<RawServer> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => void handler(req, res, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Forwards to `target` (an origin); `rewrite` may replace the answer of a request. */
export function proxyTo(target: string, rewrite: (method: string, path: string, status: number, body: string) => string | null): RawHandler {
  return (req, res, body) => {
    const upstream = httpRequest(`${target}${req.url}`, { method: req.method, headers: { ...req.headers, host: new URL(target).host } }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const replaced = rewrite(req.method ?? 'GET', new URL(req.url ?? '/', target).pathname, answer.statusCode ?? 500, text);
        const headers = { ...answer.headers };
        delete headers['content-length'];
        res.writeHead(answer.statusCode ?? 500, headers);
        res.end(replaced ?? text);
      });
    });
    upstream.on('error', () => res.destroy());
    upstream.end(body);
  };
}
