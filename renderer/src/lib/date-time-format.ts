/**
 * Dates and times for people, in the app's language. Building an Intl.DateTimeFormat costs far
 * more than using one (a list paints dozens of dates at once), so each locale and style is built
 * once and kept.
 */
export type DateTimeStyle = 'short' | 'medium';

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(locale: string, timeStyle: DateTimeStyle): Intl.DateTimeFormat {
  const key = `${locale}|${timeStyle}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle });
    formats.set(key, format);
  }
  return format;
}

/** A medium date with a short (hh:mm) or medium (hh:mm:ss) time. */
export function formatDateTime(locale: string, when: Date | string, timeStyle: DateTimeStyle = 'short'): string {
  return formatFor(locale, timeStyle).format(typeof when === 'string' ? new Date(when) : when);
}
