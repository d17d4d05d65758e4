import { describe, expect, it } from 'vitest';
import { defineComponent, h, nextTick } from 'vue';
import { mount } from '@vue/test-utils';
import { createAppI18n } from '../../../renderer/src/i18n/create-i18n';
import { LOCALE_STORAGE_KEY } from '../../../renderer/src/i18n/locale';
import { useAppLocale } from '../../../renderer/src/composables/use-app-locale';

/** The language's messages load on demand: English is in the app's entry, Indonesian comes when needed. */
describe('loading a language on demand', () => {
  it('starts with English only; another language is ready once its messages are in', async () => {
    const english = createAppI18n('en');
    await english.ready;
    expect(english.global.availableLocales).toEqual(['en']);

    const indonesian = createAppI18n('id');
    // English stands in until the messages are in.
    expect(indonesian.global.t('app.language')).toBe('Language');
    await indonesian.ready;
    expect(indonesian.global.availableLocales).toContain('id');
    expect(indonesian.global.t('app.language')).toBe('Bahasa');
  });

  it('switches once the language has loaded, remembers it, and the latest choice wins', async () => {
    window.localStorage.clear();
    const i18n = createAppI18n('en');
    let locale!: ReturnType<typeof useAppLocale>;
    const wrapper = mount(
      defineComponent({
        setup() {
          locale = useAppLocale();
          return () => h('p', i18n.global.t('app.language'));
        },
      }),
      { global: { plugins: [i18n] } },
    );
    const toIndonesian = locale.setLocale('id');
    // Not applied before its messages are in: no frame of missing texts.
    expect(locale.locale.value).toBe('en');
    await toIndonesian;
    await nextTick();
    expect(locale.locale.value).toBe('id');
    expect(wrapper.text()).toBe('Bahasa');
    expect(window.localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('id');

    // Back to English while Indonesian is (already) loaded, then Indonesian and English again at once: English wins.
    const first = locale.setLocale('id');
    const second = locale.setLocale('en');
    await Promise.all([first, second]);
    expect(locale.locale.value).toBe('en');
    expect(window.localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en');
    wrapper.unmount();
  });
});
