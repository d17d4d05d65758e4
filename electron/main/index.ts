import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, Menu, session } from 'electron';
import { contentSecurityPolicy } from '../../shared/security/content-security-policy';
import type { Core } from '../core/open-core';
import { registerAppSchemePrivileges, serveAppProtocol } from './app-protocol';
import { APP_ENTRY_URL, createAppUrlCheck } from './app-url';
import { bindRpcToIpc } from './ipc-rpc';
import { exportDiagnostics } from './export-diagnostics';
import { createMainWindow } from './main-window';
import { buildMenuTemplate } from './menu-template';
import { openCoreInteractively } from './open-core-interactive';
import { createElectronClipboard } from './electron-clipboard';
import { createElectronSheetPdf } from './change-sheet-pdf';
import { hardenSession } from './session-hardening';
import { watchWindowHealth } from './window-recovery';

// The Electron shell: lifecycle, the window, the menu, and the core's router on IPC. Everything
// with logic lives in the modules it imports; this file only wires them together.

const isDev = !app.isPackaged;
const devServerUrl = isDev ? (process.env['ELECTRON_RENDERER_URL'] ?? null) : null;
const isAppUrl = createAppUrlCheck(devServerUrl);

app.enableSandbox();
registerAppSchemePrivileges();

let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;

if (!app.requestSingleInstanceLock()) {
  // Another copy owns the data: it comes to the front (second-instance below), this one leaves.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow === null || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => fail(error));
}

function start(): void {
  const appPath = app.getAppPath();
  const dataDir = app.getPath('userData');
  const sheetPdf = createElectronSheetPdf({
    chooseFile: async (name) => {
      const options = { title: 'Save change sheet as PDF', defaultPath: join(app.getPath('downloads'), name), filters: [{ name: 'PDF', extensions: ['pdf'] }] };
      const chosen = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
      return chosen.canceled || !chosen.filePath ? null : chosen.filePath;
    },
  });
  core = openCoreInteractively(
    { dataDir, appVersion: app.getVersion(), transport: 'electron', clipboard: createElectronClipboard(), sheetPdf },
    {
      ask: (prompt) => dialog.showMessageBoxSync({ type: 'error', noLink: true, defaultId: prompt.cancelId, ...prompt }),
      tell: (message) => void dialog.showMessageBoxSync({ type: 'info', title: 'Chatbot Settings Desktop', message: 'Recovered', detail: message }),
    },
  );
  if (core === null) {
    app.quit();
    return;
  }

  const devConnect = devServerUrl ? [new URL(devServerUrl).origin, new URL(devServerUrl).origin.replace(/^http/, 'ws')] : [];
  hardenSession(session.defaultSession, contentSecurityPolicy({ extraConnectSrc: devConnect, devInlineStyles: devServerUrl !== null }));
  serveAppProtocol(join(appPath, 'out', 'renderer'));
  const openCore = core;
  const onExportDiagnostics = (): void => {
    void exportDiagnostics(openCore.dispatcher, {
      chooseFile: async (name) => {
        const options = { title: 'Export diagnostics', defaultPath: join(app.getPath('downloads'), name), filters: [{ name: 'JSON', extensions: ['json'] }] };
        const chosen = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
        return chosen.canceled || !chosen.filePath ? null : chosen.filePath;
      },
      tell: (kind, message) => void dialog.showMessageBox({ type: kind, title: 'Export diagnostics', message }),
    }).catch((error: unknown) => openCore.logger.failure('diagnostics.export', error));
  };
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate({ isDev, isMac: process.platform === 'darwin', onExportDiagnostics })));
  const unbind = bindRpcToIpc(core, () => mainWindow, isAppUrl);

  const icon = join(appPath, 'resources', 'icon.png');
  const openWindow = (): void => {
    mainWindow = createMainWindow({
      preloadPath: join(appPath, 'out', 'preload', 'index.cjs'),
      entryUrl: devServerUrl ?? APP_ENTRY_URL,
      isAppUrl,
      isDev,
      ...(existsSync(icon) ? { icon } : {}),
    });
    watchWindowHealth(mainWindow, { warn: (scope, message) => openCore.logger.warn(scope, message) });
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  };
  openWindow();

  app.on('activate', () => {
    if (mainWindow === null) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', (event) => {
    if (!core) return;
    // The core stops its work and closes the store first; then the app quits for real.
    event.preventDefault();
    unbind();
    const closing = core;
    core = null;
    void closing.close().finally(() => app.quit());
  });
}

function fail(error: unknown): void {
  dialog.showErrorBox('Chatbot Settings Desktop', `The app failed to start: ${error instanceof Error ? error.message : String(error)}`);
  app.exit(1);
}
