/**
 * Cohorts spread over the timeline, learners placed in them (a few hires start a month later than
 * their cohort, each learner at their own pace), and each cohort's stage assignments.
 */
import { addDaysToDate, addMonthsToDate } from '@masar/shared';
import {
  type CohortMemberSeed,
  type CohortSeed,
  normal,
  type StageAssignmentSeed,
  sample,
} from '../../../server/src/seed/builders';
import {
  type CohortPlan,
  DAY_MS,
  type Gen,
  type OrgPlan,
  type Person,
  type PlacedLearner,
  type Roadmap,
  type Skill,
} from './plan';

/** The youngest cohort started `ageRange[0]` months ago, the oldest `ageRange[1]`. */
export function planCohorts(gen: Gen, plan: OrgPlan, mentors: Person[]): CohortPlan[] {
  const [young, old] = plan.ageRange;
  return Array.from({ length: plan.cohorts }, (_, k) => {
    const monthsAgo =
      plan.cohorts === 1 ? Math.round((young + old) / 2) : Math.round(old - ((old - young) * k) / (plan.cohorts - 1));
    const startDate = addMonthsToDate(gen.today, -monthsAgo);
    const size = Math.floor(plan.learners / plan.cohorts) + (k < plan.learners % plan.cohorts ? 1 : 0);
    return {
      id: gen.id(),
      name: `${plan.cohorts === 1 ? 'Cohort' : `Cohort ${String(k + 1).padStart(2, '0')}`} — ${startDate.slice(0, 7)}`,
      startDate,
      size,
      mentors: [mentors[2 * k]!, mentors[2 * k + 1]!],
    };
  });
}

/** The learners in order, cohort by cohort; 5% start a month late; pace log-normal around 1. */
export function placeLearners(gen: Gen, cohorts: CohortPlan[], learners: Person[]): PlacedLearner[] {
  const { random } = gen;
  const placed: PlacedLearner[] = [];
  let next = 0;
  for (const c of cohorts) {
    for (let j = 0; j < c.size; j++) {
      const u = learners[next++]!;
      const late = random() < 0.05;
      const start = late ? addMonthsToDate(c.startDate, 1) : c.startDate;
      const pace = Math.min(2.4, Math.max(0.35, Math.exp(0.38 * normal(random))));
      const elapsedDays = Math.max(0, (Date.parse(gen.today) - Date.parse(start)) / DAY_MS);
      placed.push({ ...u, cohort: c, start, pace, elapsedDays });
    }
  }
  return placed;
}

/** The cohorts' rows: each created two weeks before it starts. */
export function cohortRows(cohorts: CohortPlan[], roadmapId: string, createdBy: string): CohortSeed[] {
  return cohorts.map((c) => ({
    id: c.id,
    roadmapId,
    name: c.name,
    startDate: c.startDate,
    createdBy,
    createdAt: new Date(`${addDaysToDate(c.startDate, -14)}T09:00:00Z`),
  }));
}

/** Two mentors per cohort, then its learners (a late starter with their own start date). */
export function cohortMemberRows(cohorts: CohortPlan[], placed: PlacedLearner[], createdAt: Date): CohortMemberSeed[] {
  const lateStart = new Map(placed.filter((l) => l.start !== l.cohort.startDate).map((l) => [l.id, l.start]));
  return [
    ...cohorts.flatMap((c) =>
      c.mentors.map((m): CohortMemberSeed => ({ cohortId: c.id, userId: m.id, role: 'mentor', createdAt })),
    ),
    ...placed.map(
      (l): CohortMemberSeed => ({
        cohortId: l.cohort.id,
        userId: l.id,
        role: 'learner',
        personalStartDate: lateStart.get(l.id) ?? null,
        createdAt,
      }),
    ),
  ];
}

/**
 * Each stage whose window has begun, for the whole cohort (due relative to each learner's start),
 * plus an early "tests and containers" assignment for a fifth of the cohort's learners.
 */
export function stageAssignments(
  gen: Gen,
  roadmap: Roadmap,
  skills: Skill[],
  cohorts: CohortPlan[],
  placed: PlacedLearner[],
): StageAssignmentSeed[] {
  const { random, id } = gen;
  const skillByKey = new Map(skills.map((s) => [s.key, s]));
  const assignments: StageAssignmentSeed[] = [];
  for (const c of cohorts) {
    const months = (Date.parse(gen.today) - Date.parse(c.startDate)) / (30.44 * DAY_MS);
    for (const stage of roadmap.stages) {
      if (stage.startMonth > months + 1) continue;
      assignments.push({
        id: id(),
        cohortId: c.id,
        stageId: stage.id,
        skillIds: skills.filter((s) => s.stageId === stage.id).map((s) => s.skillId),
        learnerIds: [],
        dueDate: addMonthsToDate(c.startDate, stage.endMonth),
        dueOffsetMonths: stage.endMonth,
        note: `${stage.title}: due ${stage.endMonth} months after your start.`,
        createdBy: c.mentors[0].id,
        createdAt: new Date(`${c.startDate}T09:00:00Z`),
      });
    }
    const members = placed.filter((l) => l.cohort === c);
    assignments.push({
      id: id(),
      cohortId: c.id,
      stageId: null,
      skillIds: ['testing', 'docker'].map((k) => skillByKey.get(k)!.skillId),
      learnerIds: sample(random, members, Math.ceil(members.length / 5)).map((l) => l.id),
      dueDate: addMonthsToDate(c.startDate, 8),
      dueOffsetMonths: null,
      note: 'Early start on tests and containers.',
      createdBy: c.mentors[1].id,
      createdAt: new Date(`${addMonthsToDate(c.startDate, 1)}T09:00:00Z`),
    });
  }
  return assignments;
}
