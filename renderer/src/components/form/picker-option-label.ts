import { useI18n } from 'vue-i18n';
import type { PickerOption } from './catalog-options';

/** How a picker names an option: a removed or unknown current choice says so. */
export function usePickerOptionLabel(): (option: PickerOption) => string {
  const { t } = useI18n();
  return (option) => {
    if (option.missing === 'removed') return t('settings.removedEntry', { name: option.name });
    if (option.missing === 'unknown') return t('settings.unknownEntry', { id: option.id });
    return option.name;
  };
}
