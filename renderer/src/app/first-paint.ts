import { readonly, ref, type Ref } from 'vue';
import { whenPaintReported } from '../lib/paint-report';

/**
 * Whether the app's first screen has painted. What that screen can show a frame later (the
 * header's tools, the toasts' region) mounts once it has, so that their code and markup do not
 * delay the first rows. True unless the app's start holds it (app/start-app.ts): a component
 * mounted on its own, as in tests, shows everything at once.
 */
const painted = ref(true);

/** Read by the components that wait for the first paint. */
export const firstScreenPainted: Readonly<Ref<boolean>> = readonly(painted);

/** Holds what waits for the first paint; the returned function lets it mount. */
export function holdUntilFirstPaint(): () => void {
  painted.value = false;
  return () => {
    painted.value = true;
  };
}

/** The longest the app waits for its first paint to be reported (a hidden window paints nothing). */
const FIRST_PAINT_WAIT_MS = 1000;

/**
 * Runs `run` once the page's first contentful paint is on screen: reported by the browser after the
 * frame was presented, so that the work after it does not take the CPU from that frame's raster and
 * display (an animation frame's callback comes before them). At the app's start nothing contentful
 * is painted before the app mounts, so that paint is the first screen's. Runs after
 * `FIRST_PAINT_WAIT_MS` at most, and in the next task where the browser does not report paints or
 * the page is hidden (Electron's window shows once it has painted, and a paint while hidden is not
 * reported).
 */
export function afterFirstContentfulPaint(run: () => void): void {
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    stop?.();
    clearTimeout(timer);
    run();
  };
  const stop = document.visibilityState === 'hidden' ? null : whenPaintReported('paint', (entry) => entry.name === 'first-contentful-paint', finish, { buffered: true });
  const timer = setTimeout(finish, stop === null ? 0 : FIRST_PAINT_WAIT_MS);
}
