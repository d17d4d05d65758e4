import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { QontakClient, type QontakClientOptions } from '../../../electron/core/backends/qontak/qontak-client';
import { isQontakError, type QontakError } from '../../../electron/core/backends/qontak/qontak-error';
import { RequestPacer } from '../../../electron/core/backends/qontak/request-pacer';
import { createCoreDispatcher, type CoreDispatcher } from '../../../electron/core/net/core-dispatcher';
import { demoQontakTenants } from '../../sandbox/qontak/demo-qontak';
import { openSandbox, type SandboxFixture } from './sandbox-fixture';

/** The sandbox's demo HMAC credentials (test/sandbox/README.md): Acme (settings routes on), Borneo (off), Cendana (no CRM). */
export const [ACME_HMAC, BORNEO_HMAC, CENDANA_HMAC] = demoQontakTenants() as [ReturnType<typeof demoQontakTenants>[number], ReturnType<typeof demoQontakTenants>[number], ReturnType<typeof demoQontakTenants>[number]];

type Credentials = { clientId: string; clientSecret: string };

/**
 * A Qontak client for tests: fast pacing (the rate logic has tests of its own), a short timeout and
 * short retry waits. `network`: the core dispatcher to send through (proxies, extra CAs).
 */
export function testQontakClient(baseUrl: string, credentials: Credentials, network: Pick<CoreDispatcher, 'dispatcher' | 'proxyFor'>, options: Partial<QontakClientOptions> = {}): QontakClient {
  return new QontakClient({
    baseUrl,
    credentials: { clientId: credentials.clientId, clientSecret: credentials.clientSecret },
    dispatcher: network.dispatcher,
    proxyFor: network.proxyFor,
    pacer: new RequestPacer({ requestsPerMinute: 60_000, burst: 20 }),
    timeoutMs: 5_000,
    retry: { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 100, maxRetryAfterMs: 5_000 },
    ...options,
  });
}

/** The QontakError a call fails with (anything else fails the test). */
export async function qontakFailure(promise: Promise<unknown>): Promise<QontakError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isQontakError(error)) throw new Error(`expected a QontakError, got ${String(error)}`);
  return error;
}

/** Runs `work` against a server on 127.0.0.1 that answers every request with an HTML page (a base URL that is not the Mekari API). */
export async function withHtmlServer<T>(status: number, html: string, work: (origin: string) => Promise<T>): Promise<T> {
  const server = createServer((_req, res) => {
    res.writeHead(status, { 'Content-Type': 'text/html' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await work(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

export interface QontakFixture {
  readonly fixture: SandboxFixture;
  /** A direct dispatcher: no proxy from this machine's environment gets in the way. */
  readonly network: CoreDispatcher;
  client(credentials: Credentials, options?: Partial<QontakClientOptions>): QontakClient;
}

/** The sandbox (contract and Qontak mode) for one test file, and Qontak clients for its credentials (pages of 5). */
export function useQontakSandbox(): QontakFixture {
  let fixture: SandboxFixture | null = null;
  const network = createCoreDispatcher({ env: {} });
  beforeAll(async () => {
    fixture = await openSandbox();
  });
  afterAll(async () => {
    await fixture?.close();
    await network.close();
  });
  return {
    get fixture() {
      if (!fixture) throw new Error('sandbox not started');
      return fixture;
    },
    network,
    client(credentials, options = {}) {
      return testQontakClient(this.fixture.sandbox.origin, credentials, { dispatcher: network.dispatcher, proxyFor: () => null }, { pageSize: 5, ...options });
    },
  };
}
