/**
 * What the vault needs from the OS keychain: keytar's four calls. An interface so that a test can
 * stand in for a failure that cannot be caused for real; the app always uses keytar.
 */
export interface KeychainBackend {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

let keytarBackend: Promise<KeychainBackend> | null = null;

/**
 * keytar, loaded on first use: a machine without libsecret must still start the app (and show
 * the vault as unavailable) rather than fail at import.
 */
export function loadKeytar(): Promise<KeychainBackend> {
  keytarBackend ??= import('keytar').then((module): KeychainBackend => {
    const k = (module as { default?: KeychainBackend }).default ?? (module as unknown as KeychainBackend);
    return {
      getPassword: (s, a) => k.getPassword(s, a),
      setPassword: (s, a, p) => k.setPassword(s, a, p),
      deletePassword: (s, a) => k.deletePassword(s, a),
      findCredentials: (s) => k.findCredentials(s),
    };
  });
  // A failed load is not cached: installing libsecret and retrying should work without a restart.
  keytarBackend.catch(() => {
    keytarBackend = null;
  });
  return keytarBackend;
}
