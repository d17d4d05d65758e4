import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContractClient } from '../../sandbox/contract-client';
import { spawnSandbox } from '../../sandbox/sandbox-process';
import { SandboxAdmin } from '../../sandbox/admin-client';
import { ADMIN_SECRET, BORNEO, openSandbox, type SandboxFixture } from '../../support/sandbox/sandbox-fixture';

const connection = (code: string) => ({
  name: `Connection ${code}`,
  description: 'Idempotency test',
  code,
  baseUrl: 'https://api.example.test',
  settings: null,
  headers: { apikey: 'k' },
  token: null,
});

describe('sandbox: idempotent creation', () => {
  let fx: SandboxFixture;
  let client: ContractClient;
  beforeAll(async () => {
    fx = await openSandbox();
    client = await fx.signedIn(BORNEO);
  });
  afterAll(() => fx.close());

  it('a repeat with the same key answers the first result: same id, same status, no second document', async () => {
    const headers = { 'Idempotency-Key': 'install-1:1' };
    const first = await client.call<{ data: { id: string } }>('POST', '/chatbot/settings/api-connections', { body: connection('ONE'), headers });
    expect(first.status).toBe(201);
    // The same body with keys in another order is the same request.
    const reordered = Object.fromEntries(Object.entries(connection('ONE')).reverse());
    const again = await client.call<{ data: { id: string } }>('POST', '/chatbot/settings/api-connections', { body: reordered, headers });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.headers.location).toBe(first.headers.location);
    const state = await fx.admin.state(BORNEO.username);
    expect(state.apiConnections.map((c) => c.id)).toEqual([first.body.data.id]);
    expect((await fx.admin.stats()).createApiConnection).toMatchObject({ requests: 2, replayed: 1 });
    expect(client.violations).toEqual([]);
  });

  it('refuses the same key with another body (422) and a POST without a key (400), creating nothing', async () => {
    const before = await fx.admin.state(BORNEO.username);
    const reused = await client.call('POST', '/chatbot/settings/api-connections', { body: connection('TWO'), headers: { 'Idempotency-Key': 'install-1:1' } });
    expect(reused.status).toBe(422);
    expect(reused.body).toMatchObject({ error: { code: 'idempotency_key_reused' } });
    const keyless = await client.unchecked('POST', '/chatbot/settings/api-connections', { body: connection('TWO') });
    expect(keyless.status).toBe(400);
    expect(keyless.body).toMatchObject({ error: { code: 'idempotency_key_required' } });
    expect((await fx.admin.state(BORNEO.username)).apiConnections).toEqual(before.apiConnections);
    expect(client.violations).toEqual([]);
  });

  it('keys are per tenant: another tenant may use the same key for its own creation', async () => {
    const [created] = await fx.admin.createTenants([{ username: 'idem@example.test', password: 'idem-pass-1', catalog: 'demo' }]);
    expect(created?.username).toBe('idem@example.test');
    const other = await fx.signedIn({ username: 'idem@example.test', password: 'idem-pass-1' });
    const result = await other.call('POST', '/chatbot/settings/api-connections', { body: connection('ONE'), headers: { 'Idempotency-Key': 'install-1:1' } });
    expect(result.status).toBe(201);
    expect(result.headers['idempotent-replayed']).toBeUndefined();
    expect(other.violations).toEqual([]);
  });

  it('a failed creation is not remembered: the corrected request with the same key succeeds', async () => {
    const headers = { 'Idempotency-Key': 'install-1:7' };
    // Invalid by the contract too (an enabled deal setting without its references): sent unchecked.
    const invalid = await client.unchecked('POST', '/crm/deal-settings', {
      body: { botResponseId: 'br-demo', enabled: true, pipelineId: null, stageId: null, dealName: '', ownerId: null, sourceId: null, customerContactAssociation: false },
      headers,
    });
    expect(invalid.status).toBe(400);
    const fixed = await client.call('POST', '/crm/deal-settings', {
      body: { botResponseId: 'br-demo', enabled: false, pipelineId: null, stageId: null, dealName: '', ownerId: null, sourceId: null, customerContactAssociation: false },
      headers,
    });
    expect(fixed.status).toBe(201);
    expect(client.violations).toEqual([]);
  });
});

describe('sandbox: idempotency across a restart of the sandbox process', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sandbox-restart-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('answers the first result for a key used before the restart, and keeps tokens and documents', async () => {
    const args = ['--port', '0', '--data-dir', dataDir];
    const env = { SANDBOX_ADMIN_SECRET: ADMIN_SECRET };
    const first = await spawnSandbox(args, { env });
    let created: { data: { id: string } };
    let client: ContractClient;
    try {
      client = new ContractClient(first.baseUrl);
      expect((await client.signIn(BORNEO.username, BORNEO.password)).status).toBe(200);
      const result = await client.call<{ data: { id: string } }>('POST', '/crm/deal-settings', {
        body: { botResponseId: 'br-complaint', enabled: false, pipelineId: null, stageId: null, dealName: '', ownerId: null, sourceId: null, customerContactAssociation: false },
        headers: { 'Idempotency-Key': 'restart:1' },
      });
      expect(result.status).toBe(201);
      created = result.body;
    } finally {
      expect(await first.stop()).toBe(0);
    }

    const second = await spawnSandbox(args, { env });
    try {
      const again = new ContractClient(second.baseUrl);
      again.token = client.token; // tokens are stored too
      const repeat = await again.call<{ data: { id: string } }>('POST', '/crm/deal-settings', {
        body: { botResponseId: 'br-complaint', enabled: false, pipelineId: null, stageId: null, dealName: '', ownerId: null, sourceId: null, customerContactAssociation: false },
        headers: { 'Idempotency-Key': 'restart:1' },
      });
      expect(repeat.status).toBe(201);
      expect(repeat.headers['idempotent-replayed']).toBe('true');
      expect(repeat.body.data.id).toBe(created.data.id);
      const state = await new SandboxAdmin(second.origin, ADMIN_SECRET).state(BORNEO.username);
      expect(state.dealSettings.map((d) => d.id)).toEqual([created.data.id]);
      expect(again.violations).toEqual([]);
      expect(client.violations).toEqual([]);
    } finally {
      await second.stop();
    }
  });
});
