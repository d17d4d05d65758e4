import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import type { Core } from '../../../electron/core/open-core';
import { rpcContract, isRpcChannel } from '../../../shared/rpc/contract';
import type { RpcErrorBody } from '../../../shared/rpc/rpc-error';
import { insideKeyringSession } from '../../support/keyring/keyring-sandbox';
import { clearStoreEntries, storeValues } from '../vault/store-entries';

/** Keychain-dependent tests run inside scripts/with-keyring.sh and skip elsewhere, saying why. */
export const INSIDE_KEYRING = insideKeyringSession();
export const KEYRING_SKIP_REASON =
  'needs a private keyring session: run `bash scripts/with-keyring.sh npx vitest run test/integration/api-connections test/integration/rpc`';

/** A marker nobody else writes: every secret of a test carries one, so a leak can be searched for. */
export function marker(): string {
  return `MK${randomBytes(6).toString('hex').toUpperCase()}`;
}

/** The seed's examples (the platform's own help text), with secrets that carry `m`. */
export function seedConnection(m: string, overrides: Record<string, unknown> = {}) {
  return {
    name: 'Jurnal',
    description: 'Accounting in Jurnal',
    code: 'JURNAL API',
    baseUrl: 'https://api.jurnal.id',
    settings: { owner_email: `sandbox+${m}@qontak.com`, nested: { pin: `${m}-pin`, list: [1, `${m}-in-list`] } },
    headers: { apikey: `${m}-xxxxxxxx`, 'X-Client': `${m}-client` },
    token: { token_type: 'bearer', access_token: `${m}-access-token`, expires_in: 7200, refresh_token: `${m}-refresh-token`, created_at: 1732406400 },
    ...overrides,
  };
}

/**
 * Calls through the dispatcher like the renderer does, checking every answer against the
 * contract, and keeps every answer so that a test can search them all for leaks.
 */
export class RpcRecorder {
  readonly answers: string[] = [];

  constructor(private readonly core: Core) {}

  async ok<T = unknown>(channel: string, input: unknown): Promise<T> {
    const result = await this.core.dispatcher.dispatch(channel, input);
    this.answers.push(JSON.stringify(result));
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
    if (isRpcChannel(channel)) expect(rpcContract[channel].output.parse(result.value)).toEqual(result.value);
    return result.value as T;
  }

  async error(channel: string, input: unknown): Promise<RpcErrorBody> {
    const result = await this.core.dispatcher.dispatch(channel, input);
    this.answers.push(JSON.stringify(result));
    expect(result.ok, `${channel} should have failed`).toBe(false);
    if (result.ok) throw new Error('unreachable');
    return result.error;
  }

  /** Every answer so far, as one text. */
  text(): string {
    return this.answers.join('\n');
  }
}

/** Which store's keychain entries: a core's vault (`core.services.vault`) or any other holder of an installation id. */
export interface StoreOfEntries {
  installationId: string;
}

/**
 * The keychain values of one store, as account (without the installation prefix,
 * `<tenantId>/<owner>/<field>`, a tenant's sets entry taken apart: storeValues) → value, sorted
 * (compare two snapshots; never print one).
 */
export async function keychainSnapshot(store: StoreOfEntries): Promise<Array<[string, string]>> {
  return (await storeValues(store.installationId)).map((e): [string, string] => [e.account, e.password]);
}

export async function keychainAccounts(store: StoreOfEntries): Promise<string[]> {
  return (await keychainSnapshot(store)).map(([account]) => account);
}

export async function clearStore(store: StoreOfEntries): Promise<void> {
  await clearStoreEntries(store.installationId);
}

/** A server on 127.0.0.1 that answers 200 to everything and keeps the headers it got. */
export async function startRecordingServer(): Promise<{ base: string; seen: Array<{ path: string; headers: IncomingHttpHeaders }>; close(): Promise<void> }> {
  const seen: Array<{ path: string; headers: IncomingHttpHeaders }> = [];
  const server: Server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', headers: req.headers });
    res.writeHead(req.url === '/missing' ? 404 : 200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
