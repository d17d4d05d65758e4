import { readonly, ref, type Ref } from 'vue';

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
