/** macOS uses ⌘ where other systems use Ctrl. */
export function isMacPlatform(platform: string): boolean {
  return /mac|iphone|ipad/i.test(platform);
}

/** The switcher's shortcut: Cmd+K on macOS, Ctrl+K elsewhere (no Shift or Alt). */
export function isSwitcherShortcut(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>, mac: boolean): boolean {
  if (event.altKey || event.shiftKey || event.key.toLowerCase() !== 'k') return false;
  return mac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
}

/** navigator.platform first: it is cheap, and userAgentData can cost milliseconds at start-up. */
export function currentPlatform(): string {
  const nav = navigator as Navigator & { userAgentData?: { platform?: string } };
  return nav.platform || nav.userAgentData?.platform || '';
}
