/**
 * The page's Content-Security-Policy nonce, which each shell puts in
 * `<meta property="csp-nonce" nonce="…">` with every response (shared/security/content-security-policy.ts).
 * The libraries that add <style> elements at run time (CodeMirror; reka-ui's list viewports) must
 * carry it: the policy allows no other inline style. Empty when the page has none.
 */
export function cspNonce(): string {
  return document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce ?? '';
}
