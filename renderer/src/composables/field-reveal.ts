import { computed, reactive, ref, watch, type Ref } from 'vue';

/** How long typing must pause before the field being typed in shows its error. */
export const TYPING_PAUSE_MS = 800;

interface RevealState {
  /** Fields whose error may show: left after a visit, typed in and paused, or all after "show". */
  fields: Set<string>;
  all: boolean;
}

// Per form (tenant and document), kept while the app runs: leaving a page and coming back shows
// the same errors as before, and nothing new.
const states = new Map<string, RevealState>();
function stateOf(key: string): RevealState {
  let state = states.get(key);
  if (!state) {
    state = reactive({ fields: new Set<string>(), all: false }) as RevealState;
    states.set(key, state);
  }
  return state;
}

/** Asks every form of a tenant to show all its errors (the user tries to publish). */
const revealRequests = ref<Record<string, number>>({});
export function requestReveal(tenantId: string): void {
  revealRequests.value = { ...revealRequests.value, [tenantId]: (revealRequests.value[tenantId] ?? 0) + 1 };
}

/**
 * When a settings form shows a field's error: once the field was visited and left, once typing in
 * it paused, or once the user asks to see every problem (Show what to fix, Publish). Choosing a
 * mode reveals only the mode's own field, so the fields it brings in do not start out red.
 * Fields that belong together (`linked`: Hours and Minutes) are revealed together.
 */
export function useFieldReveal(options: {
  key: string;
  tenantId: string;
  values: () => Record<string, unknown>;
  linked?: Record<string, readonly string[]>;
}) {
  const state = stateOf(options.key);
  const formElement: Ref<HTMLFormElement | null> = ref(null);

  function reveal(path: string): void {
    for (const field of [path, ...(options.linked?.[path] ?? [])]) state.fields.add(field);
  }

  let previous = JSON.stringify(options.values());
  let pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  watch(
    options.values,
    (values) => {
      const before = JSON.parse(previous) as Record<string, unknown>;
      previous = JSON.stringify(values);
      for (const key of Object.keys(values)) {
        if (JSON.stringify(values[key]) !== JSON.stringify(before[key])) pending.add(key);
      }
      if (pending.size === 0) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        for (const field of pending) reveal(field);
        pending = new Set();
      }, TYPING_PAUSE_MS);
    },
    { deep: true },
  );

  watch(
    () => revealRequests.value[options.tenantId],
    (count) => {
      if (count) state.all = true;
    },
  );

  /** A focus that leaves a field (not into the field's own list or popup) reveals it. */
  function onFocusOut(event: FocusEvent): void {
    const from = event.target instanceof Element ? event.target.closest<HTMLElement>('[data-field]') : null;
    if (!from?.dataset.field) return;
    const to = event.relatedTarget instanceof Element ? event.relatedTarget : null;
    if (to && from.contains(to)) return;
    if (to?.closest('[role="listbox"], [data-reka-popper-content-wrapper]')) return;
    reveal(from.dataset.field);
    for (const field of pending) reveal(field);
    pending = new Set();
  }

  function isShown(path: string): boolean {
    return state.all || state.fields.has(path);
  }

  /** After the values were replaced by `values` (a discard): nothing is revealed any more. */
  function forget(values: Record<string, unknown>): void {
    previous = JSON.stringify(values);
    clearTimeout(timer);
    pending = new Set();
    state.fields.clear();
    state.all = false;
  }

  return {
    formElement,
    reveal,
    isShown,
    onFocusOut,
    forget,
    showAll(): void {
      state.all = true;
    },
    shownAll: computed(() => state.all),
    stop(): void {
      clearTimeout(timer);
    },
  };
}
