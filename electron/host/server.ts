import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HOST_PATHS, type RpcDispatcher } from '../../shared/rpc/contract';
import { EventStreams, type CoreEventSource } from './event-stream';
import { bearerMatches, createLaunchToken } from './launch-token';
import { isAllowedHost, isAllowedOrigin } from './request-origin';
import { applyCommonHeaders, sendRpcError } from './responses';
import { handleRpcRequest } from './rpc-route';
import { createStaticHandler } from './static-route';

/** What the host needs of the core: its router and its events (core.dispatcher, core.onEvent). */
export interface HostCore {
  readonly dispatcher: RpcDispatcher;
  onEvent: CoreEventSource;
}

export interface HostServerOptions {
  core: HostCore;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** 0 picks any free port. */
  port: number;
  /** Only for tests; a launch normally gets a fresh random token. */
  token?: string;
}

export interface HostServer {
  readonly port: number;
  readonly token: string;
  /** http://127.0.0.1:PORT/ */
  readonly origin: string;
  /** The address to open: the page, with the token in the fragment (never sent over HTTP). */
  readonly launchUrl: string;
  close(): Promise<void>;
}

/** The loopback address the host binds to, and nothing else. */
export const HOST_ADDRESS = '127.0.0.1';

/**
 * The headless host: the built renderer and the core's RPC over HTTP on 127.0.0.1, for browsers
 * and end-to-end tests where no Electron runtime exists (README, "Architecture").
 */
export async function startHostServer(options: HostServerOptions): Promise<HostServer> {
  const token = options.token ?? createLaunchToken();
  const serveStatic = createStaticHandler(options.rendererDir);
  const events = new EventStreams((listener) => options.core.onEvent(listener));
  let port = 0;

  const server = createServer((req, res) => {
    route(req, res).catch(() => {
      if (!res.headersSent) sendRpcError(res, 'INTERNAL', 'The host failed to answer this request.');
      else res.destroy();
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    applyCommonHeaders(res);
    if (!isAllowedHost(req.headers.host, port) || !isAllowedOrigin(header(req, 'origin'), port)) {
      sendRpcError(res, 'FORBIDDEN', 'This host only answers its own page on 127.0.0.1.');
      return;
    }
    const pathname = pathOf(req);
    const isRpc = pathname.startsWith(HOST_PATHS.rpc);
    const isEvents = pathname === HOST_PATHS.events;
    if (!isRpc && !isEvents) {
      serveStatic(req, res);
      return;
    }
    if (!bearerMatches(header(req, 'authorization'), token)) {
      sendRpcError(res, 'UNAUTHORIZED', 'Missing or wrong session token: open the address the host printed.', {
        'WWW-Authenticate': 'Bearer',
      });
      return;
    }
    if (isEvents) {
      if (req.method !== 'GET') sendRpcError(res, 'BAD_REQUEST', `Use GET for ${HOST_PATHS.events}.`, { Allow: 'GET' });
      else events.accept(req, res);
      return;
    }
    await handleRpcRequest(req, res, pathname, options.core.dispatcher);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, HOST_ADDRESS, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://${HOST_ADDRESS}:${port}`;

  return {
    port,
    token,
    origin: `${origin}/`,
    launchUrl: `${origin}/#token=${token}`,
    close: () => closeServer(server, events),
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function pathOf(req: IncomingMessage): string {
  const raw = req.url ?? '/';
  const end = raw.search(/[?#]/);
  return end === -1 ? raw : raw.slice(0, end);
}

function closeServer(server: Server, events: EventStreams): Promise<void> {
  events.close();
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Keep-alive sockets would hold close() open; nobody is mid-request once we are closing.
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 1_000).unref();
  });
}
