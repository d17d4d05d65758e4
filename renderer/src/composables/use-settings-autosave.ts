import { computed, onMounted, watch, type Ref } from 'vue';
import type { FormContext, GenericObject } from 'vee-validate';
import type { CatalogView } from '../../../shared/schemas/catalog';
import type { SingletonKind } from '../../../shared/schemas/settings-document';
import { useI18n } from 'vue-i18n';
import { useSettingsStore, type FormValues } from '../stores/settings';
import { useToastsStore } from '../stores/toasts';
import { useErrorText } from './use-error-text';
import { cloneJson, sameJson } from '../lib/clone';

/**
 * Wires a vee-validate form to the settings store: every change is validated against the shared
 * schema (with the catalog check); a valid value is autosaved, an invalid one stays in the form
 * (and in the store) with its errors shown. Errors the core reported on the saved document show
 * on their fields too.
 */
export function useSettingsAutosave<TValues extends GenericObject, TOutput extends GenericObject>(options: {
  tenantId: string;
  kind: SingletonKind;
  form: FormContext<TValues, TOutput>;
  catalog: Ref<CatalogView>;
}) {
  const { tenantId, kind, form } = options;
  const settings = useSettingsStore();
  const toasts = useToastsStore();
  const errorText = useErrorText();
  const { t } = useI18n();
  const entry = computed(() => settings.entry(tenantId, kind));

  let sequence = 0;
  async function check(): Promise<void> {
    const mine = ++sequence;
    const values = cloneJson(form.values) as FormValues;
    const result = await form.validate();
    if (mine !== sequence) return; // a newer edit is being checked
    settings.edit(tenantId, kind, values, result.valid ? (result.values ?? null) : null);
  }

  watch(() => form.values, () => void check(), { deep: true });
  watch(options.catalog, () => void check());
  watch(
    () => entry.value?.resetCount,
    () => {
      const values = entry.value?.values;
      if (values) form.resetForm({ values: cloneJson(values) } as Parameters<typeof form.resetForm>[0]);
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
    if (local) return local;
    return coreIssues.value.find((issue) => isOn(issue, path))?.message;
  }

  /** Every message on a field (the form's own, else the core's), for a field that carries more than one kind. */
  function fieldErrors(path: string): string[] {
    const local = (form.errorBag.value as Record<string, string[] | undefined>)[path] ?? [];
    if (local.length > 0) return local;
    return coreIssues.value.filter((issue) => isOn(issue, path)).map((issue) => issue.message);
  }

  return {
    entry,
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
