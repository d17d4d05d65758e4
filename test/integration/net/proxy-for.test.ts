import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { EnvHttpProxyAgent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCoreDispatcher } from '../../../electron/core/net/core-dispatcher';

/**
 * The core dispatcher's `proxyFor` (what a failure message names as the way a request went) must
 * say the route undici's EnvHttpProxyAgent really takes. Each case is checked both ways: proxyFor,
 * and a real request through undici with the same settings, where a proxy on 127.0.0.1 answers
 * "proxy" and the target (every host name resolved to 127.0.0.1 for the test) answers "direct".
 * No name is looked up in DNS.
 */
let proxy: Server;
let target: Server;
let proxyUrl: string;
let port: number;

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  proxy = createServer((_req, res) => res.end('proxy'));
  // undici tunnels through the proxy (CONNECT) for http:// targets too: the tunnel ends here, at
  // this same server, which answers the request sent through it.
  proxy.on('connect', (_req, socket: Socket) => {
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    proxy.emit('connection', socket);
  });
  target = createServer((_req, res) => res.end('direct'));
  proxyUrl = `http://127.0.0.1:${await listen(proxy)}`;
  port = await listen(target);
});

afterAll(async () => {
  for (const server of [proxy, target]) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

/** Every host name to 127.0.0.1, as net.connect asks (with `all`, a list). */
function loopbackLookup(_host: string, options: { all?: boolean }, callback: (error: null, address: string | Array<{ address: string; family: number }>, family?: number) => void): void {
  if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
}

/** Where undici sends a request to `url` with these settings: 'proxy' or 'direct'. */
async function undiciRoute(noProxy: string, url: string): Promise<string> {
  const agent = new EnvHttpProxyAgent({
    httpProxy: proxyUrl,
    httpsProxy: proxyUrl,
    noProxy,
    connect: { lookup: loopbackLookup },
  } as ConstructorParameters<typeof EnvHttpProxyAgent>[0]);
  try {
    const response = await request(url, { dispatcher: agent });
    return await response.body.text();
  } finally {
    await agent.close();
  }
}

function coreRoute(noProxy: string, url: string): string {
  const core = createCoreDispatcher({ env: { HTTP_PROXY: proxyUrl, ...(noProxy ? { NO_PROXY: noProxy } : {}) } });
  try {
    return core.proxyFor(new URL(url)) === null ? 'direct' : 'proxy';
  } finally {
    void core.close();
  }
}

describe('proxyFor says the route undici takes', () => {
  const cases: Array<[noProxy: string, host: string, expected: 'proxy' | 'direct']> = [
    ['', 'corp.test', 'proxy'],
    ['*', 'corp.test', 'direct'],
    ['localhost,*', 'corp.test', 'proxy'],
    ['corp.test', 'corp.test', 'direct'],
    ['corp.test', 'api.corp.test', 'direct'],
    ['corp.test', 'notcorp.test', 'proxy'],
    ['.corp.test', 'corp.test', 'direct'],
    ['*.corp.test', 'api.corp.test', 'direct'],
    ['CORP.Test', 'api.corp.test', 'direct'],
    ['other.test api.corp.test', 'api.corp.test', 'direct'],
    ['other.test, x.corp.test', 'api.corp.test', 'proxy'],
  ];
  for (const [noProxy, host, expected] of cases) {
    it(`NO_PROXY “${noProxy}”, ${host}: ${expected}`, async () => {
      const url = `http://${host}:${port}/`;
      expect(coreRoute(noProxy, url)).toBe(expected);
      expect(await undiciRoute(noProxy, url)).toBe(expected);
    });
  }

  it('an entry with a port matches that port only', async () => {
    const entry = `corp.test:${port}`;
    expect(coreRoute(entry, `http://corp.test:${port}/`)).toBe('direct');
    expect(await undiciRoute(entry, `http://corp.test:${port}/`)).toBe('direct');
    expect(coreRoute(entry, `http://corp.test:${port + 1}/`)).toBe('proxy');
    expect(await undiciRoute(entry, `http://corp.test:${port + 1}/`)).toBe('proxy');
  });
});
