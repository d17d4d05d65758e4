import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openCore, type Core } from '../../../electron/core/open-core';
import { createAppUrlCheck } from '../../../electron/main/app-url';

// Electron's ipcMain, stood in for: it records the handler so the test can call it as IPC would.
const electron = vi.hoisted(() => {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  return {
    handlers,
    ipcMain: {
      handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => handlers.set(channel, handler),
      removeHandler: (channel: string) => handlers.delete(channel),
    },
  };
});
vi.mock('electron', () => ({ ipcMain: electron.ipcMain }));

const { bindRpcToIpc } = await import('../../../electron/main/ipc-rpc');

function makeWindow(url = 'app://renderer/index.html#/') {
  const mainFrame = { url };
  const send = vi.fn();
  const webContents = { mainFrame, send };
  return { webContents, isDestroyed: () => false };
}

let dir: string;
let core: Core;
let unbind: () => void;
let win: ReturnType<typeof makeWindow>;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ipc-rpc-'));
  core = openCore({ dataDir: dir, appVersion: '1.2.3', transport: 'electron', onUnexpectedError: () => undefined });
  win = makeWindow();
  unbind = bindRpcToIpc(core, () => win as never, createAppUrlCheck(null));
});
afterEach(async () => {
  unbind();
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

function invoke(event: unknown, channel: unknown, input: unknown): Promise<unknown> {
  const handler = electron.handlers.get('rpc');
  if (!handler) throw new Error('no rpc handler bound');
  return Promise.resolve(handler(event, channel, input));
}
const fromOurWindow = () => ({ sender: win.webContents, senderFrame: win.webContents.mainFrame });

describe('RPC over ipcMain', () => {
  it('runs calls from our main frame through the real core', async () => {
    const created = (await invoke(fromOurWindow(), 'tenants.create', { name: 'PT Sumber Rejeki' })) as { ok: boolean; value: { id: string } };
    expect(created).toMatchObject({ ok: true, value: { name: 'PT Sumber Rejeki' } });
    expect(await invoke(fromOurWindow(), 'tenants.list', {})).toMatchObject({ ok: true, value: [{ id: created.value.id }] });
    expect(await invoke(fromOurWindow(), 'app.info', {})).toEqual({ ok: true, value: { version: '1.2.3', dataDir: dir, transport: 'electron' } });
  });

  it('refuses a foreign frame with FORBIDDEN before the core sees the call', async () => {
    const iframe = { sender: win.webContents, senderFrame: { url: 'app://renderer/index.html' } };
    const otherWindow = makeWindow();
    const foreign = [iframe, { sender: otherWindow.webContents, senderFrame: otherWindow.webContents.mainFrame }, { sender: win.webContents, senderFrame: null }];
    for (const event of foreign) {
      expect(await invoke(event, 'tenants.create', { name: 'Injected' })).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', message: expect.any(String) },
      });
    }
    const navigatedAway = makeWindow('https://evil.example/');
    win = navigatedAway;
    expect(await invoke(fromOurWindow(), 'tenants.create', { name: 'Injected' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    win = makeWindow();
    expect(await invoke(fromOurWindow(), 'tenants.list', {})).toEqual({ ok: true, value: [] });
  });

  it('passes typed errors through: unknown channel, invalid input, non-string channel', async () => {
    expect(await invoke(fromOurWindow(), 'nope.nothing', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await invoke(fromOurWindow(), 'tenants.create', { name: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await invoke(fromOurWindow(), { evil: true }, {})).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it("sends the core's events to the window", async () => {
    const created = (await invoke(fromOurWindow(), 'tenants.create', { name: 'Toko Abadi' })) as { value: { id: string } };
    expect(win.webContents.send).toHaveBeenCalledWith('rpc-event', 'tenant.changed', { tenantId: created.value.id });
  });

  it('unbinding removes the handler and stops the events', async () => {
    unbind();
    expect(electron.handlers.has('rpc')).toBe(false);
    await core.dispatcher.dispatch('tenants.create', { name: 'After unbind' });
    expect(win.webContents.send).not.toHaveBeenCalled();
    unbind = () => undefined;
  });
});
