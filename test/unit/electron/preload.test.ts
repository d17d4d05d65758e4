import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';

// The preload runs only inside Electron: its two Electron objects are stood in for here.
const electron = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  return {
    exposed,
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: null as unknown,
  };
});
vi.mock('electron', () => ({ contextBridge: electron.contextBridge, get ipcRenderer() { return electron.ipcRenderer; } }));

class FakeIpcRenderer extends EventEmitter {
  readonly invoke = vi.fn(async (..._args: unknown[]) => ({ ok: true, value: 'pong' }));
}

async function loadPreload(): Promise<{ api: Record<string, unknown>; ipc: FakeIpcRenderer }> {
  vi.resetModules();
  electron.exposed.clear();
  const ipc = new FakeIpcRenderer();
  electron.ipcRenderer = ipc;
  await import('../../../electron/preload/index');
  return { api: electron.exposed.get('api') as Record<string, unknown>, ipc };
}

afterEach(() => vi.resetModules());

describe('preload', () => {
  it('exposes exactly window.api with invoke and on, nothing else', async () => {
    const { api } = await loadPreload();
    expect([...electron.exposed.keys()]).toEqual(['api']);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    expect(typeof api.invoke).toBe('function');
    expect(typeof api.on).toBe('function');
  });

  it('invoke sends the channel and input over the one rpc IPC channel and returns the result', async () => {
    const { api, ipc } = await loadPreload();
    const invoke = api.invoke as (channel: string, input: unknown) => Promise<unknown>;
    await expect(invoke('tenants.list', { query: 'a' })).resolves.toEqual({ ok: true, value: 'pong' });
    expect(ipc.invoke).toHaveBeenCalledWith('rpc', 'tenants.list', { query: 'a' });
    await expect(invoke(42 as unknown as string, {})).rejects.toThrow(TypeError);
    expect(ipc.invoke).toHaveBeenCalledTimes(1);
  });

  it('on delivers only the payload of the named event, and unsubscribing stops it', async () => {
    const { api, ipc } = await loadPreload();
    const on = api.on as (event: string, listener: (payload: unknown) => void) => () => void;
    const seen: unknown[] = [];
    const listener = vi.fn((payload: unknown) => seen.push(payload));
    const off = on('tenant.changed', listener);
    const ipcEvent = { sender: ipc, senderId: 0 };

    ipc.emit('rpc-event', ipcEvent, 'tenant.changed', { tenantId: null });
    ipc.emit('rpc-event', ipcEvent, 'something.else', { x: 1 });
    expect(seen).toEqual([{ tenantId: null }]);
    // Only the payload: the IPC event object (which reaches back into Electron) never gets to the page.
    expect(listener.mock.calls[0]).toEqual([{ tenantId: null }]);

    off();
    expect(ipc.listenerCount('rpc-event')).toBe(0);
    ipc.emit('rpc-event', ipcEvent, 'tenant.changed', { tenantId: null });
    expect(seen).toHaveLength(1);
  });
});
