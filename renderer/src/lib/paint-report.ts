/**
 * Listens for the browser's report of a paint (`paint`: the page's first paints; `element`: an
 * element marked `elementtiming`), which Chromium gives once the frame is on screen. Calls
 * `onReported` at the first entry that `matches`. Null where the browser does not report that
 * type; otherwise the function that stops listening.
 */
export function whenPaintReported(type: 'paint' | 'element', matches: (entry: PerformanceEntry) => boolean, onReported: () => void, options: { buffered?: boolean } = {}): (() => void) | null {
  const Observer = typeof PerformanceObserver === 'function' ? PerformanceObserver : null;
  if (!Observer?.supportedEntryTypes?.includes(type)) return null;
  const observer = new Observer((list) => {
    if (list.getEntries().some(matches)) onReported();
  });
  observer.observe({ type, buffered: options.buffered ?? false });
  return () => observer.disconnect();
}
