import { nextTick, onBeforeUnmount } from 'vue';

/**
 * While a picker's list is open, the component library hides the rest of the page from assistive
 * technology (`aria-hidden`) but leaves it focusable, which screen readers handle badly (axe:
 * aria-hidden-focus). This makes what it hid `inert` too, and gives it back before the list closes
 * (so the focus can return to the picker). Bind `onOpenChange` to the Select's `@update:open`.
 */
export function useInertOutside() {
  let made: Element[] = [];
  function release(): void {
    for (const element of made) element.removeAttribute('inert');
    made = [];
  }
  async function onOpenChange(open: boolean): Promise<void> {
    release();
    if (!open) return;
    await nextTick();
    await new Promise((resolve) => requestAnimationFrame(resolve));
    made = [...document.body.children].filter((element) => element.getAttribute('aria-hidden') === 'true' && !element.hasAttribute('inert'));
    for (const element of made) element.setAttribute('inert', '');
  }
  onBeforeUnmount(release);
  return { onOpenChange };
}
