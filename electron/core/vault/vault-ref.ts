import { entityIdSchema } from '../../../shared/schemas/ids';
import { RpcError } from '../../../shared/rpc/rpc-error';

/**
 * Where a secret lives in the keychain. Each store has its own service,
 * `chatbot-settings-desktop/<installationId>`, and the account is
 * `<installationId>/<tenantId>/<owner>/<field>`:
 *   - the installation id (one per store, meta `installation_id`) names the service because a
 *     store lists its entries (to sweep the ones that belong to none of its tenants, to remove a
 *     tenant's): listing reads every value of a service, so one store must never read another's,
 *     and keytar's listing crashes the process when another process removes an entry of the same
 *     service while it is being read. Only the process that holds the store uses its service;
 *   - the account keeps the installation id in front, as when all stores shared one service
 *     (SHARED_VAULT_SERVICE): a store's entries left there are found by that prefix and moved
 *     into its own service at start (Vault.adoptSharedEntries);
 *   - a tenant's entries (prefix `<installationId>/<tenantId>/`) and an owner's
 *     (`<installationId>/<tenantId>/<owner>/`) are found and removed together;
 *   - a tenant's SETS — owners `kind:id`, values written whole and never changed (an API
 *     connection's secrets) — share one entry, `<installationId>/<tenantId>/~sets` (tenant-sets.ts):
 *     reading a tenant's connections is one keychain call, and the keychain holds one entry per
 *     tenant instead of one per value (GNOME Keyring's cost per call grows with the entries it
 *     holds). A set that would make the entry too large for the platform's keychain, and entries
 *     written before, keep one entry per value under the owner's account, where reads fall back.
 *   owner: `api_connection:<uuid>`, `session`, ...   (no `/`)
 *   field: `token/access_token`, `settings/owner_email`, ...   (may contain `/`)
 * A VaultRef names an entry within one store; the installation id is the vault's (vault.ts).
 */
export const SHARED_VAULT_SERVICE = 'chatbot-settings-desktop';

/** The keychain service of one store: `chatbot-settings-desktop/<installationId>`. */
export function vaultServiceOf(installationId: string): string {
  return `${SHARED_VAULT_SERVICE}/${installationPrefix(installationId).slice(0, -1)}`;
}

export interface VaultRef {
  tenantId: string;
  owner: string;
  field: string;
}

const OWNER_PATTERN = /^[a-z][a-z0-9_]*(?::[A-Za-z0-9_-]+)?$/;
const OWNER_MAX = 100;
/** The longest field name of a ref. */
export const FIELD_MAX = 1200;

export function isValidOwner(owner: string): boolean {
  return owner.length <= OWNER_MAX && OWNER_PATTERN.test(owner);
}

/** An owner `kind:id`: a set of values written whole and never changed, kept in its tenant's sets entry. */
export function isSetOwner(owner: string): boolean {
  return owner.includes(':');
}

/** The account (after the store's prefix, `<tenantId>/~sets`) of a tenant's sets entry. */
const SETS_ACCOUNT = '~sets';

/** The account of a tenant's sets entry: `<installationId>/<tenantId>/~sets`. */
export function setsAccountOf(installationId: string, tenantId: string): string {
  return `${tenantPrefix(installationId, tenantId)}${SETS_ACCOUNT}`;
}

/** The tenant whose sets entry `account` is, or null for any other account. */
export function tenantOfSetsAccount(installationId: string, account: string): string | null {
  const prefix = installationPrefix(installationId);
  if (!account.startsWith(prefix) || !account.endsWith(`/${SETS_ACCOUNT}`)) return null;
  const tenantId = account.slice(prefix.length, -SETS_ACCOUNT.length - 1);
  return entityIdSchema.safeParse(tenantId).success ? tenantId : null;
}

/** The ref's problem, or null. Refs are made by the core, so a bad one is a bug, not user input. */
function refProblem(ref: VaultRef): string | null {
  if (!entityIdSchema.safeParse(ref.tenantId).success) return 'tenant id is not a UUID';
  if (!isValidOwner(ref.owner)) return `owner "${ref.owner.slice(0, OWNER_MAX)}" is not of the form kind or kind:id`;
  if (ref.field.length === 0 || ref.field.length > FIELD_MAX) return `field name must be 1 to ${FIELD_MAX} characters`;
  return null;
}

export function assertValidRef(ref: VaultRef): void {
  const problem = refProblem(ref);
  if (problem) throw new RpcError('INTERNAL', `Invalid keychain reference: ${problem}.`);
}

/** The prefix of every account of one store: `<installationId>/`. */
export function installationPrefix(installationId: string): string {
  if (!entityIdSchema.safeParse(installationId).success) throw new RpcError('INTERNAL', 'Invalid keychain reference: installation id is not a UUID.');
  return `${installationId}/`;
}

/** The prefix of a tenant's accounts within a store: `<installationId>/<tenantId>/`. */
export function tenantPrefix(installationId: string, tenantId: string): string {
  assertValidRef({ tenantId, owner: 'session', field: 'x' });
  return `${installationPrefix(installationId)}${tenantId}/`;
}

export function accountOf(installationId: string, ref: VaultRef): string {
  assertValidRef(ref);
  return `${installationPrefix(installationId)}${ref.tenantId}/${ref.owner}/${ref.field}`;
}

/**
 * The ref an account of this store names, or null for an account under this store's prefix that
 * the app did not make (a left-over probe, an older format). Callers pass only accounts that
 * start with the store's prefix; anything else is not this store's to judge.
 */
export function parseAccount(installationId: string, account: string): VaultRef | null {
  const prefix = installationPrefix(installationId);
  if (!account.startsWith(prefix)) return null;
  const rest = account.slice(prefix.length);
  const first = rest.indexOf('/');
  const second = first === -1 ? -1 : rest.indexOf('/', first + 1);
  if (second === -1) return null;
  const ref = { tenantId: rest.slice(0, first), owner: rest.slice(first + 1, second), field: rest.slice(second + 1) };
  return refProblem(ref) === null ? ref : null;
}
