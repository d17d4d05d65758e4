import type { KeychainBackend } from './keychain-backend';

/**
 * libsecret's answer when an item found by a search is gone before its secret is read: keytar's
 * findCredentials searches first and reads every item afterwards, so another process (a second
 * app window on another store, a keyring manager) removing an entry in between fails the whole
 * listing. The entry is simply gone: a fresh listing no longer finds it.
 */
export function isVanishedItemError(error: unknown): boolean {
  return /No such secret item/i.test(error instanceof Error ? error.message : String(error));
}

/** More attempts than that means entries keep vanishing under a busy remover: the failure is reported. */
const LISTING_ATTEMPTS = 8;

/** findCredentials, listed again (after a short pause) when an item vanished while it was being read. */
export async function findCredentialsSettled(backend: KeychainBackend, service: string): Promise<Array<{ account: string; password: string }>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await backend.findCredentials(service);
    } catch (error) {
      if (attempt >= LISTING_ATTEMPTS || !isVanishedItemError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
    }
  }
}
