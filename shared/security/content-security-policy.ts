/**
 * The Content-Security-Policy of the app's pages, in the Electron window and from the headless
 * host alike: only the app's own scripts, styles (inline styles for Vue's style bindings), images
 * and connections; no plugins, no <base>, no framing, no form posts.
 */
const BASE_DIRECTIVES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['default-src', ["'self'"]],
  ['script-src', ["'self'"]],
  ['style-src', ["'self'", "'unsafe-inline'"]],
  ['img-src', ["'self'", 'data:']],
  ['connect-src', ["'self'"]],
  ['object-src', ["'none'"]],
  ['base-uri', ["'none'"]],
  ['frame-ancestors', ["'none'"]],
  ['form-action', ["'none'"]],
];

/**
 * The policy as a header value. `extraConnectSrc` is only for development (a dev server's origin
 * and its hot-reload socket); production passes nothing.
 */
export function contentSecurityPolicy(extraConnectSrc: readonly string[] = []): string {
  return BASE_DIRECTIVES.map(([name, sources]) => {
    const all = name === 'connect-src' ? [...sources, ...extraConnectSrc] : sources;
    return `${name} ${all.join(' ')}`;
  }).join('; ');
}

export const APP_CONTENT_SECURITY_POLICY = contentSecurityPolicy();
