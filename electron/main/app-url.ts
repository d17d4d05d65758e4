/**
 * Where the app's pages come from: a privileged custom scheme (Electron's security checklist:
 * not file://), so that "is this our page?" is a question about one origin.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export type AppUrlCheck = (url: string) => boolean;

/**
 * A check for URLs of the app itself. `devServerUrl` (development only) adds the origin of the
 * dev server the window loads instead of the built files.
 */
export function createAppUrlCheck(devServerUrl?: string | null): AppUrlCheck {
  const devOrigin = devServerUrl ? originOf(devServerUrl) : null;
  return (url) => {
    const origin = originOf(url);
    return origin !== null && (origin === APP_ORIGIN || (devOrigin !== null && origin === devOrigin));
  };
}

/** The scheme://host[:port] of a URL, or null when it has none we accept. */
function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.username !== '' || parsed.password !== '') return null;
  if (parsed.protocol === `${APP_SCHEME}:`) return `${APP_SCHEME}://${parsed.host}`;
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed.origin;
  return null;
}
