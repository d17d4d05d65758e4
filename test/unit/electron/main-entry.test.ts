import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openCore } from '../../../electron/core/open-core';

// The whole Electron API the entry point touches, stood in for, to check the wiring of
// electron/main/index.ts (the runtime itself cannot be downloaded on this machine).
const fake = vi.hoisted(() => {
  const state = {
    userData: '',
    appPath: '/opt/chatbot-settings-desktop/resources/app.asar',
    gotLock: true,
    windows: [] as Array<{ options: Record<string, unknown>; loaded: string[]; webContents: import('node:events').EventEmitter }>,
    appEvents: null as unknown as import('node:events').EventEmitter,
    calls: [] as string[],
    ipcHandlers: new Map<string, unknown>(),
    protocolHandlers: new Map<string, unknown>(),
    privilegedSchemes: [] as unknown[],
    headersListener: null as unknown,
    menuTemplate: null as unknown,
    readyResolve: null as null | (() => void),
  };
  return { state };
});

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const { state } = fake;
  state.appEvents = new Emitter();
  const app = Object.assign(state.appEvents, {
    isPackaged: true,
    enableSandbox: () => state.calls.push('enableSandbox'),
    requestSingleInstanceLock: () => state.gotLock,
    whenReady: () => new Promise<void>((resolve) => (state.readyResolve = resolve)),
    getPath: (name: string) => (name === 'userData' ? state.userData : '/nowhere'),
    getAppPath: () => state.appPath,
    getVersion: () => '9.9.9',
    quit: () => state.calls.push('quit'),
    exit: () => state.calls.push('exit'),
  });
  class BrowserWindow extends Emitter {
    readonly webContents = Object.assign(new Emitter(), {
      mainFrame: { url: '' },
      send: () => undefined,
      setWindowOpenHandler: () => undefined,
    });
    readonly loaded: string[] = [];
    constructor(readonly options: Record<string, unknown>) {
      super();
      state.windows.push(this);
    }
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
    isDestroyed() {
      return false;
    }
    isMinimized() {
      return false;
    }
    focus() {
      state.calls.push('focus');
    }
    restore() {}
    show() {}
    isVisible() {
      return true;
    }
    close() {
      state.calls.push('close');
    }
  }
  return {
    app,
    BrowserWindow,
    dialog: {
      showMessageBoxSync: () => 1,
      showErrorBox: () => state.calls.push('showErrorBox'),
      showMessageBox: async () => {
        state.calls.push('showMessageBox');
        return { response: 1 };
      },
    },
    Menu: { buildFromTemplate: (t: unknown) => (state.menuTemplate = t), setApplicationMenu: () => state.calls.push('setApplicationMenu') },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: (l: unknown) => (state.headersListener = l) },
        setPermissionRequestHandler: () => undefined,
        setPermissionCheckHandler: () => undefined,
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => state.privilegedSchemes.push(...schemes),
      handle: (scheme: string, handler: unknown) => state.protocolHandlers.set(scheme, handler),
    },
    ipcMain: {
      handle: (channel: string, handler: unknown) => state.ipcHandlers.set(channel, handler),
      removeHandler: (channel: string) => state.ipcHandlers.delete(channel),
    },
    shell: { openExternal: async () => undefined },
  };
});

const { state } = fake;
let dir: string;

beforeEach(() => {
  vi.resetModules();
  dir = mkdtempSync(join(tmpdir(), 'main-entry-'));
  state.userData = dir;
  state.windows.length = 0;
  state.calls.length = 0;
  state.ipcHandlers.clear();
  state.protocolHandlers.clear();
  state.privilegedSchemes.length = 0;
  state.headersListener = null;
  state.menuTemplate = null;
  state.readyResolve = null;
});
afterEach(() => {
  state.appEvents.emit('will-quit', quitEvent());
  state.appEvents.removeAllListeners();
  rmSync(dir, { recursive: true, force: true });
});

/** What Electron passes to 'will-quit': the app may hold the quit back until the core has closed. */
function quitEvent(): { preventDefault(): void } {
  return { preventDefault: () => state.calls.push('preventDefault') };
}

async function startApp(): Promise<void> {
  await import('../../../electron/main/index');
  state.readyResolve?.();
  await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('electron/main/index.ts wiring', () => {
  it('before ready: forces the sandbox and registers app:// as a privileged scheme', async () => {
    await import('../../../electron/main/index');
    expect(state.calls).toContain('enableSandbox');
    expect(state.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
    expect(state.windows).toHaveLength(0);
  });

  it('when ready: opens the core in userData, binds IPC, serves app://, sets CSP and menu, loads the app in a locked-down window', async () => {
    await startApp();
    expect(state.ipcHandlers.has('rpc')).toBe(true);
    expect(state.protocolHandlers.has('app')).toBe(true);
    expect(state.headersListener).not.toBeNull();
    expect(state.calls).toContain('setApplicationMenu');
    expect(state.windows).toHaveLength(1);
    const win = state.windows[0]!;
    expect(win.loaded).toEqual(['app://renderer/index.html']);
    expect(win.options.webPreferences).toMatchObject({
      preload: join(state.appPath, 'out', 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: false,
    });
    // The window's page crashing asks the user (here: Close) instead of leaving a blank window.
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    await vi.waitFor(() => expect(state.calls).toContain('close'));
    expect(state.calls).toContain('showMessageBox');
    // The core really is open on userData: a second opener is refused until quit.
    expect(() => openCore({ dataDir: dir, appVersion: 'x', transport: 'host' })).toThrow(/in use|locked/i);
    state.appEvents.emit('will-quit', quitEvent());
    const again = openCore({ dataDir: dir, appVersion: 'x', transport: 'host' });
    await again.close();
  });

  it('a second instance does not start: it quits, and the first one focuses its window', async () => {
    await startApp();
    state.appEvents.emit('second-instance');
    expect(state.calls).toContain('focus');

    vi.resetModules();
    state.gotLock = false;
    state.windows.length = 0;
    state.calls.length = 0;
    try {
      await import('../../../electron/main/index');
      expect(state.calls).toContain('quit');
      expect(state.windows).toHaveLength(0);
    } finally {
      state.gotLock = true;
    }
  });
});

