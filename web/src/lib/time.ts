import {
  differenceInDays,
  differenceInHours,
  differenceInMinutes,
  differenceInMonths,
  differenceInWeeks,
  differenceInYears,
} from 'date-fns';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useIntlLocale } from './format';

export type TimeUnit = 'year' | 'month' | 'week' | 'day' | 'hour' | 'minute';

/**
 * Largest unit first. date-fns counts whole calendar years, months and days in the reader's time
 * zone (a month is not 30 days, a day across a clock change is still one day) and truncates toward
 * zero, so 47 hours is "1 day", never "2 days".
 */
const LADDER: readonly [TimeUnit, (later: Date, earlier: Date) => number][] = [
  ['year', differenceInYears],
  ['month', differenceInMonths],
  ['week', differenceInWeeks],
  ['day', differenceInDays],
  ['hour', differenceInHours],
  ['minute', differenceInMinutes],
];

/**
 * The largest whole unit from `from` to `to`: positive when `to` is later, negative when it is
 * earlier; null under a minute (or for an invalid date).
 */
export function largestUnit(to: Date, from: Date): { unit: TimeUnit; value: number } | null {
  for (const [unit, difference] of LADDER) {
    const value = difference(to, from);
    if (Number.isFinite(value) && value !== 0) return { unit, value };
  }
  return null;
}

/** "3 days ago" / "in 5 minutes" / "yesterday" with a formatter of the reader's language. */
function relative(rtf: Intl.RelativeTimeFormat, d: Date | string, now: Date | number): string {
  const step = largestUnit(new Date(d), new Date(now));
  return step ? rtf.format(step.value, step.unit) : rtf.format(0, 'minute');
}

/** `useRelativeTime` without React: `locale` is an Intl tag (`en`, `ar-EG-u-nu-arab`). */
export function formatRelativeTime(locale: string, d: Date | string, now: Date | number = Date.now()): string {
  return relative(new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }), d, now);
}

/** "3 days ago" / "in 5 minutes" in the current language (Intl.RelativeTimeFormat). */
export function useRelativeTime() {
  const locale = useIntlLocale();
  const rtf = useMemo(() => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }), [locale]);
  return useCallback((d: Date | string, now: Date | number = Date.now()) => relative(rtf, d, now), [rtf]);
}

/**
 * A length of time given in hours, cut to whole units on the same ladder as `useRelativeTime`,
 * counted back from `now`: a queue's "oldest wait 3 days" matches its oldest item's "3 days ago"
 * (both truncate, neither rounds up). Under a minute, or a negative length, is `underMinute`.
 */
export function formatDuration(
  locale: string,
  hours: number,
  underMinute: string,
  now: Date | number = Date.now(),
): string {
  const end = new Date(now);
  const step = largestUnit(end, new Date(end.getTime() - Math.max(0, hours) * 3_600_000));
  if (!step) return underMinute;
  return new Intl.NumberFormat(locale, { style: 'unit', unit: step.unit, unitDisplay: 'long' }).format(step.value);
}

/** `formatDuration` in the current language. */
export function useDuration() {
  const locale = useIntlLocale();
  const { t } = useTranslation();
  return useCallback((hours: number) => formatDuration(locale, hours, t('queue.health.underMinute')), [locale, t]);
}
