import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useIntlLocale } from './format';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "3 days ago" / "in 5 minutes" in the current language (Intl.RelativeTimeFormat). */
export function useRelativeTime() {
  const locale = useIntlLocale();
  const rtf = useMemo(() => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }), [locale]);
  return useCallback(
    (d: Date | string, now: number = Date.now()) => {
      const seconds = (new Date(d).getTime() - now) / 1000;
      const abs = Math.abs(seconds);
      for (const [unit, size] of UNITS) {
        if (abs >= size) return rtf.format(Math.trunc(seconds / size), unit);
      }
      return rtf.format(0, 'minute');
    },
    [rtf],
  );
}

/**
 * A length of time given in hours, cut to whole units on the same ladder as `useRelativeTime`
 * (minutes, hours, days, weeks…), so a queue's "oldest wait 3 days" matches its oldest item's
 * "3 days ago": both truncate, neither rounds up. Under a minute is `underMinute`.
 */
export function formatDuration(locale: string, hours: number, underMinute: string): string {
  const seconds = Math.max(0, hours * 3600);
  for (const [unit, size] of UNITS) {
    if (seconds >= size) {
      return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(
        Math.trunc(seconds / size),
      );
    }
  }
  return underMinute;
}

/** `formatDuration` in the current language. */
export function useDuration() {
  const locale = useIntlLocale();
  const { t } = useTranslation();
  return useCallback((hours: number) => formatDuration(locale, hours, t('queue.health.underMinute')), [locale, t]);
}
