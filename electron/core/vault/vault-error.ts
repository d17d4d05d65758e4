import { RpcError } from '../../../shared/rpc/rpc-error';
import { VAULT_REASONS, type VaultReason } from '../../../shared/schemas/vault-status';

/**
 * Why the OS keychain cannot be used (the reasons are shared: `vault.status` reports them). Each
 * reason has its own message, saying what happened and what the user can do; none ever contains
 * a secret value.
 */
export { VAULT_REASONS, type VaultReason };

const NOTHING_ELSEWHERE = 'Nothing was saved anywhere else.';

export const VAULT_MESSAGES: Record<Exclude<VaultReason, 'MISSING_VALUE'>, string> = {
  NO_DBUS:
    'The OS keychain cannot be reached: this session has no D-Bus connection. Start the app from your desktop session ' +
    `(or inside a D-Bus session that runs a keyring such as GNOME Keyring), then try again. ${NOTHING_ELSEWHERE}`,
  NO_SECRET_SERVICE:
    'No keychain service is running: the desktop session has no Secret Service (such as GNOME Keyring or KWallet). ' +
    `Install or start GNOME Keyring, then try again. ${NOTHING_ELSEWHERE}`,
  LOCKED:
    'Your login keyring is locked (or has not been created yet). Unlock your login keyring, for example by signing out ' +
    `and in again or with the Passwords and Keys app, then try again. ${NOTHING_ELSEWHERE}`,
  UNKNOWN: `The OS keychain reported an error. Try again; if it keeps failing, restart the keyring service or your session. ${NOTHING_ELSEWHERE}`,
};

/** The silent failure: the keychain answers "nothing" for a secret the app knows it stored. */
export function missingValueMessage(what: string, keyringLocked: boolean): string {
  return keyringLocked
    ? `The keychain returned nothing for ${what}, which this app saved earlier: your login keyring is locked or was ` +
        'unlocked with a different password. Unlock your login keyring with your login password and try again.'
    : `The keychain no longer holds ${what}, which this app saved earlier (it may have been deleted from the keyring). ` +
        'Enter the value again to store it.';
}

export class VaultError extends RpcError {
  readonly reason: VaultReason;

  constructor(reason: VaultReason, message: string) {
    super('VAULT_UNAVAILABLE', message);
    this.name = 'VaultError';
    this.reason = reason;
  }
}

/**
 * keytar's errors are libsecret/GDBus sentences; these patterns tell them apart
 * (TOOLCHAIN.md lists the ones seen on Debian 12 with GNOME Keyring).
 */
export function classifyKeychainError(message: string): Exclude<VaultReason, 'MISSING_VALUE'> {
  if (/autolaunch D-Bus|DBUS_SESSION_BUS_ADDRESS|Could not connect|Failed to connect to socket|dbus-launch/i.test(message)) return 'NO_DBUS';
  if (/org\.freedesktop\.secrets was not provided|ServiceUnknown|no such name/i.test(message)) return 'NO_SECRET_SERVICE';
  // An item gone under a listing names its path in the login collection: not a lock.
  if (/No such secret item/i.test(message)) return 'UNKNOWN';
  if (/locked collection|collection\/login|Object does not exist at path|is locked|prompt/i.test(message)) return 'LOCKED';
  return 'UNKNOWN';
}

/** The keychain's own words, without any of `secrets` and bounded, for the UNKNOWN message. */
export function redactKeychainMessage(message: string, secrets: readonly string[]): string {
  let text = message;
  for (const secret of secrets) if (secret.length > 0) text = text.split(secret).join('[redacted]');
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** A keytar failure as a VaultError; `secrets` are values the failed call carried. */
export function toVaultError(error: unknown, secrets: readonly string[] = []): VaultError {
  if (error instanceof VaultError) return error;
  const raw = error instanceof Error ? error.message : String(error);
  const reason = classifyKeychainError(raw);
  if (reason !== 'UNKNOWN') return new VaultError(reason, VAULT_MESSAGES[reason]);
  return new VaultError('UNKNOWN', `${VAULT_MESSAGES.UNKNOWN} (Keychain said: ${redactKeychainMessage(raw, secrets)})`);
}
