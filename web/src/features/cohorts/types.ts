import type { RouterOutputs } from '../../trpc';

export type CohortData = RouterOutputs['cohorts']['get'];
export type CohortMember = CohortData['members'][number];
export type Assignment = CohortData['assignments'][number];
export type CohortRole = 'mentor' | 'learner';
export const COHORT_ROLES: readonly CohortRole[] = ['mentor', 'learner'];
