import { watch, type Ref } from 'vue';

function canTakeFocus(element: Element | null): element is HTMLElement {
  return element instanceof HTMLElement && element.isConnected && !element.matches(':disabled') && element.getClientRects().length > 0;
}

/**
 * Where the focus goes when a dialog closes: back to the element that opened it, or — when that
 * one is gone or disabled (a Sign in button replaced by Sign out, a Pull button busy when a pull
 * opened the dialog) — to `fallback`. Without this, the focus would fall to the page's body.
 * Bind `onCloseAutoFocus` to Reka's `DialogContent` `@close-auto-focus`.
 */
export function useReturnFocus(open: Ref<boolean>, fallback?: () => HTMLElement | null | undefined) {
  let opener: Element | null = null;
  watch(
    open,
    (isOpen) => {
      if (isOpen) opener = document.activeElement && document.activeElement !== document.body ? document.activeElement : null;
    },
    { immediate: true, flush: 'sync' },
  );
  function onCloseAutoFocus(event: Event): void {
    const target = canTakeFocus(opener) ? opener : fallback?.();
    opener = null;
    if (!target) return;
    event.preventDefault();
    if (!target.hasAttribute('tabindex') && !target.matches('a[href], button, input, select, textarea, [contenteditable]')) target.setAttribute('tabindex', '-1');
    target.focus();
  }
  return { onCloseAutoFocus };
}
