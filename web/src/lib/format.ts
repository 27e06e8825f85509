import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Wraps a user-supplied value (a name, an email) in Unicode isolates before it goes into a
 * translated sentence, so a Latin email inside Arabic text (or the reverse) keeps its order.
 */
export function isolate(value: string | null | undefined): string {
  return `\u2068${value ?? ''}\u2069`;
}

/** Number and date formatting in the current language (`timeZone` e.g. the organisation's). */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
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
        safe(() => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(new Date(d))),
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
          new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(d)),
        ),
    };
  }, [locale]);
}
