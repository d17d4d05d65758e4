import { ref } from 'vue';
import { isUnknownIdError } from '../api/rpc-client-error';
import { useErrorText, type ErrorText } from './use-error-text';

export type PageLoadState = 'loading' | 'ready' | 'not-found' | 'error';

export interface PageLoadOptions {
  /** The page stays shown (`ready`) while it loads again, e.g. when it already has what it shows. */
  shownWhileLoading?: () => boolean;
  /** A page about one record: the core knowing no such id makes it `not-found`, not an error. */
  notFoundOnUnknownId?: boolean;
}

/**
 * A page's load and its retry: `loading`, then `ready`, or `not-found` (the loader says so, or,
 * with `notFoundOnUnknownId`, the core knows no such id), or `error` with its text for people.
 */
export function usePageLoad(loader: () => Promise<'not-found' | void>, options: PageLoadOptions = {}) {
  const errorText = useErrorText();
  const state = ref<PageLoadState>('loading');
  const failure = ref<ErrorText | null>(null);

  async function load(): Promise<void> {
    state.value = options.shownWhileLoading?.() ? 'ready' : 'loading';
    try {
      state.value = (await loader()) === 'not-found' ? 'not-found' : 'ready';
    } catch (error) {
      if (options.notFoundOnUnknownId && isUnknownIdError(error)) {
        state.value = 'not-found';
      } else {
        failure.value = errorText(error);
        state.value = 'error';
      }
    }
  }

  return { state, failure, load };
}
