import { afterNextPaint } from './after-next-paint';
import { whenPaintReported } from './paint-report';

/** How long after the next paint an element's own paint report is waited for. */
const MAX_WAIT_MS = 100;

/**
 * Runs `run` once an element marked `elementtiming="<identifier>"` has been painted and shown (its
 * Element Timing entry, which Chromium reports once the frame is on screen), or else once the next
 * paint is done and at most `MAX_WAIT_MS` after it. For work that would otherwise compete with the
 * browser for the CPU while it still puts that frame on screen. Where the browser does not report
 * element paints, this is `afterNextPaint`.
 */
export function afterElementShown(identifier: string, run: () => void): void {
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    stop?.();
    run();
  };
  const stop = whenPaintReported('element', (entry) => (entry as PerformanceEntry & { identifier?: string }).identifier === identifier, () => setTimeout(finish, 0));
  if (stop === null) {
    afterNextPaint(run);
    return;
  }
  afterNextPaint(() => setTimeout(finish, MAX_WAIT_MS));
}
