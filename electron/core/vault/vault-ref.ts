import { entityIdSchema } from '../../../shared/schemas/ids';
import { RpcError } from '../../../shared/rpc/rpc-error';

/**
 * Where a secret lives in the keychain. All of the app's entries share one service name; the
 * account is `<tenantId>/<owner>/<field>`, so that a tenant's entries (prefix `<tenantId>/`) and an
 * owner's (prefix `<tenantId>/<owner>/`) are found and removed together.
 *   owner: `api_connection:<uuid>`, `session`, ...   (no `/`)
 *   field: `token/access_token`, `settings/owner_email`, ...   (may contain `/`)
 */
export const VAULT_SERVICE = 'chatbot-settings-desktop';

export interface VaultRef {
  tenantId: string;
  owner: string;
  field: string;
}

const OWNER_PATTERN = /^[a-z][a-z0-9_]*(?::[A-Za-z0-9_-]+)?$/;
const OWNER_MAX = 100;
const FIELD_MAX = 1200;

export function isValidOwner(owner: string): boolean {
  return owner.length <= OWNER_MAX && OWNER_PATTERN.test(owner);
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

export function accountOf(ref: VaultRef): string {
  assertValidRef(ref);
  return `${ref.tenantId}/${ref.owner}/${ref.field}`;
}

/** The ref an account names, or null for an account this app did not make (or made by an older format). */
export function parseAccount(account: string): VaultRef | null {
  const first = account.indexOf('/');
  const second = first === -1 ? -1 : account.indexOf('/', first + 1);
  if (second === -1) return null;
  const ref = { tenantId: account.slice(0, first), owner: account.slice(first + 1, second), field: account.slice(second + 1) };
  return refProblem(ref) === null ? ref : null;
}

export function tenantPrefix(tenantId: string): string {
  return `${tenantId}/`;
}
