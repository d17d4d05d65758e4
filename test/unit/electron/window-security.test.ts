import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { APP_CONTENT_SECURITY_POLICY, CSP_NONCE_PLACEHOLDER, contentSecurityPolicy, isAppPolicy, pageWithNonce } from '../../../shared/security/content-security-policy';
import { withContentSecurityPolicy } from '../../../electron/main/csp-header';
import { APP_ENTRY_URL, createAppUrlCheck } from '../../../electron/main/app-url';
import { isSafeExternalUrl } from '../../../electron/main/external-url';
import { createWindowOptions } from '../../../electron/main/window-options';

const electron = vi.hoisted(() => ({ openExternal: vi.fn(async (_url: string) => undefined) }));
vi.mock('electron', () => ({ shell: { openExternal: electron.openExternal } }));

const { guardNavigation } = await import('../../../electron/main/navigation-guards');
const { hardenSession } = await import('../../../electron/main/session-hardening');

describe('BrowserWindow options', () => {
  it('locks the renderer down (isolation, sandbox, no Node, web security)', () => {
    const options = createWindowOptions({ preloadPath: '/app/out/preload/index.cjs', isDev: false });
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      devTools: false,
    });
    expect(createWindowOptions({ preloadPath: 'p', isDev: true }).webPreferences?.devTools).toBe(true);
    expect(options.show).toBe(false);
  });
});

describe('Content-Security-Policy', () => {
  it('is the strict policy the design asks for', () => {
    const directives = Object.fromEntries(APP_CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(directives).toEqual({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self'",
      'style-src-attr': "'none'",
      'img-src': "'self' data:",
      'connect-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'frame-ancestors': "'none'",
      'form-action': "'none'",
    });
  });

  it('is set on every response by the session, replacing any policy the response had', () => {
    let listener: ((details: { responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void) | null = null;
    const requestHandler = vi.fn();
    const checkHandler = vi.fn();
    const session = {
      webRequest: { onHeadersReceived: (l: typeof listener) => (listener = l) },
      setPermissionRequestHandler: requestHandler,
      setPermissionCheckHandler: checkHandler,
    };
    hardenSession(session as never, APP_CONTENT_SECURITY_POLICY);
    expect(listener).not.toBeNull();

    const callback = vi.fn();
    listener!({ responseHeaders: { 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] } }, callback);
    const headers = (callback.mock.calls[0]![0] as { responseHeaders: Record<string, string[]> }).responseHeaders;
    expect(headers['Content-Security-Policy']).toEqual([APP_CONTENT_SECURITY_POLICY]);
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['Content-Type']).toEqual(['text/html']);

    const responses: boolean[] = [];
    const requestFn = requestHandler.mock.calls[0]![0] as (wc: unknown, permission: string, cb: (granted: boolean) => void) => void;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) requestFn({}, permission, (granted) => responses.push(granted));
    expect(responses).toEqual([false, false, false, false, false]);
    const checkFn = checkHandler.mock.calls[0]![0] as (wc: unknown, permission: string) => boolean;
    expect(checkFn(null, 'media')).toBe(false);
  });
});

class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

function navigationEvent(url: string) {
  return { url, preventDefault: vi.fn() };
}

describe('navigation guards', () => {
  const isAppUrl = createAppUrlCheck(null);
  const contents = new FakeWebContents();
  guardNavigation(contents as never, isAppUrl);

  it.each(['will-navigate', 'will-redirect'])('%s to anything but the app is prevented', (name) => {
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'http://127.0.0.1:8080/', 'app://other/index.html', 'javascript:alert(1)']) {
      const event = navigationEvent(url);
      contents.emit(name, event);
      expect(event.preventDefault, url).toHaveBeenCalled();
    }
    const inApp = navigationEvent(`${APP_ENTRY_URL}#/tenants`);
    contents.emit(name, inApp);
    expect(inApp.preventDefault).not.toHaveBeenCalled();
  });

  it('refuses webviews', () => {
    const event = navigationEvent('x');
    contents.emit('will-attach-webview', event);
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('denies every new window; only https links go to the browser', () => {
    electron.openExternal.mockClear();
    const urls = ['https://qontak.com/docs', 'http://qontak.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'https://user:pw@host.example/', APP_ENTRY_URL, 'smb://share/x'];
    for (const url of urls) expect(contents.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    expect(electron.openExternal.mock.calls).toEqual([['https://qontak.com/docs']]);
  });

  it('the external link check accepts https only', () => {
    expect(isSafeExternalUrl('https://example.com/a?b#c')).toBe(true);
    expect(isSafeExternalUrl('HTTPS://EXAMPLE.COM')).toBe(true);
    expect(isSafeExternalUrl('http://example.com')).toBe(false);
    expect(isSafeExternalUrl('not a url')).toBe(false);
    expect(isSafeExternalUrl('https://u@example.com')).toBe(false);
  });
});

describe('app URL check', () => {
  it('accepts the app origin, and the dev server only when given', () => {
    const prod = createAppUrlCheck(null);
    expect(prod('app://renderer/index.html')).toBe(true);
    expect(prod('app://renderer/assets/x.js')).toBe(true);
    expect(prod('app://evil/index.html')).toBe(false);
    expect(prod('http://localhost:5173/')).toBe(false);
    expect(prod('')).toBe(false);
    const dev = createAppUrlCheck('http://localhost:5173');
    expect(dev('http://localhost:5173/#/tenants')).toBe(true);
    expect(dev('http://localhost:5174/')).toBe(false);
    expect(dev('http://user@localhost:5173/')).toBe(false);
  });
});

describe('Content-Security-Policy for styles', () => {
  it('never allows inline styles in production; the page gets a fresh nonce each time, in its markup and its header', () => {
    expect(APP_CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    const html = `<head><meta property="csp-nonce" nonce="${CSP_NONCE_PLACEHOLDER}" /></head>`;
    const first = pageWithNonce(html);
    const second = pageWithNonce(html);
    const nonce = /nonce="([A-Za-z0-9_-]{22})"/.exec(first.html)?.[1];
    expect(nonce).toBeDefined();
    expect(first.policy).toContain(`style-src 'self' 'nonce-${nonce}'`);
    expect(first.policy).toContain("style-src-attr 'none'");
    expect(first.policy).not.toContain('unsafe-inline');
    expect(second.html).not.toBe(first.html);
    expect(isAppPolicy(first.policy)).toBe(true);
    expect(isAppPolicy(`${first.policy}; script-src *`)).toBe(false);
    // a page without the placeholder is left alone
    expect(pageWithNonce('<p>x</p>')).toEqual({ html: '<p>x</p>', policy: APP_CONTENT_SECURITY_POLICY });
  });

  it("the session keeps the page's own nonce policy and replaces any other", () => {
    const own = pageWithNonce(`<meta nonce="${CSP_NONCE_PLACEHOLDER}">`).policy;
    expect(withContentSecurityPolicy({ 'content-security-policy': [own] }, APP_CONTENT_SECURITY_POLICY)['Content-Security-Policy']).toEqual([own]);
    expect(withContentSecurityPolicy({ 'Content-Security-Policy': ["style-src 'unsafe-inline'"] }, APP_CONTENT_SECURITY_POLICY)['Content-Security-Policy']).toEqual([APP_CONTENT_SECURITY_POLICY]);
  });

  it('allows inline styles only for the development server', () => {
    expect(contentSecurityPolicy({ devInlineStyles: true })).toContain("style-src 'self' 'unsafe-inline'");
  });
});
