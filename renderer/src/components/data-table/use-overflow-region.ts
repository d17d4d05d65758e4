import { onBeforeUnmount, ref, watch } from 'vue';

/**
 * For a box that scrolls its content when the content does not fit (a wide table): whether it
 * overflows now. Bind `tabindex="0"` and `role="region"` with a name while it does, so that it
 * scrolls by keyboard too, and is no extra Tab stop while everything fits. The box may appear
 * later than its component (after a load).
 */
export function useOverflowRegion() {
  const box = ref<HTMLElement | null>(null);
  const overflows = ref(false);
  let observer: ResizeObserver | null = null;
  watch(
    box,
    (element) => {
      observer?.disconnect();
      observer = null;
      if (!element || typeof ResizeObserver === 'undefined') return;
      const measure = () => (overflows.value = element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + 1);
      observer = new ResizeObserver(measure);
      observer.observe(element);
      if (element.firstElementChild) observer.observe(element.firstElementChild);
      measure();
    },
    { flush: 'post' },
  );
  onBeforeUnmount(() => observer?.disconnect());
  return { box, overflows };
}
