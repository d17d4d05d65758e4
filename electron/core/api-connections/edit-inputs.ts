import { apiConnectionSchema, type ApiConnection } from '../../../shared/schemas/api-connection';
import type { ApiConnectionTestEdit } from '../../../shared/schemas/api-connection-document';
import { applyApiConnectionEdit, type ApiConnectionEdit } from '../../../shared/schemas/api-connection-edit';
import type { ApiConnectionPublic } from '../../../shared/schemas/api-connection-public';
import { joinApiConnection } from '../../../shared/validation/api-connection-secrets';
import { RpcError } from '../../../shared/rpc/rpc-error';
import { parseOrThrow } from '../validation/invalid-input';
import type { TestConnectionTarget } from './test-connection';

type SectionEdits = Pick<ApiConnectionEdit, 'settings' | 'headers' | 'token'>;

/**
 * The stored public part without the sections an edit replaces or clears: what is left is what
 * the edit keeps or patches, so only those secrets are read from the vault (a lost secret can
 * still be fixed by replacing its section).
 */
export function reducedForEdit(current: ApiConnectionPublic, edit: SectionEdits): ApiConnectionPublic {
  const keeps = (action: string) => action === 'keep' || action === 'patch';
  return {
    ...current,
    settingsKeys: keeps(edit.settings.action) ? current.settingsKeys : null,
    headers: keeps(edit.headers.action) ? current.headers : null,
    token: keeps(edit.token.action) ? current.token : null,
  };
}

const NOTHING_STORED: ApiConnectionPublic = { name: '', description: '', code: '', baseUrl: '', settingsKeys: null, headers: null, token: null };
const testTargetSchema = apiConnectionSchema.pick({ baseUrl: true, headers: true, token: true }).strict();

/**
 * What `Test connection` sends: the stored connection (`current`, null for one not saved yet)
 * with the form's unsaved `edit` applied. Settings are never read: the request does not use them.
 */
export async function testTargetOf(
  current: ApiConnectionPublic | null,
  edit: ApiConnectionTestEdit | undefined,
  readSecrets: (reduced: ApiConnectionPublic) => Promise<ReadonlyMap<string, string>>,
): Promise<TestConnectionTarget> {
  const stored = current ?? NOTHING_STORED;
  const sections = edit ?? { baseUrl: stored.baseUrl, headers: { action: 'keep' as const }, token: { action: 'keep' as const } };
  const fullEdit: ApiConnectionEdit = { ...stored, settings: { action: 'clear' }, ...sections };
  const reduced = reducedForEdit(stored, fullEdit);
  const joined = joinApiConnection(reduced, await readSecrets(reduced));
  if (!joined.ok) throw new RpcError('INTERNAL', 'The stored secrets of this API connection could not be put together.');
  const merged = applyApiConnectionEdit(joined.value as ApiConnection, fullEdit);
  return parseOrThrow(testTargetSchema, { baseUrl: merged.baseUrl, headers: merged.headers, token: merged.token }, ['edit']);
}
