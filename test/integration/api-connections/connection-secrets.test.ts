import { afterAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import keytar from 'keytar';
import { Vault } from '../../../electron/core/vault/vault';
import { loadApiConnection, newApiConnectionOwner, writeApiConnectionSecrets } from '../../../electron/core/api-connections/connection-secrets';
import type { KeychainBackend } from '../../../electron/core/vault/keychain-backend';
import { apiConnectionSchema, type ApiConnection } from '../../../shared/schemas/api-connection';
import type { ApiConnectionPublic } from '../../../shared/schemas/api-connection-public';
import { splitApiConnection } from '../../../shared/validation/api-connection-secrets';
import { insideKeyringSession } from '../../support/keyring/keyring-sandbox';
import { clearStoreEntries, storeAccount, storeEntries } from '../vault/store-entries';

/** An API connection's secrets through the real keychain (inside scripts/with-keyring.sh; skipped elsewhere). */
const inside = insideKeyringSession();
const SKIP_REASON = 'needs a private keyring session: run `bash scripts/with-keyring.sh npx vitest run test/integration/api-connections`';
if (!inside) console.warn(`[connection-secrets] skipped: ${SKIP_REASON}`);

const INSTALLATION = randomUUID();
const vault = new Vault({ installationId: INSTALLATION, timeoutMs: 10_000 });
const tenantId = randomUUID();
const connectionId = randomUUID();
const owner = newApiConnectionOwner(connectionId);
const M = `MARK${randomUUID().slice(0, 8)}`;

const connection = apiConnectionSchema.parse({
  name: 'Jurnal',
  description: 'Accounting',
  code: 'JURNAL API',
  baseUrl: 'https://api.jurnal.id',
  settings: { owner_email: `${M}-sandbox@qontak.com`, 'a/b': { n: 1 } },
  headers: { apikey: `${M}-xxxxxxxx`, 'X-Empty': '' },
  token: { token_type: 'bearer', access_token: `${M}-access`, expires_in: 7200, refresh_token: `${M}-refresh`, created_at: 1732406400 },
});

/** What a save does with the keychain: the secrets go under `owner`, the public part is what SQLite keeps. */
async function saveApiConnectionSecrets(target: Vault, tenant: string, setOwner: string, value: ApiConnection): Promise<ApiConnectionPublic> {
  const { public: publicPart, secrets } = splitApiConnection(value);
  await writeApiConnectionSecrets(target, tenant, setOwner, secrets);
  return publicPart;
}

/** What the housekeeping does when a set is no longer needed. */
function deleteApiConnectionSecrets(target: Vault, tenant: string, setOwner: string): Promise<number> {
  return target.deleteOwner(tenant, setOwner);
}

describe.skipIf(!inside)(`API connection secrets in the real keychain (${inside ? 'private keyring session' : SKIP_REASON})`, () => {
  afterAll(async () => {
    if (!inside) return;
    await clearStoreEntries(INSTALLATION);
  });

  it('saves the secrets, returns a public part without them, and loads the same connection back', async () => {
    const publicPart = await saveApiConnectionSecrets(vault, tenantId, owner, connection);
    expect(JSON.stringify(publicPart)).not.toContain(M);
    expect(owner).toMatch(new RegExp(`^api_connection:${connectionId}_[0-9a-f]{12}$`));
    // One keychain entry for the tenant's sets, the set's values by field (X-Empty is a flag in the public part, not a value).
    const entries = await storeEntries(INSTALLATION);
    expect(entries.map((e) => e.account)).toEqual([`${tenantId}/~sets`]);
    expect(Object.keys(JSON.parse(entries[0]!.password)[owner]).sort()).toEqual(['headers/apikey', 'settings/a~1b', 'settings/owner_email', 'token/access_token', 'token/refresh_token']);
    expect(await loadApiConnection(vault, tenantId, owner, publicPart)).toEqual(connection);
  });

  it('keeps each save in its own set: a new set leaves the old one whole', async () => {
    const smaller = { ...connection, headers: null, token: { ...connection.token!, refresh_token: '' } };
    const next = newApiConnectionOwner(connectionId);
    expect(next).not.toBe(owner);
    const publicPart = await saveApiConnectionSecrets(vault, tenantId, next, smaller);
    const fields = (await vault.listByTenant(tenantId)).filter((r) => r.owner === next).map((r) => r.field).sort();
    expect(fields).toEqual(['settings/a~1b', 'settings/owner_email', 'token/access_token']);
    expect(await loadApiConnection(vault, tenantId, next, publicPart)).toEqual(smaller);
    expect(await deleteApiConnectionSecrets(vault, tenantId, next)).toBe(3);
    expect((await vault.listByTenant(tenantId)).filter((r) => r.owner === owner)).toHaveLength(5);
  });

  it('writes a set in one keychain write: when it fails, nothing of the set is there and the tenant’s other sets stay whole', async () => {
    // The failure (the Secret Service going away) cannot be timed for real: the smallest stand-in
    // wraps the real keychain and fails the set's write the way keytar does.
    const failing: KeychainBackend = {
      getPassword: (s, a) => keytar.getPassword(s, a),
      deletePassword: (s, a) => keytar.deletePassword(s, a),
      findCredentials: (s) => keytar.findCredentials(s),
      setPassword: async (s, a, p) => {
        if (!a.includes('/~probe/')) throw new Error('The name org.freedesktop.secrets was not provided by any .service files');
        await keytar.setPassword(s, a, p);
      },
    };
    const flaky = new Vault({ installationId: INSTALLATION, backend: failing, timeoutMs: 10_000 });
    const before = await storeEntries(INSTALLATION);
    const half = newApiConnectionOwner(connectionId);
    const secrets = [1, 2, 3, 4].map((n) => ({ path: { section: 'headers' as const, name: `h${n}` }, field: `headers/h${n}`, value: `${M}-${n}` }));
    await expect(writeApiConnectionSecrets(flaky, tenantId, half, secrets)).rejects.toMatchObject({ code: 'VAULT_UNAVAILABLE', reason: 'NO_SECRET_SERVICE' });
    expect((await vault.listByTenant(tenantId)).filter((r) => r.owner === half)).toEqual([]);
    expect(await storeEntries(INSTALLATION)).toEqual(before);
  });

  it('names the missing secret when the keychain lost one, and deletes all of a set', async () => {
    const publicPart = await saveApiConnectionSecrets(vault, tenantId, owner, connection);
    // One value taken out of the tenant's sets entry behind the app's back.
    const account = storeAccount(INSTALLATION, `${tenantId}/~sets`);
    const sets = JSON.parse((await keytar.getPassword(vault.service, account))!) as Record<string, Record<string, string>>;
    delete sets[owner]!['headers/apikey'];
    await keytar.setPassword(vault.service, account, JSON.stringify(sets));
    await expect(loadApiConnection(vault, tenantId, owner, publicPart)).rejects.toMatchObject({
      code: 'VAULT_UNAVAILABLE',
      reason: 'MISSING_VALUE',
      message: expect.stringContaining('the secret “headers/apikey” of API connection “Jurnal”'),
    });
    expect(await deleteApiConnectionSecrets(vault, tenantId, owner)).toBe(4);
    expect(await vault.listByTenant(tenantId)).toEqual([]);
  });
});
