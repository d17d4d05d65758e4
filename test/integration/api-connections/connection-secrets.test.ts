import { afterAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import keytar from 'keytar';
import { Vault } from '../../../electron/core/vault/vault';
import {
  apiConnectionOwner,
  deleteApiConnectionSecrets,
  loadApiConnection,
  saveApiConnectionSecrets,
} from '../../../electron/core/api-connections/connection-secrets';
import { apiConnectionSchema } from '../../../shared/schemas/api-connection';
import { insideKeyringSession } from '../vault/keyring-sandbox';

/** An API connection's secrets through the real keychain (inside scripts/with-keyring.sh; skipped elsewhere). */
const inside = insideKeyringSession();
const SKIP_REASON = 'needs a private keyring session: run `bash scripts/with-keyring.sh npx vitest run test/integration/api-connections`';
if (!inside) console.warn(`[connection-secrets] skipped: ${SKIP_REASON}`);

const SERVICE = `vault-test-${randomUUID()}`;
const vault = new Vault({ service: SERVICE, timeoutMs: 10_000 });
const tenantId = randomUUID();
const connectionId = randomUUID();
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

describe.skipIf(!inside)(`API connection secrets in the real keychain (${inside ? 'private keyring session' : SKIP_REASON})`, () => {
  afterAll(async () => {
    if (!inside) return;
    for (const c of await keytar.findCredentials(SERVICE)) await keytar.deletePassword(SERVICE, c.account);
  });

  it('saves the secrets, returns a public part without them, and loads the same connection back', async () => {
    const publicPart = await saveApiConnectionSecrets(vault, tenantId, connectionId, connection);
    expect(JSON.stringify(publicPart)).not.toContain(M);
    const accounts = (await keytar.findCredentials(SERVICE)).map((c) => c.account).sort();
    const prefix = `${tenantId}/${apiConnectionOwner(connectionId)}/`;
    expect(accounts).toEqual(
      ['headers/apikey', 'settings/a~1b', 'settings/owner_email', 'token/access_token', 'token/refresh_token'].map((f) => prefix + f),
    );
    expect(await loadApiConnection(vault, tenantId, connectionId, publicPart)).toEqual(connection);
  });

  it('removes the entries a new version no longer has', async () => {
    const smaller = { ...connection, headers: null, token: { ...connection.token!, refresh_token: '' } };
    const publicPart = await saveApiConnectionSecrets(vault, tenantId, connectionId, smaller);
    const fields = (await vault.listByTenant(tenantId)).map((r) => r.field).sort();
    expect(fields).toEqual(['settings/a~1b', 'settings/owner_email', 'token/access_token']);
    expect(await loadApiConnection(vault, tenantId, connectionId, publicPart)).toEqual(smaller);
  });

  it('names the missing secret when the keychain lost one, and deletes all of a connection', async () => {
    const publicPart = await saveApiConnectionSecrets(vault, tenantId, connectionId, connection);
    await keytar.deletePassword(SERVICE, `${tenantId}/${apiConnectionOwner(connectionId)}/headers/apikey`);
    await expect(loadApiConnection(vault, tenantId, connectionId, publicPart)).rejects.toMatchObject({
      code: 'VAULT_UNAVAILABLE',
      reason: 'MISSING_VALUE',
      message: expect.stringContaining('the secret “headers/apikey” of API connection “Jurnal”'),
    });
    expect(await deleteApiConnectionSecrets(vault, tenantId, connectionId)).toBe(4);
    expect(await vault.listByTenant(tenantId)).toEqual([]);
  });
});
