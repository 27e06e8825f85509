/** The shapes one bench organisation's data is generated in, and the draws every part shares. */
import type { IsoDate } from '@masar/shared';
import type { getRoadmap } from '../../../server/src/features/roadmaps/service';
import type { Rng } from '../../../server/src/seed/builders';

export const DAY_MS = 86_400_000;

/** The organisation's copy of the built-in roadmap, as the server's service reads it. */
export type Roadmap = Awaited<ReturnType<typeof getRoadmap>>;
export type Skill = Roadmap['skills'][number];

/** One bench organisation to generate. */
export interface OrgPlan {
  slug: string;
  name: string;
  learners: number;
  cohorts: number;
  submissions: number;
  /** Months ago of the youngest and the oldest cohort's start. */
  ageRange: [number, number];
}

/** One organisation's generation: its PRNG, deterministic ids from it, and "today". */
export interface Gen {
  random: Rng;
  id: () => string;
  today: IsoDate;
}

export interface Person {
  id: string;
  email: string;
  name: string;
  github: string | null;
}

export interface CohortPlan {
  id: string;
  name: string;
  startDate: IsoDate;
  size: number;
  mentors: [Person, Person];
}

/** A learner placed in a cohort, with their own start (a few start a month late) and pace. */
export interface PlacedLearner extends Person {
  cohort: CohortPlan;
  start: IsoDate;
  pace: number;
  elapsedDays: number;
}

/** A moment on `date` between `fromHour` and `fromHour + span` (UTC). */
export const at = (date: IsoDate, random: Rng, fromHour = 8, span = 12) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + (fromHour + random() * span) * 3_600_000);
