import { computed, nextTick, onBeforeUnmount, onMounted, watch, type Ref } from 'vue';
import type { FormContext, GenericObject } from 'vee-validate';
import type { CatalogView } from '../../../shared/schemas/catalog';
import type { SingletonKind } from '../../../shared/schemas/settings-document';
import { useI18n } from 'vue-i18n';
import { useSettingsStore, type FormValues } from '../stores/settings';
import { useToastsStore } from '../stores/toasts';
import { useErrorText } from './use-error-text';
import { cloneJson, sameJson } from '../lib/clone';
import { useFieldReveal } from './field-reveal';

/**
 * Wires a vee-validate form to the settings store: every change is validated against the shared
 * schema (with the catalog check); a valid value is autosaved, an invalid one stays in the form
 * (and in the store). Its errors show once the user is done with a field (left it, or paused
 * typing in it) or asks to see them all (`useFieldReveal`); errors the core reported on the saved
 * document show on their fields at once.
 */
export function useSettingsAutosave<TValues extends GenericObject, TOutput extends GenericObject>(options: {
  tenantId: string;
  kind: SingletonKind;
  form: FormContext<TValues, TOutput>;
  catalog: Ref<CatalogView>;
  /** Fields revealed together (their rule spans both). */
  linked?: Record<string, readonly string[]>;
}) {
  const { tenantId, kind, form } = options;
  const settings = useSettingsStore();
  const toasts = useToastsStore();
  const errorText = useErrorText();
  const { t } = useI18n();
  const entry = computed(() => settings.entry(tenantId, kind));
  const reveal = useFieldReveal({ key: `${tenantId}:${kind}`, tenantId, values: () => form.values as Record<string, unknown>, linked: options.linked });
  onBeforeUnmount(reveal.stop);

  let sequence = 0;
  async function check(): Promise<void> {
    const mine = ++sequence;
    const values = cloneJson(form.values) as FormValues;
    const result = await form.validate();
    if (mine !== sequence) return; // a newer edit is being checked
    // A problem of the stored draft itself (an agent the catalog lost) is no typing in progress: shown at once.
    const stored = entry.value?.view?.draft;
    if (!result.valid && stored && sameJson(values, stored)) for (const path of Object.keys(result.errors)) reveal.reveal(path);
    settings.edit(tenantId, kind, values, result.valid ? (result.values ?? null) : null);
  }

  watch(() => form.values, () => void check(), { deep: true });
  watch(options.catalog, () => void check());
  watch(
    () => entry.value?.resetCount,
    () => {
      const values = entry.value?.values;
      if (!values) return;
      form.resetForm({ values: cloneJson(values) } as Parameters<typeof form.resetForm>[0]);
      reveal.forget(values as Record<string, unknown>);
    },
  );
  onMounted(() => void check());

  /** Issues from the core apply while the form still holds what the core judged. */
  const coreIssues = computed(() => {
    const current = entry.value;
    if (!current?.view) return [];
    const fromSave = current.saveError?.issues ?? [];
    const fromView = sameJson(form.values, current.view.draft) ? current.view.issues : [];
    return [...fromSave, ...fromView];
  });

  // Save errors name the field inside the request (`draft.divisionId`); view issues name it directly.
  const isOn = (issue: { path: ReadonlyArray<string | number> }, path: string) => String(issue.path[0] === 'draft' ? issue.path[1] : issue.path[0]) === path;

  function fieldError(path: string): string | undefined {
    const local = (form.errors.value as Record<string, string | undefined>)[path];
    if (local) return reveal.isShown(path) ? local : undefined;
    return coreIssues.value.find((issue) => isOn(issue, path))?.message;
  }

  /** Every message on a field (the form's own, else the core's), for a field that carries more than one kind. */
  function fieldErrors(path: string): string[] {
    const local = (form.errorBag.value as Record<string, string[] | undefined>)[path] ?? [];
    if (local.length > 0) return reveal.isShown(path) ? local : [];
    return coreIssues.value.filter((issue) => isOn(issue, path)).map((issue) => issue.message);
  }

  /** Errors the form has but does not show yet (the save status offers to show them). */
  const hiddenIssues = computed(() => Object.entries(form.errors.value as Record<string, string | undefined>).some(([path, message]) => !!message && !reveal.isShown(path)));
  const shownIssues = computed(() => Object.entries(form.errors.value as Record<string, string | undefined>).some(([path, message]) => !!message && reveal.isShown(path)));

  /** Shows every error and moves the focus to the first field that has one. */
  async function showIssues(): Promise<void> {
    reveal.showAll();
    await nextTick();
    reveal.formElement.value?.querySelector<HTMLElement>('[aria-invalid="true"]:not([role="radiogroup"]), [role="radiogroup"][aria-invalid="true"] [role="radio"]')?.focus();
  }

  return {
    entry,
    formElement: reveal.formElement,
    onFocusOut: reveal.onFocusOut,
    /** The form has errors, none of them shown yet. */
    issuesHiddenOnly: computed(() => hiddenIssues.value && !shownIssues.value),
    showIssues,
    fieldError,
    fieldErrors,
    status: computed(() => settings.statusOf(tenantId, kind)),
    retry: () => settings.retry(tenantId, kind),
    async discard(): Promise<void> {
      try {
        await settings.discard(tenantId, kind);
        toasts.push({ kind: 'success', title: t('settings.discarded') });
      } catch (error) {
        const text = errorText(error);
        toasts.push({ kind: 'error', title: t('settings.discardFailed'), detail: `${text.summary} ${text.detail}` });
      }
    },
  };
}
