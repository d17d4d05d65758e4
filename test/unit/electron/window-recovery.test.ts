import { EventEmitter } from 'node:events';
import type { BrowserWindow, MessageBoxOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ dialog: { showMessageBox: vi.fn() } }));

const { watchWindowHealth } = await import('../../../electron/main/window-recovery');

/** A window as watchWindowHealth uses it: its page's events, and what it does on a choice. */
function fakeWindow(visible: boolean) {
  const webContents = Object.assign(new EventEmitter(), { reload: vi.fn(), forcefullyCrashRenderer: vi.fn() });
  const win = {
    webContents,
    visible,
    destroyed: false,
    isVisible: () => win.visible,
    isDestroyed: () => win.destroyed,
    show: vi.fn(() => (win.visible = true)),
    close: vi.fn(() => (win.destroyed = true)),
  };
  return win;
}

function watched(visible: boolean, choice: number) {
  const win = fakeWindow(visible);
  const warnings: string[] = [];
  const asked: MessageBoxOptions[] = [];
  let markAnswered = (): void => undefined;
  const answered = new Promise<void>((resolve) => (markAnswered = resolve));
  watchWindowHealth(win as unknown as BrowserWindow, {
    warn: (_scope, message) => warnings.push(message),
    // The user answers a few milliseconds later.
    ask: (_win, options) => {
      asked.push(options);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          resolve(choice);
          markAnswered();
        }, 5);
        // Electron's box closes as if cancelled when its signal is aborted.
        options.signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve(options.cancelId ?? 0);
          markAnswered();
        });
      });
    },
  });
  const settled = async () => {
    await answered;
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { win, warnings, asked, settled };
}

describe('the window when its page goes away', () => {
  it('a crashed renderer: logged, the user is asked, and Reload reloads the page', async () => {
    const { win, warnings, asked, settled } = watched(true, 0);
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    await settled();
    expect(warnings).toEqual(["The window's page stopped (crashed, exit code 139)."]);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ type: 'error', message: 'The window stopped unexpectedly.', buttons: ['Reload', 'Close'], defaultId: 0, cancelId: 1 });
    expect(asked[0]!.detail).toContain('drafts are saved');
    expect(win.webContents.reload).toHaveBeenCalledTimes(1);
    expect(win.close).not.toHaveBeenCalled();
  });

  it('out of memory is said as such, and Close closes the window', async () => {
    const { win, asked, settled } = watched(true, 1);
    win.webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 0 });
    await settled();
    expect(asked[0]!.message).toBe('The window ran out of memory.');
    expect(win.close).toHaveBeenCalledTimes(1);
    expect(win.webContents.reload).not.toHaveBeenCalled();
  });

  it('a clean exit (the window closing) asks nothing', async () => {
    const { win, warnings, asked } = watched(true, 0);
    win.webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(warnings).toEqual([]);
    expect(asked).toEqual([]);
  });

  it('the app page failing to load shows the hidden window with the reason, and Reload tries again', async () => {
    const { win, warnings, asked, settled } = watched(false, 0);
    win.webContents.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', 'app://chatbot-settings/index.html', true);
    await settled();
    expect(win.show).toHaveBeenCalledTimes(1);
    expect(warnings).toEqual(["The app's page did not load (-6 ERR_FILE_NOT_FOUND)."]);
    expect(asked[0]).toMatchObject({ message: 'The app’s window could not load.', detail: expect.stringContaining('ERR_FILE_NOT_FOUND (-6)') });
    expect(win.webContents.reload).toHaveBeenCalledTimes(1);
  });

  it('a load replaced by another, or a frame inside the page, is not a failure', async () => {
    const { win, asked } = watched(false, 0);
    win.webContents.emit('did-fail-load', {}, -3, 'ERR_ABORTED', 'app://chatbot-settings/index.html', true);
    win.webContents.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', 'app://chatbot-settings/frame.html', false);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(asked).toEqual([]);
    expect(win.show).not.toHaveBeenCalled();
  });

  it('asks once while a question is open, and nothing once the window is gone', async () => {
    const { win, asked, settled } = watched(true, 1);
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    win.webContents.emit('did-fail-load', {}, -2, 'ERR_FAILED', 'app://chatbot-settings/index.html', true);
    await settled();
    expect(asked).toHaveLength(1);
    expect(win.destroyed).toBe(true);
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(asked).toHaveLength(1);
  });

  it('a page that stopped responding: Keep waiting does nothing, and the question goes when it answers again', async () => {
    const { win, warnings, asked, settled } = watched(true, 0);
    win.webContents.emit('unresponsive');
    win.webContents.emit('responsive');
    await settled();
    expect(warnings).toEqual(["The window's page stopped responding."]);
    expect(asked[0]).toMatchObject({ message: 'The window is not responding.', buttons: ['Keep waiting', 'Reload', 'Close'], cancelId: 0 });
    expect(asked[0]!.signal?.aborted).toBe(true);
    expect(win.webContents.reload).not.toHaveBeenCalled();
    expect(win.close).not.toHaveBeenCalled();
  });

  it('a page that stopped responding: Reload ends its process first, without a second question about it', async () => {
    const { win, asked, settled } = watched(true, 1);
    win.webContents.emit('unresponsive');
    await settled();
    expect(win.webContents.forcefullyCrashRenderer).toHaveBeenCalledTimes(1);
    expect(win.webContents.reload).toHaveBeenCalledTimes(1);
    win.webContents.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(asked).toHaveLength(1);
  });

  it('a stuck page that then crashes: the crash is asked about instead', async () => {
    const { win, asked, settled } = watched(true, 1);
    win.webContents.emit('unresponsive');
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 11 });
    await settled();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(asked.map((options) => options.message)).toEqual(['The window is not responding.', 'The window stopped unexpectedly.']);
    expect(asked[0]!.signal?.aborted).toBe(true);
    expect(win.close).toHaveBeenCalledTimes(1);
  });
});
