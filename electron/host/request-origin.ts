/**
 * DNS-rebinding and cross-site defences: a request must name our loopback address in Host, and a
 * browser request must come from our own page (Origin), whatever page the browser is showing.
 */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  if (typeof host !== 'string') return false;
  return host === `127.0.0.1:${port}` || host.toLowerCase() === `localhost:${port}`;
}

/** Origin is absent on same-origin navigations and some GETs; when present it must be ours. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return origin === `http://127.0.0.1:${port}` || origin.toLowerCase() === `http://localhost:${port}`;
}
