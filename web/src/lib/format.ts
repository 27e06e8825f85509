import { useMemo, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { currentDigits, DEFAULT_TIME_ZONE, intlLocaleFor, subscribeDigits } from '../i18n';

/**
 * Wraps a user-supplied value (a name, an email) in Unicode isolates before it goes into a
 * translated sentence, so a Latin email inside Arabic text (or the reverse) keeps its order.
 */
export function isolate(value: string | null | undefined): string {
  return `\u2068${value ?? ''}\u2069`;
}

/**
 * The locale tag for Intl formatters: the current language with the reader's digits
 * (`ar-EG-u-nu-latn` / `ar-EG-u-nu-arab`, or `en`). Components re-render when either changes.
 */
export function useIntlLocale(): string {
  const { i18n } = useTranslation();
  const digits = useSyncExternalStore(subscribeDigits, currentDigits, currentDigits);
  return intlLocaleFor(i18n.language, digits);
}

/**
 * Number and date formatting in the current language and digits. `timeZone` is e.g. the
 * organisation's; without one, dates show in Africa/Cairo time.
 */
export function useFormat() {
  const locale = useIntlLocale();
  return useMemo(() => {
    const safe = (fn: () => string) => {
      try {
        return fn();
      } catch {
        return '';
      }
    };
    return {
      locale,
      number: (n: number) => new Intl.NumberFormat(locale).format(n),
      date: (d: Date | string, timeZone?: string) =>
        safe(() =>
          new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: timeZone ?? DEFAULT_TIME_ZONE }).format(
            new Date(d),
          ),
        ),
      /** A calendar date (`YYYY-MM-DD`, no time or zone): shown as that same day everywhere. */
      day: (iso: string | null | undefined) =>
        iso
          ? safe(() =>
              new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
                new Date(`${iso}T00:00:00Z`),
              ),
            )
          : '',
      dateTime: (d: Date | string, timeZone?: string) =>
        safe(() =>
          new Intl.DateTimeFormat(locale, {
            dateStyle: 'medium',
            timeStyle: 'short',
            timeZone: timeZone ?? DEFAULT_TIME_ZONE,
          }).format(new Date(d)),
        ),
    };
  }, [locale]);
}
