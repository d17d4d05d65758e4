import { afterAll, beforeAll } from 'vitest';
import { openSandbox, type SandboxFixture } from '../../support/sandbox/sandbox-fixture';
import { QontakClient, type QontakClientOptions } from '../../../electron/core/backends/qontak/qontak-client';
import { RequestPacer } from '../../../electron/core/backends/qontak/request-pacer';
import { createCoreDispatcher, type CoreDispatcher } from '../../../electron/core/net/core-dispatcher';
import { demoQontakTenants } from '../../sandbox/qontak/demo-qontak';

/** The sandbox (contract and Qontak mode) for one test file, and Qontak clients for its demo credentials. */
export const [ACME_HMAC, BORNEO_HMAC, CENDANA_HMAC] = demoQontakTenants() as [ReturnType<typeof demoQontakTenants>[number], ReturnType<typeof demoQontakTenants>[number], ReturnType<typeof demoQontakTenants>[number]];

export interface QontakFixture {
  readonly fixture: SandboxFixture;
  /** A direct dispatcher: no proxy from this machine's environment gets in the way. */
  readonly network: CoreDispatcher;
  client(credentials: { clientId: string; clientSecret: string }, options?: Partial<QontakClientOptions>): QontakClient;
}

/** Fast pacing and short retry waits, so that tests stay short; the rate logic has tests of its own. */
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
      return new QontakClient({
        baseUrl: this.fixture.sandbox.origin,
        credentials: { clientId: credentials.clientId, clientSecret: credentials.clientSecret },
        dispatcher: network.dispatcher,
        proxyFor: () => null,
        pacer: new RequestPacer({ requestsPerMinute: 60_000, burst: 20 }),
        pageSize: 5,
        timeoutMs: 5_000,
        retry: { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 100, maxRetryAfterMs: 5_000 },
        ...options,
      });
    },
  };
}
