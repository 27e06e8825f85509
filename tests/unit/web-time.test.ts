import { describe, expect, it, vi } from 'vitest';

// web/src/lib/time.ts imports the web app's i18n, which sets <html lang dir> when it loads.
vi.hoisted(() => {
  (globalThis as { document?: unknown }).document ??= { documentElement: {} };
});

import { formatDuration, formatRelativeTime, largestUnit } from '../../web/src/lib/time';

const NOW = new Date('2026-01-15T12:00:00Z');
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);
const en = (offsetMs: number) => formatRelativeTime('en', at(offsetMs), NOW);
const ar = (offsetMs: number, digits: 'latn' | 'arab' = 'latn') =>
  formatRelativeTime(`ar-EG-u-nu-${digits}`, at(offsetMs), NOW);

describe('formatRelativeTime: the largest whole unit, truncated, in the reader’s language', () => {
  it('minute boundaries: under a minute is "this minute"; 60 s is 1 minute; 59 min 59 s is 59 minutes', () => {
    expect(en(-59_999)).toBe('this minute');
    expect(en(0)).toBe('this minute');
    expect(en(-MIN)).toBe('1 minute ago');
    expect(en(-(HOUR - 1000))).toBe('59 minutes ago');
    expect(ar(-59_999)).toBe('هذه الدقيقة');
    expect(ar(-5 * MIN)).toBe('قبل 5 دقائق');
  });

  it('hour and day boundaries: 60 min is 1 hour; 23 h 59 min is 23 hours; 24 h to 47 h is yesterday; 48 h is 2 days', () => {
    expect(en(-HOUR)).toBe('1 hour ago');
    expect(en(-(DAY - MIN))).toBe('23 hours ago');
    expect(en(-DAY)).toBe('yesterday');
    expect(en(-(2 * DAY - MIN))).toBe('yesterday');
    expect(en(-2 * DAY)).toBe('2 days ago');
    expect(ar(-DAY)).toBe('أمس');
    expect(ar(-3 * DAY)).toBe('قبل 3 أيام');
    expect(ar(-3 * DAY, 'arab')).toBe('قبل ٣ أيام');
  });

  it('weeks from 7 days, then calendar months and years', () => {
    expect(en(-6 * DAY)).toBe('6 days ago');
    expect(en(-7 * DAY)).toBe('last week');
    expect(en(-15 * DAY)).toBe('2 weeks ago');
    expect(formatRelativeTime('en', new Date('2025-11-15T12:00:00Z'), NOW)).toBe('2 months ago');
    expect(formatRelativeTime('en', new Date('2025-01-15T12:00:00Z'), NOW)).toBe('last year');
    expect(formatRelativeTime('ar-EG-u-nu-latn', new Date('2025-11-15T12:00:00Z'), NOW)).toBe('قبل شهرين');
  });

  it('a month is a calendar month, not 30 days: all of February (28 days) is last month, 30 days 23 h of January is 4 weeks', () => {
    const march1 = new Date('2026-03-01T12:00:00Z');
    expect(formatRelativeTime('en', new Date('2026-01-31T12:00:00Z'), march1)).toBe('last month');
    expect(formatRelativeTime('en', new Date('2026-02-01T12:00:00Z'), march1)).toBe('last month');
    expect(formatRelativeTime('en', new Date('2026-01-01T12:00:01Z'), new Date('2026-02-01T12:00:00Z'))).toBe(
      '4 weeks ago',
    );
  });

  it('the future reads "in …", tomorrow and the day after in both languages', () => {
    expect(en(90_000)).toBe('in 1 minute');
    expect(en(3 * HOUR + 59 * MIN)).toBe('in 3 hours');
    expect(en(DAY)).toBe('tomorrow');
    expect(en(2 * DAY)).toBe('in 2 days');
    expect(ar(3 * HOUR)).toBe('خلال 3 ساعات');
    expect(ar(DAY)).toBe('غدًا');
    expect(ar(2 * DAY)).toBe('بعد الغد');
  });

  it('takes an ISO string as the server sends it, and a numeric now', () => {
    expect(formatRelativeTime('en', '2026-01-15T09:30:00.000Z', NOW.getTime())).toBe('2 hours ago');
  });
});

describe('largestUnit', () => {
  it('is signed (negative for the past), and null under a minute or for an invalid date', () => {
    expect(largestUnit(at(-3 * DAY), NOW)).toEqual({ unit: 'day', value: -3 });
    expect(largestUnit(at(3 * DAY), NOW)).toEqual({ unit: 'day', value: 3 });
    expect(largestUnit(at(-59_000), NOW)).toBeNull();
    expect(largestUnit(new Date('not a date'), NOW)).toBeNull();
  });
});

describe('formatDuration: a length in hours on the same ladder', () => {
  const d = (locale: string, hours: number) => formatDuration(locale, hours, 'under a minute', NOW);

  it('under a minute, zero and negative lengths are the given under-a-minute text', () => {
    expect(d('en', 0.5 / 60)).toBe('under a minute');
    expect(d('en', 0)).toBe('under a minute');
    expect(d('en', -5)).toBe('under a minute');
  });

  it('truncates to whole units: 1 minute, 1 hour for 1.5 h, 1 day for 47 h, 3 days, 1 week, then months', () => {
    expect(d('en', 1 / 60)).toBe('1 minute');
    expect(d('en', 1.5)).toBe('1 hour');
    expect(d('en', 47)).toBe('1 day');
    expect(d('en', 72)).toBe('3 days');
    expect(d('en', 7 * 24)).toBe('1 week');
    // 15 November to 15 January
    expect(d('en', 61 * 24)).toBe('2 months');
  });

  it('is worded in Arabic with the reader’s digits', () => {
    expect(d('ar-EG-u-nu-latn', 5)).toBe('5 ساعات');
    expect(d('ar-EG-u-nu-arab', 72)).toBe('٣ أيام');
    expect(d('ar-EG-u-nu-latn', 14 * 24)).toBe('أسبوعان');
  });

  it('an oldest wait of N hours uses the unit and count of that item’s "… ago"', () => {
    const pairs: [number, string, string][] = [
      [5, '5 hours', '5 hours ago'],
      [30, '1 day', 'yesterday'],
      [24 * 9, '1 week', 'last week'],
      [24 * 40, '1 month', 'last month'],
      [24 * 400, '1 year', 'last year'],
    ];
    for (const [hours, wait, ago] of pairs) {
      expect([d('en', hours), formatRelativeTime('en', at(-hours * HOUR), NOW)]).toEqual([wait, ago]);
    }
  });
});
