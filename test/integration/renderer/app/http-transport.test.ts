// @vitest-environment node
// The headless host's transport against the real host and the real core (Node's own fetch: the
// browser environment's fetch would apply a page origin the host rightly refuses).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../../electron/core/open-core';
import { startHostServer, type HostServer } from '../../../../electron/host/server';
import { createHttpTransport } from '../../../../renderer/src/api/http-transport';
import { createRpcClient } from '../../../../renderer/src/api/rpc-client';
import { RpcClientError } from '../../../../renderer/src/api/rpc-client-error';

let dir: string;
let core: Core;
let host: HostServer;
const closers: Array<() => void> = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'renderer-http-'));
  core = openCore({ dataDir: join(dir, 'data'), appVersion: 'test', transport: 'host', onUnexpectedError: () => undefined });
  host = await startHostServer({ core, rendererDir: dir, port: 0 });
});
afterEach(async () => {
  for (const close of closers.splice(0)) close();
  await host.close();
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function transport(token: string, onUnauthorized: () => void = () => undefined) {
  const created = createHttpTransport({
    baseUrl: host.origin.replace(/\/$/, ''),
    token,
    onUnauthorized,
    reconnect: { initialMs: 50, maxMs: 200 },
  });
  closers.push(() => created.close());
  return created;
}

describe('HTTP transport to the headless host', () => {
  it('calls the core with the token and gets typed results and typed errors', async () => {
    const client = createRpcClient(transport(host.token));
    const tenant = await client.call('tenants.create', { name: 'Acme' });
    expect((await client.call('tenants.list', {})).map((item) => item.id)).toEqual([tenant.id]);

    const refused = await client.call('tenants.create', { name: '  ' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RpcClientError);
    expect(refused).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['name'], message: 'tenant.name.required' }] });

    const unknown = await createRpcClient(transport(host.token))
      .call('nope.nothing' as 'app.info', {})
      .catch((error: unknown) => error);
    expect(unknown).toMatchObject({ code: 'UNKNOWN_CHANNEL' });
  });

  it('reports a wrong token as UNAUTHORIZED and tells the app, for calls and for the event stream', async () => {
    let told = 0;
    const api = transport('not-the-token', () => told++);
    const client = createRpcClient(api);
    await expect(client.call('tenants.list', {})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(told).toBe(1);
    api.on('tenant.changed', () => undefined);
    await until(() => told === 2);
  });

  it('delivers core events over server-sent events and reconnects after the stream drops', async () => {
    const client = createRpcClient(transport(host.token));
    const seen: Array<string | null> = [];
    client.on('tenant.changed', ({ tenantId }) => seen.push(tenantId));

    // Writes to the tenant until its event arrives (the stream may not be up for the first write).
    async function writeUntilSeen(name: string): Promise<void> {
      const { id } = core.services.tenants.create({ name });
      let round = 0;
      await until(() => {
        if (seen.includes(id)) return true;
        if (++round % 5 === 0) core.services.tenants.update({ id, name: `${name} ${round}` });
        return false;
      }, 8000);
    }

    await writeUntilSeen('First');
    // The host goes away and comes back on the same port with the same token.
    const { port, token } = host;
    await host.close();
    host = await startHostServer({ core, rendererDir: dir, port, token });
    await writeUntilSeen('Second');
  });

  it('turns an unreachable host into UNREACHABLE', async () => {
    const client = createRpcClient(transport(host.token));
    await host.close();
    await expect(client.call('tenants.list', {})).rejects.toMatchObject({ code: 'UNREACHABLE' });
    host = await startHostServer({ core, rendererDir: dir, port: 0 });
  });
});
