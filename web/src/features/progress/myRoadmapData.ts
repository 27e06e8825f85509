import type { DueState } from '@masar/shared';
import { routes } from '../../lib/routes';
import type { RouterOutputs } from '../../trpc';

type Mine = RouterOutputs['progress']['mine'];
export type MyCohort = Mine['cohorts'][number];
export type MySkill = MyCohort['skills'][number];

/** A due state's badge tone. */
export const DUE_TONE: Record<DueState, 'danger' | 'warning' | 'neutral' | 'success'> = {
  overdue: 'danger',
  due_soon: 'warning',
  upcoming: 'neutral',
  done: 'success',
};

export const NEXT_UP_LIMIT = 5;
export const PROJECTS_LIMIT = 3;

/** The submit form, with the cohort (and a brief or a skill) chosen already. */
export function submitPath(slug: string, cohortId: string, extra: Record<string, string> = {}) {
  return routes.submit(slug, { cohortId, ...extra });
}
