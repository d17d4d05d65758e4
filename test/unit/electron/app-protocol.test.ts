import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_CONTENT_SECURITY_POLICY } from '../../../shared/security/content-security-policy';
import { createAppRequestHandler } from '../../../electron/main/app-request-handler';
import { resolveAppAsset } from '../../../electron/main/resolve-app-asset';

let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'app-protocol-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(root, '.env'), 'SECRET=1');
  writeFileSync(join(base, 'secret.txt'), 'outside');
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('app:// path resolution', () => {
  it('maps app URLs to files under the renderer directory', () => {
    expect(resolveAppAsset(root, 'app://renderer/')).toBe(join(root, 'index.html'));
    expect(resolveAppAsset(root, 'app://renderer/index.html#/tenants')).toBe(join(root, 'index.html'));
    expect(resolveAppAsset(root, 'app://renderer/assets/index-abc.js?v=1')).toBe(join(root, 'assets', 'index-abc.js'));
  });

  it('never resolves a path outside the renderer directory', () => {
    const traversals = [
      'app://renderer/../secret.txt',
      'app://renderer/%2e%2e/secret.txt',
      'app://renderer/..%2fsecret.txt',
      'app://renderer/assets/..%2f..%2fsecret.txt',
      'app://renderer/..%5csecret.txt',
      'app://renderer/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    ];
    for (const url of traversals) {
      const file = resolveAppAsset(root, url);
      expect(file === null || file.startsWith(root + sep), `${url} -> ${file}`).toBe(true);
      expect(file).not.toBe(join(base, 'secret.txt'));
    }
    // Escaped dots are refused outright, not only clamped.
    expect(resolveAppAsset(root, 'app://renderer/..%2fsecret.txt')).toBeNull();
  });

  it('refuses other hosts and schemes, dotfiles, NUL and bad escapes', () => {
    const refused = [
      'app://renderer/.env',
      'app://renderer/a%00.html',
      'app://renderer/%E0%A4%A',
      'app://other/index.html',
      'file:///etc/passwd',
      'https://renderer/index.html',
    ];
    for (const url of refused) expect(resolveAppAsset(root, url), url).toBeNull();
  });
});

describe('app:// request handler', () => {
  const handle = (url: string, method = 'GET') => createAppRequestHandler(root)(new Request(url, { method }));

  it('serves the page with the CSP and a type from the extension', async () => {
    const page = await handle('app://renderer/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(APP_CONTENT_SECURITY_POLICY);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>app</title>');

    const script = await handle('app://renderer/assets/index-abc.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
  });

  it('answers 404 for traversal and missing files, 405 for writes', async () => {
    expect((await handle('app://renderer/%2e%2e/secret.txt')).status).toBe(404);
    expect((await handle('app://renderer/missing.js')).status).toBe(404);
    expect((await handle('app://renderer/assets')).status).toBe(404);
    expect((await handle('app://renderer/index.html', 'POST')).status).toBe(405);
  });
});

describe('app:// page nonce', () => {
  it('serves a page that carries the placeholder with a fresh nonce in its markup and its policy', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'app-nonce-'));
    try {
      writeFileSync(join(dir, 'index.html'), '<meta property="csp-nonce" nonce="__CSP_NONCE__"><title>n</title>');
      const handle = createAppRequestHandler(dir);
      const nonces: string[] = [];
      for (let i = 0; i < 2; i++) {
        const page = await handle(new Request('app://renderer/index.html'));
        const policy = page.headers.get('content-security-policy') ?? '';
        const nonce = /'nonce-([A-Za-z0-9_-]+)'/.exec(policy)?.[1];
        expect(policy).not.toContain('unsafe-inline');
        expect(await page.text()).toContain(`nonce="${nonce}"`);
        nonces.push(nonce!);
      }
      expect(nonces[0]).not.toBe(nonces[1]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
