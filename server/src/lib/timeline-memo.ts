import {
  addMonthsToDate,
  daysBetween,
  expectedCoverage,
  type IsoDate,
  monthsSinceStart,
  type WindowedSkill,
} from '@masar/shared';

/**
 * Per-request memo of the timeline's date arithmetic. A cohort's learners share a handful of start
 * dates and due dates, so a dashboard needs a few dozen distinct date computations, not one per
 * learner × assigned skill (~3,000 for 100 learners, ~12% of the request's time before this).
 * Results are exactly those of the pure functions in `@masar/shared` (`timeline.ts`).
 */
export class TimelineMemo {
  private readonly added = new Map<string, IsoDate>();
  private readonly late = new Map<IsoDate, number>();
  private readonly since = new Map<IsoDate, number>();
  private readonly expected = new Map<number, number>();

  constructor(
    readonly today: IsoDate,
    private readonly skills: readonly WindowedSkill[] = [],
  ) {}

  /** `addMonthsToDate(date, months)`. */
  addMonths = (date: IsoDate, months: number): IsoDate => {
    const key = `${date}|${months}`;
    let v = this.added.get(key);
    if (v === undefined) {
      v = addMonthsToDate(date, months);
      this.added.set(key, v);
    }
    return v;
  };

  /** `daysBetween(date, today)`: positive once `date` has passed. */
  daysSince(date: IsoDate): number {
    let v = this.late.get(date);
    if (v === undefined) {
      v = daysBetween(date, this.today);
      this.late.set(date, v);
    }
    return v;
  }

  /** `monthsSinceStart(start, today)`. */
  monthsSince(start: IsoDate): number {
    let v = this.since.get(start);
    if (v === undefined) {
      v = monthsSinceStart(start, this.today);
      this.since.set(start, v);
    }
    return v;
  }

  /** `expectedCoverage(skills, m)` for the skills given to the constructor. */
  expectedAt(m: number): number {
    let v = this.expected.get(m);
    if (v === undefined) {
      v = expectedCoverage(this.skills, m);
      this.expected.set(m, v);
    }
    return v;
  }
}
