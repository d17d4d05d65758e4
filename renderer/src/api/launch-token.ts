const STORAGE_KEY = 'chatbot-settings.host-token';

export interface TokenEnvironment {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState'>;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
}

/**
 * The host prints `http://127.0.0.1:PORT/#token=XYZ`. At boot the token moves from the address
 * into sessionStorage (so a reload keeps working) and the hash is handed back to the router.
 */
export function takeLaunchToken(env: TokenEnvironment): string | null {
  const match = /^#token=([^&/]+)/.exec(env.location.hash);
  if (match?.[1]) {
    env.storage.setItem(STORAGE_KEY, decodeURIComponent(match[1]));
    env.history.replaceState(null, '', `${env.location.pathname}${env.location.search}#/`);
  }
  return env.storage.getItem(STORAGE_KEY);
}
