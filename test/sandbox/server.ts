import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WIRE_BASE_PATH } from '../../shared/wire/http';
import { openSandboxDb } from './store/database';
import { createStores } from './store/stores';
import { seedDemoData } from './seed';
import { FaultInjector } from './faults';
import { SandboxStats } from './stats';
import { handleApiRequest } from './api-request';
import { ADMIN_PREFIX, ADMIN_SECRET_HEADER, handleAdminRequest, secretMatches } from './admin';
import { createQontakMode, QONTAK_ADMIN_PREFIX, QONTAK_PREFIX, type QontakModeOptions, type QontakSandboxControl } from './qontak/qontak-mode';
import { createLegacyChatService, LEGACY_TOKEN_PATH, type LegacyChatService } from './qontak/legacy-chat-service';
import { errorAnswer, send } from './http/respond';
import { WireHttpError } from './http/wire-http-error';

/**
 * The sandbox backend: a real HTTP server on 127.0.0.1 implementing the whole contract of
 * api/openapi.json with its own SQLite file in `dataDir`. Tests start it in-process with
 * startSandbox(); people and end-to-end tests run `npm run sandbox` (cli.ts).
 */
export interface SandboxOptions {
  dataDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Access token lifetime in seconds (default 3600). */
  tokenTtlSeconds?: number;
  /** Refresh token lifetime in seconds (default 30 days). */
  refreshTtlSeconds?: number;
  /** For how long a spent refresh token is still accepted, in seconds (default 0: refused at once). */
  refreshReuseGraceSeconds?: number;
  /** Enables the admin API (/__admin) for requests carrying this secret. Off when absent. */
  adminSecret?: string | null;
  /** Largest request body, in bytes (default 1 MiB). */
  maxBodyBytes?: number;
  /** The clock (tests of expiry). */
  now?: () => number;
  /** The Qontak mode's settings (Mekari's /qontak/... routes, always served): its tenants, rate limit, Date tolerance. */
  qontak?: Omit<QontakModeOptions, 'accountOf' | 'serveContract' | 'now'>;
}

export interface RunningSandbox {
  /** `http://127.0.0.1:PORT/api/open/v1` */
  baseUrl: string;
  origin: string;
  port: number;
  /** The Qontak mode's tenants, for tests in-process (the admin API has the same under /__admin/qontak). */
  qontak: QontakSandboxControl;
  /** The legacy chat-service's token route at the root (POST /oauth/token, with the OAuth client). */
  legacy: Pick<LegacyChatService, 'grants'>;
  close(): Promise<void>;
}

export const DEFAULT_TOKEN_TTL_SECONDS = 3600;
export const DEFAULT_REFRESH_TTL_SECONDS = 30 * 24 * 3600;

export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const now = options.now ?? Date.now;
  const db = openSandboxDb(options.dataDir);
  const stores = createStores(db, {
    accessTtlSeconds: options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS,
    refreshTtlSeconds: options.refreshTtlSeconds ?? DEFAULT_REFRESH_TTL_SECONDS,
    refreshReuseGraceSeconds: options.refreshReuseGraceSeconds ?? 0,
    now,
  });
  seedDemoData(stores);
  const faults = new FaultInjector();
  const stats = new SandboxStats();
  const hanging = new Set<ServerResponse>();
  let closed: Promise<void> | null = null;
  const apiEnv = { stores, faults, stats, hanging, maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024, closing: () => closed !== null };
  // An empty secret would let an empty header in: treat it as "no admin API".
  const adminSecret = options.adminSecret ? options.adminSecret : null;

  const qontak = createQontakMode({
    ...options.qontak,
    now,
    accountOf: (username) => stores.tenants.byUsername(username),
    serveContract: (req, res, url, access) => handleApiRequest(apiEnv, req, res, url, access),
  });

  const legacy = createLegacyChatService(stores);

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const isAdmin = adminSecret !== null && (url.pathname === ADMIN_PREFIX || url.pathname.startsWith(`${ADMIN_PREFIX}/`));
    const work =
      isAdmin && url.pathname.startsWith(`${QONTAK_ADMIN_PREFIX}/`) && secretMatches(adminSecret, req.headers[ADMIN_SECRET_HEADER.toLowerCase()] as string | undefined)
        ? qontak.handleAdmin(req, res, url)
        : isAdmin
        ? handleAdminRequest({ stores, faults, stats, secret: adminSecret }, req, res, url)
        : url.pathname.startsWith(QONTAK_PREFIX)
          ? qontak.handle(req, res, url)
        : url.pathname === LEGACY_TOKEN_PATH
          ? legacy.handle(req, res, url)
        : url.pathname.startsWith(`${WIRE_BASE_PATH}/`)
          ? handleApiRequest(apiEnv, req, res, url)
          : Promise.resolve(send(res, errorAnswer(new WireHttpError('not_found', `Nothing at ${url.pathname}: the API is under ${WIRE_BASE_PATH}.`))));
    work.catch((error: unknown) => {
      console.error('sandbox: request failed', error);
      if (!res.headersSent) send(res, errorAnswer(new WireHttpError('internal', 'The sandbox failed to handle this request.')));
    });
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    baseUrl: `${origin}${WIRE_BASE_PATH}`,
    origin,
    port,
    qontak: qontak.control,
    legacy: { grants: legacy.grants },
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => {
          db.close();
          resolve();
        });
        // Hanging requests and idle keep-alive connections would hold close() forever.
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
