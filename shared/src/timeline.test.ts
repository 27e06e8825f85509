import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDaysToDate,
  addMonthsToDate,
  daysBetween,
  dueState,
  expectedCoverage,
  isValidIsoDate,
  learnerStatus,
  monthsSinceStart,
  STATUS_ORDER,
  skillDueDate,
  todayIn,
  type WindowedSkill,
} from './timeline';

const MILESTONES: WindowedSkill[] = [
  ...Array(5).fill({ startMonth: 0, endMonth: 3 }),
  ...Array(4).fill({ startMonth: 3, endMonth: 6 }),
  ...Array(6).fill({ startMonth: 6, endMonth: 12 }),
  ...Array(5).fill({ startMonth: 12, endMonth: 18 }),
  ...Array(6).fill({ startMonth: 18, endMonth: 36 }),
];

describe('calendar arithmetic', () => {
  it('adds months calendar-correctly', () => {
    expect(addMonthsToDate('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonthsToDate('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonthsToDate('2026-09-01', 3)).toBe('2026-12-01');
    expect(addMonthsToDate('2026-11-15', 36)).toBe('2029-11-15');
    expect(skillDueDate('2026-07-27', 3)).toBe('2026-10-27');
  });

  it('counts months since the start, fractionally', () => {
    expect(monthsSinceStart('2026-01-15', '2026-01-15')).toBe(0);
    expect(monthsSinceStart('2026-01-15', '2026-04-15')).toBe(3);
    expect(monthsSinceStart('2026-01-15', '2026-03-01')).toBeCloseTo(1 + 14 / 28, 5);
    expect(monthsSinceStart('2026-05-01', '2026-04-01')).toBe(-1);
  });

  it("takes today in the org's time zone", () => {
    // 23:30 UTC on 26 Nov is already 27 Nov in Cairo (UTC+2)
    const instant = new Date('2026-11-26T23:30:00Z');
    expect(todayIn('Africa/Cairo', instant)).toBe('2026-11-27');
    expect(todayIn('UTC', instant)).toBe('2026-11-26');
  });

  it('validates ISO dates', () => {
    expect(isValidIsoDate('2026-02-28')).toBe(true);
    expect(isValidIsoDate('2026-02-30')).toBe(false);
    expect(isValidIsoDate('26-2-1')).toBe(false);
    expect(daysBetween('2026-01-01', '2026-03-01')).toBe(59);
  });

  it('adds days across month, year and leap-day ends; daysBetween undoes it', () => {
    expect(addDaysToDate('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDaysToDate('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDaysToDate('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDaysToDate('2026-03-01', -1)).toBe('2026-02-28');
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: -4000, max: 4000 }),
        (start, n) => {
          const iso = start.toISOString().slice(0, 10);
          expect(daysBetween(iso, addDaysToDate(iso, n))).toBe(n);
        },
      ),
    );
  });

  it('due states', () => {
    expect(dueState('2026-01-10', '2026-01-20', false)).toBe('overdue');
    expect(dueState('2026-01-25', '2026-01-20', false)).toBe('due_soon');
    expect(dueState('2026-03-25', '2026-01-20', false)).toBe('upcoming');
    expect(dueState('2026-01-10', '2026-01-20', true)).toBe('done');
  });
});

describe('expected coverage', () => {
  it('is the share of due skills plus the elapsed share of open windows', () => {
    expect(expectedCoverage(MILESTONES, 0)).toBe(0);
    expect(expectedCoverage(MILESTONES, 3, 'step')).toBeCloseTo(5 / 26);
    expect(expectedCoverage(MILESTONES, 1.5)).toBeCloseTo((5 * 0.5) / 26);
    expect(expectedCoverage(MILESTONES, 12, 'step')).toBeCloseTo(15 / 26);
    expect(expectedCoverage(MILESTONES, 36)).toBe(1);
    expect(expectedCoverage([], 10)).toBe(0);
  });

  it('never decreases with time and reaches 100% at month 36 (property)', () => {
    const window = fc
      .tuple(fc.integer({ min: 0, max: 35 }), fc.integer({ min: 1, max: 36 }))
      .map(([a, b]) => ({ startMonth: Math.min(a, b - 1), endMonth: Math.max(b, a + 1) }));
    fc.assert(
      fc.property(
        fc.array(window, { minLength: 1, maxLength: 40 }),
        fc.double({ min: 0, max: 40, noNaN: true }),
        fc.double({ min: 0, max: 40, noNaN: true }),
        fc.constantFrom('linear' as const, 'step' as const),
        (skills, a, b, mode) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          expect(expectedCoverage(skills, lo, mode)).toBeLessThanOrEqual(expectedCoverage(skills, hi, mode) + 1e-12);
          expect(expectedCoverage(skills, 36, mode)).toBe(1);
          const v = expectedCoverage(skills, lo, mode);
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});

describe('learner status', () => {
  it('uses one tolerance: 10 points, or overdue by more than 14 days', () => {
    expect(learnerStatus({ expected: 0.5, verified: 0.39 })).toEqual({
      status: 'behind',
      reason: 'coverage_below_expected',
    });
    expect(learnerStatus({ expected: 0.5, verified: 0.41 }).status).toBe('on_track');
    expect(learnerStatus({ expected: 0.5, verified: 0.61 }).status).toBe('ahead');
    expect(learnerStatus({ expected: 0.5, verified: 0.5, overdueDays: [15] })).toEqual({
      status: 'behind',
      reason: 'overdue',
    });
    expect(learnerStatus({ expected: 0.5, verified: 0.5, overdueDays: [14] }).status).toBe('on_track');
  });

  it('is monotone in the verified count (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 5 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        (total, expected, overdueDays, x, y) => {
          const [lo, hi] = [Math.min(x, y, total), Math.min(Math.max(x, y), total)];
          const a = learnerStatus({ expected, verified: lo / total, overdueDays });
          const b = learnerStatus({ expected, verified: hi / total, overdueDays });
          expect(STATUS_ORDER[b.status]).toBeGreaterThanOrEqual(STATUS_ORDER[a.status]);
        },
      ),
    );
  });
});
