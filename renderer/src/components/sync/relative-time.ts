import { computed, onBeforeUnmount, ref, toValue, type MaybeRefOrGetter } from 'vue';
import { useI18n } from 'vue-i18n';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "5 minutes ago" in the app's language (Intl), "just now" under a minute; null for no time. */
export function formatAge(iso: string | null, now: number, locale: string, justNow: string): string | null {
  if (!iso) return null;
  const elapsed = Math.max(0, now - Date.parse(iso));
  if (elapsed < MINUTE) return justNow;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (elapsed < HOUR) return format.format(-Math.floor(elapsed / MINUTE), 'minute');
  if (elapsed < DAY) return format.format(-Math.floor(elapsed / HOUR), 'hour');
  return format.format(-Math.floor(elapsed / DAY), 'day');
}

/** The age of a timestamp as text, kept current (re-rendered every 30 s while mounted). */
export function useRelativeAge(iso: MaybeRefOrGetter<string | null | undefined>) {
  const { t, locale } = useI18n();
  const now = ref(Date.now());
  const timer = setInterval(() => (now.value = Date.now()), 30_000);
  onBeforeUnmount(() => clearInterval(timer));
  return computed(() => formatAge(toValue(iso) ?? null, now.value, locale.value, t('sync.justNow')));
}
