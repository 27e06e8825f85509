/**
 * The Egypt timeline, as pure functions shared by server and web.
 *
 * Months count from the day a learner starts (the cohort's start date, or the learner's own).
 * Every skill has a window [startMonth, endMonth): it is expected to be demonstrated by endMonth.
 * Dates are calendar dates (`YYYY-MM-DD`), not instants; "today" is taken in the org's time zone.
 */
import { TZDate } from '@date-fns/tz';
import { UTCDate } from '@date-fns/utc';
import { addDays, addMonths, differenceInCalendarDays, differenceInMonths, format } from 'date-fns';
import { z } from 'zod';

export type IsoDate = string;
export const TIMELINE_MONTHS = 36;

/** Behind when verified coverage is this many percentage points under the expected coverage. */
export const STATUS_TOLERANCE_POINTS = 10;
/** …or when any assigned skill is overdue by more than this many days. */
export const OVERDUE_GRACE_DAYS = 14;
/** An assignment due within this many days is "due soon". */
export const DUE_SOON_DAYS = 14;

const ISO_DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export const zIsoDate = z
  .string()
  .regex(ISO_DATE_RE, { message: 'errors.date.invalid' })
  .refine((s) => isValidIsoDate(s), { message: 'errors.date.invalid' });

export function isValidIsoDate(s: string): boolean {
  if (!ISO_DATE_RE.test(s)) return false;
  const d = toUtc(s);
  return !Number.isNaN(d.getTime()) && format(d, 'yyyy-MM-dd') === s;
}

function toUtc(date: IsoDate): UTCDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new UTCDate(y, m - 1, d);
}

function fromUtc(d: Date): IsoDate {
  return format(d, 'yyyy-MM-dd');
}

/** Today's calendar date in a time zone (default Africa/Cairo). */
export function todayIn(timeZone: string, now: Date = new Date()): IsoDate {
  return format(new TZDate(now.getTime(), timeZone), 'yyyy-MM-dd');
}

/** Calendar-correct: 2026-01-31 + 1 month = 2026-02-28. */
export function addMonthsToDate(date: IsoDate, months: number): IsoDate {
  return fromUtc(addMonths(toUtc(date), months));
}

export function addDaysToDate(date: IsoDate, days: number): IsoDate {
  return fromUtc(addDays(toUtc(date), days));
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return differenceInCalendarDays(toUtc(b), toUtc(a));
}

/**
 * Months since `start` at `at`, fractional: whole calendar months, plus the elapsed share of the
 * month that follows. Negative before the start.
 */
export function monthsSinceStart(start: IsoDate, at: IsoDate): number {
  const s = toUtc(start);
  const a = toUtc(at);
  if (a.getTime() < s.getTime()) return -monthsSinceStart(at, start);
  const whole = differenceInMonths(a, s);
  const anchor = addMonths(s, whole);
  const next = addMonths(s, whole + 1);
  const span = differenceInCalendarDays(next, anchor);
  const into = differenceInCalendarDays(a, anchor);
  return whole + (span > 0 ? into / span : 0);
}

/** The date a skill is due: the start date plus the window's end month. */
export function skillDueDate(start: IsoDate, endMonth: number): IsoDate {
  return addMonthsToDate(start, endMonth);
}

export interface WindowedSkill {
  startMonth: number;
  endMonth: number;
}

/** Skills fully due by month `m` (their window has ended). */
export function isDueBy(skill: WindowedSkill, m: number): boolean {
  return skill.endMonth <= m;
}

/**
 * Expected share (0..1) of `skills` at month `m`: skills whose window has ended count fully, and
 * (in `linear` mode) a skill whose window contains `m` counts for the elapsed share of its window.
 */
export function expectedCoverage(
  skills: readonly WindowedSkill[],
  m: number,
  mode: 'linear' | 'step' = 'linear',
): number {
  if (skills.length === 0) return 0;
  let sum = 0;
  for (const s of skills) {
    if (m >= s.endMonth) sum += 1;
    else if (mode === 'linear' && m > s.startMonth && s.endMonth > s.startMonth) {
      sum += (m - s.startMonth) / (s.endMonth - s.startMonth);
    }
  }
  return sum / skills.length;
}

/** The expected curve, one point per step from 0 to `until` months. */
export function expectedCurve(skills: readonly WindowedSkill[], until = TIMELINE_MONTHS, step = 0.5) {
  const points: { month: number; expected: number }[] = [];
  for (let m = 0; m <= until + 1e-9; m += step) points.push({ month: m, expected: expectedCoverage(skills, m) });
  return points;
}

export type LearnerStatus = 'ahead' | 'on_track' | 'behind';
export type StatusReason = 'coverage_below_expected' | 'overdue' | 'coverage_above_expected' | 'within_tolerance';

/**
 * A learner's status at a date, defined once:
 * - behind: verified coverage more than STATUS_TOLERANCE_POINTS under expected, or any assigned skill
 *   overdue by more than OVERDUE_GRACE_DAYS days;
 * - ahead: verified coverage more than STATUS_TOLERANCE_POINTS over expected (and nothing overdue);
 * - otherwise on track.
 * Coverages are fractions 0..1.
 */
export function learnerStatus(input: {
  expected: number;
  verified: number;
  /** Days overdue of each assigned, not yet verified skill whose due date has passed. */
  overdueDays?: readonly number[];
}): { status: LearnerStatus; reason: StatusReason } {
  const diff = (input.verified - input.expected) * 100;
  const late = (input.overdueDays ?? []).some((d) => d > OVERDUE_GRACE_DAYS);
  if (diff < -STATUS_TOLERANCE_POINTS) return { status: 'behind', reason: 'coverage_below_expected' };
  if (late) return { status: 'behind', reason: 'overdue' };
  if (diff > STATUS_TOLERANCE_POINTS) return { status: 'ahead', reason: 'coverage_above_expected' };
  return { status: 'on_track', reason: 'within_tolerance' };
}

export const STATUS_ORDER: Record<LearnerStatus, number> = { behind: 0, on_track: 1, ahead: 2 };

export type DueState = 'done' | 'overdue' | 'due_soon' | 'upcoming';

/** Where an assigned item stands on `today`. */
export function dueState(dueDate: IsoDate, today: IsoDate, done: boolean): DueState {
  if (done) return 'done';
  const days = daysBetween(today, dueDate);
  if (days < 0) return 'overdue';
  if (days <= DUE_SOON_DAYS) return 'due_soon';
  return 'upcoming';
}
