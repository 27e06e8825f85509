import { useQueryClient } from '@tanstack/react-query';
import { type RouterOutputs, useTRPC } from '../../trpc';

/** The roadmap page's data (one `roadmaps.get`), its parts, and the editor's dialog state. */
export type RoadmapData = RouterOutputs['roadmaps']['get'];
export type Stage = RoadmapData['stages'][number];
export type Skill = RoadmapData['skills'][number];
export type Brief = RoadmapData['briefs'][number];
export type Resource = RoadmapData['resources'][number];

export type DialogState =
  | { kind: 'roadmap' }
  | { kind: 'stage'; stage?: Stage | undefined }
  | { kind: 'skill'; stageId: string; skill?: Skill | undefined }
  | { kind: 'brief'; brief?: Brief | undefined }
  | { kind: 'resource'; resource?: Resource | undefined };

/** After any roadmap change: the roadmap itself, and the pages that show its text and windows. */
export function useInvalidateRoadmaps() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.roadmaps.pathFilter()),
      queryClient.invalidateQueries(trpc.progress.pathFilter()),
      queryClient.invalidateQueries(trpc.cohorts.pathFilter()),
    ]);
}
