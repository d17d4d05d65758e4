import { describe, expect, it } from 'vitest';
import { BackendError } from '../../../electron/core/sync/backend-error';
import type { BackendClientFactory, BackendClientRequest } from '../../../electron/core/sync/session/backend-client-factory';
import { useCores } from '../../fixtures/core/open-test-core';
import { useTempDirs } from '../../fixtures/core/temp-dirs';

/** Sync talks to the tenants' backends only through the clients of the factory the core is given. */
describe('the backend client factory', () => {
  const tempDir = useTempDirs();
  const open = useCores();

  it('makes the clients a pull uses, per tenant and URL; what they fail with is the tenant’s last error and nothing is written', async () => {
    const requests: BackendClientRequest[] = [];
    const calls: string[] = [];
    const backends: BackendClientFactory = {
      create(request) {
        requests.push(request);
        return {
          call: async (key) => {
            calls.push(key);
            throw new BackendError('unreachable', 'The fake backend is not there.');
          },
        };
      },
    };
    const core = open(tempDir(), { sync: { backends } });
    const tenant = core.services.tenants.create({ name: 'PT Palsu', backendUrl: 'https://fake.example/api' });

    await expect(core.services.sync.pull(tenant.id)).rejects.toMatchObject({ code: 'BACKEND_UNREACHABLE' });
    // One client for the token grants, one with the session's tokens.
    expect(requests.map((request) => [request.tenantId, request.baseUrl, request.tokens !== undefined])).toEqual([
      [tenant.id, 'https://fake.example/api', false],
      [tenant.id, 'https://fake.example/api', true],
    ]);
    expect(calls).toContain('listDivisions');
    expect(calls).toContain('getAiResponse');
    expect(core.services.sync.status(tenant.id).lastError).toMatchObject({ code: 'BACKEND_UNREACHABLE', message: 'The fake backend is not there.' });
    expect(core.services.catalog.get(tenant.id).fetchedAt).toBeNull();

    // A new backend URL gets new clients.
    core.services.tenants.update({ id: tenant.id, backendUrl: 'https://other.example/api' });
    await expect(core.services.sync.pull(tenant.id)).rejects.toMatchObject({ code: 'BACKEND_UNREACHABLE' });
    expect(requests.slice(2).map((request) => request.baseUrl)).toEqual(['https://other.example/api', 'https://other.example/api']);
  });
});
