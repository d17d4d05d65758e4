import { describe, expect, it } from 'vitest';
import { createAppUrlCheck } from '../../../electron/main/app-url';
import { isTrustedSender } from '../../../electron/main/sender-check';

const isAppUrl = createAppUrlCheck(null);

function makeWindow(url = 'app://renderer/index.html#/') {
  const mainFrame = { url };
  const webContents = { mainFrame };
  let destroyed = false;
  return { webContents, isDestroyed: () => destroyed, destroy: () => (destroyed = true) };
}

describe('IPC sender check', () => {
  it("accepts our window's main frame showing the app", () => {
    const win = makeWindow();
    expect(isTrustedSender({ sender: win.webContents, senderFrame: win.webContents.mainFrame }, win, isAppUrl)).toBe(true);
  });

  it('refuses a child frame of our window (an iframe), even one on the app origin', () => {
    const win = makeWindow();
    const iframe = { url: 'app://renderer/index.html' };
    expect(isTrustedSender({ sender: win.webContents, senderFrame: iframe }, win, isAppUrl)).toBe(false);
  });

  it('refuses another window, a missing frame, a destroyed or absent window', () => {
    const win = makeWindow();
    const other = makeWindow();
    expect(isTrustedSender({ sender: other.webContents, senderFrame: other.webContents.mainFrame }, win, isAppUrl)).toBe(false);
    expect(isTrustedSender({ sender: win.webContents, senderFrame: null }, win, isAppUrl)).toBe(false);
    expect(isTrustedSender({ sender: win.webContents, senderFrame: win.webContents.mainFrame }, null, isAppUrl)).toBe(false);
    win.destroy();
    expect(isTrustedSender({ sender: win.webContents, senderFrame: win.webContents.mainFrame }, win, isAppUrl)).toBe(false);
  });

  it('refuses our main frame once it shows something else than the app', () => {
    for (const url of ['https://evil.example/', 'file:///tmp/x.html', 'about:blank', 'data:text/html,hi']) {
      const win = makeWindow(url);
      expect(isTrustedSender({ sender: win.webContents, senderFrame: win.webContents.mainFrame }, win, isAppUrl), url).toBe(false);
    }
  });
});
