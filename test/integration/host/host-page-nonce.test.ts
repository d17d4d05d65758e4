import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/core/open-core';
import { startHostServer, type HostServer } from '../../../electron/host/server';
import { APP_CONTENT_SECURITY_POLICY, CSP_NONCE_PLACEHOLDER } from '../../../shared/security/content-security-policy';
import { rawRequest } from './host-fixture';

let base: string;
let core: Core;
let server: HostServer;
beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'host-nonce-'));
  mkdirSync(join(base, 'renderer', 'assets'), { recursive: true });
  writeFileSync(join(base, 'renderer', 'index.html'), `<!doctype html><meta property="csp-nonce" nonce="${CSP_NONCE_PLACEHOLDER}"><title>n</title>`);
  writeFileSync(join(base, 'renderer', 'assets', 'app.css'), 'body{}');
  core = openCore({ dataDir: join(base, 'data'), appVersion: '0.0.0-test', transport: 'host', onUnexpectedError: () => undefined });
  server = await startHostServer({ core, rendererDir: join(base, 'renderer'), port: 0 });
});
afterAll(async () => {
  await server?.close();
  await core?.close();
  rmSync(base, { recursive: true, force: true });
});

describe('host: the page and its style nonce', () => {
  it('answers each load of the page with a fresh nonce, the same in the header and the markup; no inline styles otherwise', async () => {
    const seen = new Set<string>();
    for (const path of ['/', '/index.html', '/?x=1']) {
      const response = await rawRequest(server.port, { path });
      expect(response.status).toBe(200);
      const policy = String(response.headers['content-security-policy']);
      const nonce = /style-src 'self' 'nonce-([A-Za-z0-9_-]{22})'/.exec(policy)?.[1];
      expect(nonce, policy).toBeDefined();
      expect(response.body).toContain(`nonce="${nonce}"`);
      expect(response.body).not.toContain(CSP_NONCE_PLACEHOLDER);
      expect(policy).not.toContain('unsafe-inline');
      expect(response.headers['cache-control']).toBe('no-store');
      seen.add(nonce!);
    }
    expect(seen.size).toBe(3);
    const asset = await rawRequest(server.port, { path: '/assets/app.css' });
    expect(asset.headers['content-security-policy']).toBe(APP_CONTENT_SECURITY_POLICY);
    const head = await rawRequest(server.port, { method: 'HEAD', path: '/' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });
});
