/**
 * Runs `run` once the browser has painted the next frame (a task after the next animation frame):
 * for work the first paint does not need, so that it does not delay it.
 */
export function afterNextPaint(run: () => void): void {
  requestAnimationFrame(() => setTimeout(run, 0));
}
