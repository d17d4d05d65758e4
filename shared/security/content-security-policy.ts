/**
 * The Content-Security-Policy of the app's pages, in the Electron window and from the headless
 * host alike: only the app's own scripts, styles, images and connections; no plugins, no <base>,
 * no framing, no form posts.
 *
 * Styles: no 'unsafe-inline'. The app's CSS comes from its own files ('self'). The one library
 * that writes <style> elements at run time, CodeMirror 6, is given the page's nonce
 * (EditorView.cspNonce): each response of the page carries a fresh one, in the header and in a
 * `<meta property="csp-nonce" nonce="…">` the renderer reads (see CSP_NONCE_PLACEHOLDER).
 * Style attributes in markup stay blocked (`style-src-attr 'none'`): Vue's and the component
 * library's style bindings set styles through the CSSOM (element.style), which a policy does not
 * govern, so nothing of the app needs them.
 */
const BASE_DIRECTIVES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['default-src', ["'self'"]],
  ['script-src', ["'self'"]],
  ['style-src', ["'self'"]],
  ['style-src-attr', ["'none'"]],
  ['img-src', ["'self'", 'data:']],
  ['connect-src', ["'self'"]],
  ['object-src', ["'none'"]],
  ['base-uri', ["'none'"]],
  ['frame-ancestors', ["'none'"]],
  ['form-action', ["'none'"]],
];

/** The text the built index.html carries where each response puts its nonce. */
export const CSP_NONCE_PLACEHOLDER = '__CSP_NONCE__';

export interface PolicyOptions {
  /** This response's nonce for <style> elements (CodeMirror's). */
  styleNonce?: string;
  /** Development only: a dev server's origin and its hot-reload socket. */
  extraConnectSrc?: readonly string[];
  /** Development only: Vite's dev server injects every stylesheet as an inline <style>. */
  devInlineStyles?: boolean;
}

/** The policy as a header value. Production passes at most a nonce. */
export function contentSecurityPolicy(options: PolicyOptions = {}): string {
  return BASE_DIRECTIVES.map(([name, sources]) => {
    let all = sources;
    if (name === 'connect-src') all = [...sources, ...(options.extraConnectSrc ?? [])];
    if (name === 'style-src' && options.styleNonce) all = [...sources, `'nonce-${options.styleNonce}'`];
    if ((name === 'style-src' || name === 'style-src-attr') && options.devInlineStyles) all = ["'self'", "'unsafe-inline'"];
    return `${name} ${all.join(' ')}`;
  }).join('; ');
}

/** The policy of every response that is not the page itself (and of a page without the nonce placeholder). */
export const APP_CONTENT_SECURITY_POLICY = contentSecurityPolicy();

/** A fresh nonce: 128 random bits, base64url (Web Crypto: Node and browsers alike). */
export function createCspNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The page with a fresh nonce in place of the placeholder, and the policy that goes with it. A
 * page without the placeholder is served as it is, with the policy without a nonce.
 */
export function pageWithNonce(html: string, nonce: string = createCspNonce()): { html: string; policy: string } {
  if (!html.includes(CSP_NONCE_PLACEHOLDER)) return { html, policy: APP_CONTENT_SECURITY_POLICY };
  return { html: html.split(CSP_NONCE_PLACEHOLDER).join(nonce), policy: contentSecurityPolicy({ styleNonce: nonce }) };
}

/** Whether `value` is this app's policy, with or without a page's nonce (Electron's session keeps it then). */
export function isAppPolicy(value: string): boolean {
  return value.replace(/ 'nonce-[A-Za-z0-9_-]+'/, '') === APP_CONTENT_SECURITY_POLICY;
}
