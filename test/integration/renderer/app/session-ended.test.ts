import { afterEach, describe, expect, it } from 'vitest';
import { openRealCore, type RealCore } from '../../../support/renderer/real-core';
import { mountApp, type MountedApp } from '../../../support/renderer/mount-app';
import { waitFor } from '../../../support/renderer/dom';
import { createRpcClient } from '../../../../renderer/src/api/rpc-client';
import { useSessionStore } from '../../../../renderer/src/stores/session';
import type { RendererApi } from '../../../../shared/rpc/contract';

let real: RealCore | null = null;
let app: MountedApp | null = null;
afterEach(async () => {
  app?.unmount();
  app = null;
  await real?.close();
  real = null;
});

describe('session ended', () => {
  it('replaces the app with a full-page message when the host answers UNAUTHORIZED', async () => {
    real = openRealCore();
    // What the headless host answers for a stale launch token (checked for real in http-transport.test.ts).
    const staleToken: RendererApi = {
      invoke: async () => ({ ok: false, error: { code: 'UNAUTHORIZED', message: 'Missing or wrong session token.' } }),
      on: () => () => undefined,
    };
    let ended = () => undefined as void;
    const client = createRpcClient(staleToken, { onUnauthorized: () => ended() });
    app = await mountApp(client);
    const session = useSessionStore(app.context.pinia);
    ended = () => session.end();
    // The list page already asked before `ended` was wired: ask again, as any later call would.
    await expect(client.call('tenants.list', {})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await waitFor(() => document.body.textContent?.includes('This session has ended: open the address the host printed.'));
    expect(document.querySelector('[data-testid="tenant-row"]')).toBeNull();
  });
});
