import { useQueryClient } from '@tanstack/react-query';
import { type RouterOutputs, useTRPC } from '../../trpc';

/** The cohort page's data (one `cohorts.get`) and its parts. */
export type CohortData = RouterOutputs['cohorts']['get'];
export type CohortMember = CohortData['members'][number];
export type Assignment = CohortData['assignments'][number];
/** The roadmap a cohort follows (one `roadmaps.get`), for its assignments. */
export type RoadmapData = RouterOutputs['roadmaps']['get'];
export type CohortRole = 'mentor' | 'learner';
export const COHORT_ROLES: readonly CohortRole[] = ['mentor', 'learner'];

/** A result line under a card's form. */
export type Notice = { tone: 'error' | 'success'; text: string } | null;

/** After a change to a cohort's members or assignments: the cohort, and everyone's progress. */
export function useRefreshCohort() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.cohorts.pathFilter()),
      queryClient.invalidateQueries(trpc.progress.pathFilter()),
    ]);
}
