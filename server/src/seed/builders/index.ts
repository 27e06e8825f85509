/**
 * Data builders for volume (issue #16): typed rows per table and bulk inserts (multi-row, in
 * chunks) for users, organisations and memberships, cohorts and their members and assignments,
 * skill progress, and submissions with revisions, reviews, ratings and analyses; plus the
 * deterministic PRNG the seeds draw from. Shared by the demo seed, the bench seeder and the tests.
 * Tenant rows are inserted as given: call them inside a transaction scoped to the organisation.
 */
export {
  type CohortMemberSeed,
  type CohortSeed,
  insertCohortMembers,
  insertCohorts,
  insertStageAssignments,
  type StageAssignmentSeed,
} from './cohorts';
export {
  insertMemberships,
  insertOrganization,
  insertUsers,
} from './people';
export { insertSkillProgress, type SkillProgressSeed } from './progress';
export { normal, pick, type Rng, rng, sample, uuidFrom } from './random';
export {
  type AnalysisSeed,
  dedupeKey,
  insertSubmissionHistory,
  type RatingSeed,
  type SubmissionHistory,
  type SubmissionSeed,
  submissionHistory,
} from './submissions';
