import { useCallback, useMemo } from 'react';
import { useIntlLocale } from '../../lib/format';

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

/** A length of time given in hours ("45 minutes", "5 hours", "3 days"), in the current language. */
export function useDuration() {
  const locale = useIntlLocale();
  return useCallback(
    (hours: number) => {
      const fmt = (value: number, unit: 'minute' | 'hour' | 'day') =>
        new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: 0 }).format(
          value,
        );
      if (hours < 1) return fmt(Math.max(1, Math.round(hours * 60)), 'minute');
      if (hours < 48) return fmt(Math.round(hours), 'hour');
      return fmt(Math.floor(hours / 24), 'day');
    },
    [locale],
  );
}
