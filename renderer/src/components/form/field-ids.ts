import { computed, useId, type MaybeRefOrGetter, toValue } from 'vue';

/**
 * Ids that tie a control to its hint and error: `aria-describedby` names both, and
 * `aria-invalid="true"` is set only while there is an error.
 */
export function useFieldIds(options: { hint: MaybeRefOrGetter<string | undefined>; error: MaybeRefOrGetter<string | null | undefined> }) {
  const base = `field-${useId()}`;
  const controlId = base;
  const hintId = `${base}-hint`;
  const errorId = `${base}-error`;
  const describedBy = computed(() => [toValue(options.hint) ? hintId : null, toValue(options.error) ? errorId : null].filter(Boolean).join(' ') || undefined);
  const ariaInvalid = computed(() => (toValue(options.error) ? ('true' as const) : undefined));
  return { controlId, hintId, errorId, describedBy, ariaInvalid };
}
