import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore, type Core } from '../../../electron/core/open-core';
import type { Clock } from '../../../electron/core/clock';
import type { RendererApi, RpcEventName } from '../../../shared/rpc/contract';
import { createRpcClient, type RpcClient } from '../../../renderer/src/api/rpc-client';
import { copyAsIpc } from './ipc-copy';

export interface RealCore {
  core: Core;
  transport: RendererApi;
  client: RpcClient;
  /** saveDraft calls seen, and the most that were in flight at once. */
  saves: { count: number; maxInFlight: number };
  close(): Promise<void>;
}

/**
 * The real core on a real SQLite file in a temp dir, behind the same shape Electron's preload
 * exposes. Inputs are copied as IPC delivers them (ipc-copy.ts). The only instrument is a
 * counter of concurrent saves (to check that autosave never overlaps two).
 */
export function openRealCore(options: { clock?: Clock } = {}): RealCore {
  const dataDir = mkdtempSync(join(tmpdir(), 'renderer-core-'));
  const core = openCore({ dataDir, appVersion: 'test', transport: 'host', onUnexpectedError: () => undefined, ...(options.clock ? { clock: options.clock } : {}) });
  const saves = { count: 0, maxInFlight: 0 };
  let inFlight = 0;
  const transport: RendererApi = {
    async invoke(channel, input) {
      const wire = copyAsIpc(input);
      if (channel !== 'settings.saveDraft') return core.dispatcher.dispatch(channel, wire);
      saves.count++;
      inFlight++;
      saves.maxInFlight = Math.max(saves.maxInFlight, inFlight);
      try {
        // Let the event loop turn, as IPC or HTTP would, so that overlapping saves could happen.
        await new Promise((resolve) => setTimeout(resolve, 5));
        return await core.dispatcher.dispatch(channel, wire);
      } finally {
        inFlight--;
      }
    },
    on(event: RpcEventName, listener) {
      return core.onEvent((name, payload) => {
        if (name === event) listener(JSON.parse(JSON.stringify(payload)));
      });
    },
  };
  return {
    core,
    transport,
    client: createRpcClient(transport),
    saves,
    async close() {
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const CATALOG = {
  divisions: [
    { id: 'div-sales', name: 'Sales' },
    { id: 'div-support', name: 'Support' },
  ],
  agents: [
    { id: 'agent-ana', name: 'Ana Putri', divisionIds: ['div-sales'] },
    { id: 'agent-budi', name: 'Budi Santoso', divisionIds: ['div-support'] },
  ],
};

/** The document's draft, typed by kind. */
export function aiResponseDraft(core: Core, tenantId: string) {
  const view = core.services.documents.get(tenantId, 'ai_response');
  if (view.kind !== 'ai_response') throw new Error('wrong kind');
  return view.draft;
}
